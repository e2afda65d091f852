package dev.rarec.train;

import ai.djl.ndarray.NDArray;

import java.util.Optional;

/**
 * SimPO as the paper writes it for candidate sets, eq. 7: -log σ(β log P_θ(C_w) - β log P_θ(C_l) - γ).
 * No reference model; all sets have k items, so the length normalisation of the original SimPO is a
 * constant factor absorbed by β.
 */
final class SimPoLoss extends PairwiseLoss {
    SimPoLoss(double beta, double gamma) {
        super(beta, gamma);
    }

    @Override
    NDArray setScores(NDArray logProbs, Optional<NDArray> refLogProbs) {
        return logProbs;
    }
}
