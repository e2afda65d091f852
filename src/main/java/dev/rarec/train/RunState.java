package dev.rarec.train;

import dev.rarec.util.GitInfo;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a run stands, saved as JSON beside the last checkpoint: enough to continue an interrupted run
 * exactly where it stopped (the candidate sets and dropout masks are re-derived from the seed and the
 * position, see {@link Seeds}). Mutable, and only ever touched by the training thread.
 */
final class RunState {
    public PreferenceConfig config;
    public int examples;
    /** The epoch in progress and the position in its shuffled order of the next batch. */
    public int epoch;
    public int position;
    public int steps;
    public int lastValidatedStep = -1;
    /** Calls to the generator, and sets served from the trainer's memo or the generator's cache. */
    public long generatorCalls;
    public long cacheHits;
    /** What counts against the budget: the generator's own figures when it reports them, else calls and estimates. */
    public long requests;
    public long tokens;
    public boolean tokensMeasured;
    public long skippedExamples;
    public long resampled;
    public long noPreference;
    /** Running sum and count of the first-drawn sets' rewards in the epoch in progress. */
    public double epochRewardSum;
    public long epochRewardCount;
    public List<Double> meanRewardByEpoch = new ArrayList<>();
    /** Over the run, the first-drawn sets (see {@link TrainResult.FirstDraws}). */
    public long drawnSets;
    public long drawnSetsWithTarget;
    public double drawnRewardSum;
    public double drawnRewardSquares;
    public long drawnGroups;
    public long drawnGroupsTied;
    public double bestValidation = Double.NEGATIVE_INFINITY;
    public int bestStep;
    public boolean stoppedByBudget;
    public boolean completed;
    public double wallSeconds;
    public String gitCommit = GitInfo.commit();
    public boolean gitDirty = GitInfo.dirty();

    static RunState fresh(PreferenceConfig config, int examples) {
        RunState s = new RunState();
        s.config = config;
        s.examples = examples;
        return s;
    }

    void closeEpoch(boolean usesGenerator) {
        if (usesGenerator) meanRewardByEpoch.add(epochRewardCount == 0 ? 0.0 : epochRewardSum / epochRewardCount);
        epochRewardSum = 0;
        epochRewardCount = 0;
        epoch++;
        position = 0;
    }
}
