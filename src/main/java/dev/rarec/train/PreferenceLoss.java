package dev.rarec.train;

import ai.djl.ndarray.NDArray;

import java.util.Optional;

/**
 * L_rl of eq. 6: how the generator's feedback on a group of candidate sets sampled from π_θ becomes a
 * loss on their log-likelihoods. The trainer adds it to the NLL term.
 */
public interface PreferenceLoss {

    /** Candidate sets sampled per example. */
    int groupSize();

    /**
     * Whether the loss compares a preferred set C_w with a dispreferred C_l (DPO, SimPO). The trainer then
     * orders each pair with {@link WinnerRule} and passes C_w in column 0 and C_l in column 1.
     */
    boolean pairwise();

    /**
     * The loss averaged over groups, differentiable through {@code logProbs}.
     *
     * @param logProbs    log π_θ(C_i | history), shape [G, groupSize]
     * @param refLogProbs log π_ref(C_i | history) of the frozen reference, same shape, when the reference is on
     * @param rewards     r_i per group (NDCG of the generator's ranking); GRPO's advantages come from them
     */
    NDArray loss(NDArray logProbs, Optional<NDArray> refLogProbs, double[][] rewards);

    /** The loss of {@code config.method()}; SFT has none. */
    static Optional<PreferenceLoss> of(PreferenceConfig config) {
        return switch (config.method()) {
            case SFT -> Optional.empty();
            case DPO -> Optional.of(new DpoLoss(config.beta()));
            case SIMPO -> Optional.of(new SimPoLoss(config.beta(), config.gamma()));
            case GRPO -> Optional.of(new GrpoLoss(config.groupSize(), config.beta()));
        };
    }
}
