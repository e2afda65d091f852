package dev.rarec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.rarec.retriever.NdMath;

import java.util.Optional;

/**
 * GRPO, eq. 5: -(1/g) Σ_i log π_θ(C_i) Â_i + β D_KL, with the advantages Â_i the rewards standardised
 * within their group. Sampling is on-policy and each group is used for one update, so the clipped
 * importance ratio of the original GRPO is 1 and only its gradient, ∇ log π_θ · Â, remains.
 * The KL term, present only with a reference model, is the k3 estimator of DeepSeekMath:
 * π_ref/π_θ - log(π_ref/π_θ) - 1 on each sampled set.
 */
final class GrpoLoss implements PreferenceLoss {
    private final int groupSize;
    private final double beta;

    GrpoLoss(int groupSize, double beta) {
        this.groupSize = groupSize;
        this.beta = beta;
    }

    @Override
    public int groupSize() {
        return groupSize;
    }

    @Override
    public boolean pairwise() {
        return false;
    }

    @Override
    public NDArray loss(NDArray logProbs, Optional<NDArray> refLogProbs, double[][] rewards) {
        int groups = rewards.length;
        float[] advantages = new float[groups * groupSize];
        for (int g = 0; g < groups; g++) {
            double[] a = advantages(rewards[g]);
            for (int i = 0; i < groupSize; i++) advantages[g * groupSize + i] = (float) a[i];
        }
        NDArray a = logProbs.getManager().create(advantages, new Shape(groups, groupSize)).toType(logProbs.getDataType(), false);
        NDArray loss = logProbs.mul(a).mean(new int[] {1}).neg().mean();
        if (refLogProbs.isPresent() && beta > 0) {
            NDArray logRatio = refLogProbs.get().sub(logProbs);
            NDArray kl = logRatio.exp().sub(logRatio).sub(1).mean();
            loss = loss.add(kl.mul(NdMath.scalar(kl, beta)));
        }
        return loss;
    }

    /**
     * (r_i - mean) / std within one group, std with Bessel's correction as in the TRL reference
     * implementation. A group whose rewards are all equal carries no preference: its advantages are 0.
     */
    static double[] advantages(double[] rewards) {
        int g = rewards.length;
        double mean = 0;
        for (double r : rewards) mean += r;
        mean /= g;
        double var = 0;
        for (double r : rewards) var += (r - mean) * (r - mean);
        double std = Math.sqrt(var / (g - 1));
        double[] a = new double[g];
        if (std < 1e-12) return a;
        for (int i = 0; i < g; i++) a[i] = (rewards[i] - mean) / std;
        return a;
    }
}
