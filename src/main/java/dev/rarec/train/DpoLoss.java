package dev.rarec.train;

import ai.djl.ndarray.NDArray;
import dev.rarec.retriever.PlackettLuce;

import java.util.Optional;

/**
 * Online DPO, eq. 4: -log σ(β [log π_θ(C_w)/π_ref(C_w) - log π_θ(C_l)/π_ref(C_l)]). Without the reference
 * (the paper's final setting, A.2) the ratios reduce to the policy's own log-likelihoods.
 */
final class DpoLoss implements PreferenceLoss {
    private final double beta;

    DpoLoss(double beta) {
        this.beta = beta;
    }

    @Override
    public int groupSize() {
        return 2;
    }

    @Override
    public boolean pairwise() {
        return true;
    }

    @Override
    public NDArray loss(NDArray logProbs, Optional<NDArray> refLogProbs, double[][] rewards) {
        NDArray ratios = refLogProbs.map(logProbs::sub).orElse(logProbs);
        NDArray difference = ratios.get(":, 0").sub(ratios.get(":, 1"));
        NDArray margin = difference.mul(PlackettLuce.scalar(difference, beta));
        return PreferenceLoss.negLogSigmoid(margin).mean();
    }
}
