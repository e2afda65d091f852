package dev.rarec.train;

/**
 * How {@link Pretrainer} trains a retriever on item sequences.
 *
 * @param epochs           passes over the training windows (the cosine schedule spans all of them)
 * @param batchSize        sequences (windows) per step
 * @param learningRate     peak AdamW learning rate
 * @param weightDecay      decoupled weight decay
 * @param warmupSteps      linear warm-up steps before the cosine decay
 * @param negatives        sampled negatives per step, shared by the batch, on top of the in-batch negatives
 *                         (appendix A.2: 100); ignored with {@code fullSoftmax}
 * @param fullSoftmax      score every item instead of sampling (the LRURec protocol on ml-1m)
 * @param validateEvery    validate every this many steps; 0 validates at the end of every epoch
 * @param patience         stop after this many validations without a better selection metric (NDCG@10 by default)
 * @param maxMinutes       stop (after validating) once this invocation has run this long (a resumed run counts
 *                         afresh); 0 = no limit
 * @param maxValidExamples validate on at most this many examples (a fixed, seeded subset); 0 = all
 * @param evalBatchSize    histories scored at once during validation
 * @param seed             seed of shuffling, negative sampling, masking and dropout
 * @param recipe           windows, batching, schedule and checkpoint selection ({@link PretrainRecipe#DEFAULT}
 *                         or the LRURec authors' code)
 */
public record PretrainConfig(int epochs, int batchSize, double learningRate, double weightDecay, int warmupSteps,
                             int negatives, boolean fullSoftmax, int validateEvery, int patience, double maxMinutes,
                             int maxValidExamples, int evalBatchSize, long seed, PretrainRecipe recipe) {
    public PretrainConfig {
        if (recipe == null) throw new IllegalArgumentException("recipe must be given");
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        if (learningRate <= 0) throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        if (warmupSteps < 0) throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        if (negatives < 0) throw new IllegalArgumentException("negatives must be >= 0, got " + negatives);
        if (validateEvery < 0) throw new IllegalArgumentException("validateEvery must be >= 0, got " + validateEvery);
        if (patience < 1) throw new IllegalArgumentException("patience must be >= 1, got " + patience);
        if (maxMinutes < 0) throw new IllegalArgumentException("maxMinutes must be >= 0, got " + maxMinutes);
        if (evalBatchSize < 1) throw new IllegalArgumentException("evalBatchSize must be >= 1, got " + evalBatchSize);
    }

    /** With this project's {@link PretrainRecipe#DEFAULT}. */
    public PretrainConfig(int epochs, int batchSize, double learningRate, double weightDecay, int warmupSteps, int negatives,
                          boolean fullSoftmax, int validateEvery, int patience, double maxMinutes, int maxValidExamples,
                          int evalBatchSize, long seed) {
        this(epochs, batchSize, learningRate, weightDecay, warmupSteps, negatives, fullSoftmax, validateEvery, patience, maxMinutes,
                maxValidExamples, evalBatchSize, seed, PretrainRecipe.DEFAULT);
    }

    /** Appendix A.2 pretraining: 100 sampled + in-batch negatives, AdamW 1e-3, warm-up 100 then cosine. */
    public static PretrainConfig defaults() {
        return new PretrainConfig(50, 64, 1e-3, 0.01, 100, 100, false, 0, 5, 0, 0, 256, 42);
    }

    /** The LRURec ml-1m protocol: full softmax, batch 128, AdamW lr 1e-3, weight decay 0.01 (warm-up of only 10 steps: the runs here are short). */
    public static PretrainConfig lruRecProtocol(int epochs, double maxMinutes, long seed) {
        return new PretrainConfig(epochs, 128, 1e-3, 0.01, 10, 0, true, 0, 10, maxMinutes, 0, 256, seed);
    }

    public PretrainConfig withEpochs(int n) {
        return new PretrainConfig(n, batchSize, learningRate, weightDecay, warmupSteps, negatives, fullSoftmax, validateEvery, patience, maxMinutes, maxValidExamples, evalBatchSize, seed, recipe);
    }

    public PretrainConfig withMaxMinutes(double minutes) {
        return new PretrainConfig(epochs, batchSize, learningRate, weightDecay, warmupSteps, negatives, fullSoftmax, validateEvery, patience, minutes, maxValidExamples, evalBatchSize, seed, recipe);
    }

    public PretrainConfig withSeed(long newSeed) {
        return new PretrainConfig(epochs, batchSize, learningRate, weightDecay, warmupSteps, negatives, fullSoftmax, validateEvery, patience, maxMinutes, maxValidExamples, evalBatchSize, newSeed, recipe);
    }

    public PretrainConfig withValidation(int every, int newPatience, int maxExamples) {
        return new PretrainConfig(epochs, batchSize, learningRate, weightDecay, warmupSteps, negatives, fullSoftmax, every, newPatience, maxMinutes, maxExamples, evalBatchSize, seed, recipe);
    }

    public PretrainConfig withBatchSize(int n) {
        return new PretrainConfig(epochs, n, learningRate, weightDecay, warmupSteps, negatives, fullSoftmax, validateEvery, patience, maxMinutes, maxValidExamples, evalBatchSize, seed, recipe);
    }

    public PretrainConfig withRecipe(PretrainRecipe r) {
        return new PretrainConfig(epochs, batchSize, learningRate, weightDecay, warmupSteps, negatives, fullSoftmax, validateEvery, patience, maxMinutes, maxValidExamples, evalBatchSize, seed, r);
    }

    public PretrainConfig withLearningRate(double lr, int warmup) {
        return new PretrainConfig(epochs, batchSize, lr, weightDecay, warmup, negatives, fullSoftmax, validateEvery, patience, maxMinutes, maxValidExamples, evalBatchSize, seed, recipe);
    }
}
