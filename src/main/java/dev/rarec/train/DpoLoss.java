package dev.rarec.train;

import ai.djl.ndarray.NDArray;

import java.util.Optional;

/**
 * Online DPO, eq. 4: -log σ(β [log π_θ(C_w)/π_ref(C_w) - log π_θ(C_l)/π_ref(C_l)]). Without the reference
 * (the paper's final setting, A.2) the ratios reduce to the policy's own log-likelihoods.
 */
final class DpoLoss extends PairwiseLoss {
    DpoLoss(double beta) {
        super(beta, 0);
    }

    @Override
    NDArray setScores(NDArray logProbs, Optional<NDArray> refLogProbs) {
        return refLogProbs.map(logProbs::sub).orElse(logProbs);
    }
}
