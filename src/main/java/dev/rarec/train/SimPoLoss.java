package dev.rarec.train;

import ai.djl.ndarray.NDArray;
import dev.rarec.retriever.PlackettLuce;

import java.util.Optional;

/**
 * SimPO as the paper writes it for candidate sets, eq. 7: -log σ(β log P_θ(C_w) - β log P_θ(C_l) - γ).
 * No reference model; all sets have k items, so the length normalisation of the original SimPO is a
 * constant factor absorbed by β.
 */
final class SimPoLoss implements PreferenceLoss {
    private final double beta;
    private final double gamma;

    SimPoLoss(double beta, double gamma) {
        this.beta = beta;
        this.gamma = gamma;
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
        NDArray difference = logProbs.get(":, 0").sub(logProbs.get(":, 1"));
        NDArray margin = difference.mul(PlackettLuce.scalar(difference, beta)).sub(gamma);
        return PreferenceLoss.negLogSigmoid(margin).mean();
    }
}
