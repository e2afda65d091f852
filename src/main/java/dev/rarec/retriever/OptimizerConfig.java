package dev.rarec.retriever;

/**
 * How a {@link TrainableRetriever} updates θ: AdamW with a linear warm-up followed by cosine decay (or a
 * constant learning rate).
 *
 * @param learningRate     peak learning rate
 * @param weightDecay      decoupled weight decay of AdamW
 * @param warmupSteps      steps of linear warm-up (appendix A.2 uses 100 for preference optimisation)
 * @param totalSteps       steps over which the cosine decays to zero after warm-up
 * @param cosine           false keeps the learning rate constant (no warm-up, no decay), as the LRURec code does
 * @param maxGradNorm      gradients are scaled down to this global L2 norm when above it; 0 = no clipping
 * @param epsilon          AdamW's ε
 * @param decayRecurrence  whether LRU's λ/γ parameters get weight decay (the LRURec code decays them)
 */
public record OptimizerConfig(double learningRate, double weightDecay, int warmupSteps, int totalSteps, boolean cosine,
                              double maxGradNorm, double epsilon, boolean decayRecurrence) {
    public OptimizerConfig {
        if (learningRate <= 0) throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        if (warmupSteps < 0 || totalSteps < 1) throw new IllegalArgumentException("need warmupSteps >= 0 and totalSteps >= 1");
        if (maxGradNorm < 0) throw new IllegalArgumentException("maxGradNorm must be >= 0, got " + maxGradNorm);
        if (epsilon <= 0) throw new IllegalArgumentException("epsilon must be > 0, got " + epsilon);
    }

    /** Warm-up then cosine decay, no clipping, ε 1e-8, λ/γ not decayed. */
    public OptimizerConfig(double learningRate, double weightDecay, int warmupSteps, int totalSteps) {
        this(learningRate, weightDecay, warmupSteps, totalSteps, true, 0, 1e-8, false);
    }

    /** A constant learning rate (no warm-up, no decay). */
    public static OptimizerConfig constant(double learningRate, double weightDecay, int totalSteps, double maxGradNorm, double epsilon,
                                           boolean decayRecurrence) {
        return new OptimizerConfig(learningRate, weightDecay, 0, totalSteps, false, maxGradNorm, epsilon, decayRecurrence);
    }
}
