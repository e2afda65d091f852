package dev.rarec.train;

import ai.djl.ndarray.NDArray;
import dev.rarec.retriever.NdMath;

import java.util.Optional;

/**
 * The shape DPO and SimPO share: each group is a pair (C_w in column 0, C_l in column 1) and the loss is
 * -log σ(β [s(C_w) - s(C_l)] - γ), averaged over pairs. The two differ only in the score s of a set
 * ({@link #setScores}) and in γ.
 */
abstract class PairwiseLoss implements PreferenceLoss {
    private final double beta;
    private final double gamma;

    PairwiseLoss(double beta, double gamma) {
        this.beta = beta;
        this.gamma = gamma;
    }

    /** s(C) of each set, shape [G, 2]. */
    abstract NDArray setScores(NDArray logProbs, Optional<NDArray> refLogProbs);

    @Override
    public final int groupSize() {
        return 2;
    }

    @Override
    public final boolean pairwise() {
        return true;
    }

    @Override
    public final NDArray loss(NDArray logProbs, Optional<NDArray> refLogProbs, double[][] rewards) {
        NDArray s = setScores(logProbs, refLogProbs);
        NDArray difference = s.get(":, 0").sub(s.get(":, 1"));
        NDArray margin = difference.mul(NdMath.scalar(difference, beta)).sub(NdMath.scalar(difference, gamma));
        return NdMath.negLogSigmoid(margin).mean();
    }
}
