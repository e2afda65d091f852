package dev.rarec.retriever;

/**
 * How a {@link TrainableRetriever} updates θ: AdamW with a linear warm-up followed by cosine decay.
 *
 * @param learningRate peak learning rate
 * @param weightDecay  decoupled weight decay of AdamW
 * @param warmupSteps  steps of linear warm-up (appendix A.2 uses 100 for preference optimisation)
 * @param totalSteps   steps over which the cosine decays to zero after warm-up
 */
public record OptimizerConfig(double learningRate, double weightDecay, int warmupSteps, int totalSteps) {
    public OptimizerConfig {
        if (learningRate <= 0) throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        if (warmupSteps < 0 || totalSteps < 1) throw new IllegalArgumentException("need warmupSteps >= 0 and totalSteps >= 1");
    }
}
