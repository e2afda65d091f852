package dev.rarec.train;

import java.nio.file.Path;
import java.util.List;

/**
 * What a training run did.
 *
 * @param method              sft, dpo, grpo or simpo
 * @param bestValidation      the best validation NDCG@10 seen (including the initial retriever's)
 * @param bestStep            the optimisation step of the best checkpoint (0 = the initial retriever)
 * @param bestCheckpoint      where the best retriever is saved
 * @param steps               optimisation steps taken, over all sessions of a resumed run
 * @param examples            training examples used per epoch (after the 2,500 cap and dropping examples without targets)
 * @param generatorCalls      calls made to the generator (a set repeated within an example is asked once)
 * @param cacheHits           rankings reused instead of asked for: repeated sets within an example, plus the
 *                            generator cache's hits when a {@link GeneratorUsage} reports them
 * @param requests            calls that count against the budget: those that reached the endpoint when a
 *                            {@link GeneratorUsage} reports them, else every generator call
 * @param tokens              prompt + completion tokens: reported by the endpoint when {@code tokensMeasured}, else estimated
 * @param tokensMeasured      whether {@code tokens} and {@code requests} come from a {@link GeneratorUsage}
 * @param skippedExamples     examples skipped because a generator call failed
 * @param resampled           candidate-set pairs re-drawn because neither held a label (DPO, SimPO)
 * @param noPreference        examples whose pair still had no preference after the resample limit: NLL only
 * @param meanRewardByEpoch   mean NDCG reward of the sets sampled first for each example, per epoch (empty for SFT)
 * @param stoppedByBudget     the run stopped at the user's budget; it resumes from its last state
 * @param completed           all epochs are done
 * @param wallSeconds         wall time of all sessions
 * @param firstDraws          what the first-drawn candidate sets held, over the run (empty figures for SFT)
 */
public record TrainResult(String method, double bestValidation, int bestStep, Path bestCheckpoint, int steps,
                          int examples, long generatorCalls, long cacheHits, long requests, long tokens, boolean tokensMeasured,
                          long skippedExamples, long resampled, long noPreference, List<Double> meanRewardByEpoch,
                          boolean stoppedByBudget, boolean completed, double wallSeconds, FirstDraws firstDraws) {
    public TrainResult {
        meanRewardByEpoch = List.copyOf(meanRewardByEpoch);
    }

    /**
     * How much signal the RL term got: each example's first-drawn candidate sets, before any re-draw.
     *
     * @param sets       sets rewarded
     * @param withTarget share of them holding a target (reward > 0)
     * @param rewardMean mean of their rewards
     * @param rewardStd  standard deviation of their rewards
     * @param groups     examples (groups of sets) rewarded
     * @param tied       share of groups whose rewards are all equal (most often: no set holds a target), which carry
     *                   no preference: a pair is re-drawn, a GRPO group gets zero advantages
     */
    public record FirstDraws(long sets, double withTarget, double rewardMean, double rewardStd, long groups, double tied) {
        static FirstDraws of(RunState s) {
            double mean = s.drawnSets == 0 ? 0 : s.drawnRewardSum / s.drawnSets;
            double variance = s.drawnSets == 0 ? 0 : Math.max(0, s.drawnRewardSquares / s.drawnSets - mean * mean);
            return new FirstDraws(s.drawnSets, s.drawnSets == 0 ? 0 : s.drawnSetsWithTarget / (double) s.drawnSets, mean,
                    Math.sqrt(variance), s.drawnGroups, s.drawnGroups == 0 ? 0 : s.drawnGroupsTied / (double) s.drawnGroups);
        }
    }
}
