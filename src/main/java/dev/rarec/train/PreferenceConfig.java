package dev.rarec.train;

import java.util.Locale;

/**
 * Everything that decides a post-training run of the retriever (section 3.3, algorithm 1, appendix A.2).
 * Two runs with equal configs (the budget aside) on the same data give the same model.
 *
 * @param method         sft (NLL only), dpo (eq. 4), grpo (eq. 5) or simpo (eq. 7); each RL loss is added to the NLL (eq. 6)
 * @param beta           β of eqs. 4, 5 and 7 (A.2 searches 0.05, 0.1, 0.2)
 * @param gamma          γ, the target margin of SimPO (eq. 7)
 * @param groupSize      candidate sets sampled per example: 2 for DPO and SimPO, g = 8 for GRPO (A.2)
 * @param k              retrieval size, the number of items per candidate set (25 in the paper)
 * @param temperature    τ of the Plackett-Luce policy exp(s/τ)
 * @param resampleLimit  DPO/SimPO: how many times a pair without any label item is re-drawn before the example's
 *                       RL term is skipped (A.2 resamples "until" one set holds a label; we bound it)
 * @param maxExamples    training examples kept per run (A.2 subsamples larger sets to 2,500 with the seed)
 * @param epochs         passes over the (subsampled) training examples
 * @param learningRate   peak learning rate of AdamW (A.2 searches 5e-5, 1e-4)
 * @param weightDecay    AdamW's decoupled weight decay
 * @param warmupSteps    linear warm-up before the cosine decay (100 in A.2)
 * @param batchSize      examples per optimisation step
 * @param evalEvery      steps between validations (also validated at the end of every epoch)
 * @param seed           the one source of randomness of the run (subsample, order, candidate sets, dropout masks);
 *                       the dropout rate itself is the retriever's own (its {@code RetrieverConfig}, set at pretraining)
 * @param referenceModel whether π_ref (a frozen copy of the initial retriever) enters DPO and GRPO's KL term;
 *                       off by default, as in the paper's final experiments (A.2)
 * @param budget         a hard cap on generator calls and prompt tokens, cumulative over resumes
 */
public record PreferenceConfig(Method method, double beta, double gamma, int groupSize, int k, double temperature,
                               int resampleLimit, int maxExamples, int epochs, double learningRate, double weightDecay,
                               int warmupSteps, int batchSize, int evalEvery, long seed,
                               boolean referenceModel, Budget budget) {

    /** The training objective. */
    public enum Method {
        SFT, DPO, GRPO, SIMPO;

        /** Whether the method asks the generator for feedback. */
        public boolean usesGenerator() {
            return this != SFT;
        }

        /** Whether the method compares two sets, one preferred (DPO, SimPO). */
        public boolean pairwise() {
            return this == DPO || this == SIMPO;
        }

        public static Method parse(String name) {
            try {
                return valueOf(name.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown method '" + name + "': expected sft, dpo, grpo or simpo", e);
            }
        }

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * A hard cap on what an LLM-feedback run may spend.
     *
     * @param maxCalls  generator calls (responses served from the trainer's own memo do not count)
     * @param maxTokens estimated prompt + completion tokens of those calls
     */
    public record Budget(long maxCalls, long maxTokens) {
        public static final Budget UNLIMITED = new Budget(Long.MAX_VALUE, Long.MAX_VALUE);

        public Budget {
            if (maxCalls < 0 || maxTokens < 0) throw new IllegalArgumentException("budget must be >= 0");
        }

        public boolean unlimited() {
            return maxCalls == Long.MAX_VALUE && maxTokens == Long.MAX_VALUE;
        }
    }

    public PreferenceConfig {
        if (method == null) throw new IllegalArgumentException("method is required");
        if (beta < 0) throw new IllegalArgumentException("beta must be >= 0, got " + beta);
        if (method.pairwise() && groupSize != 2) {
            throw new IllegalArgumentException(method + " compares two candidate sets: groupSize must be 2, got " + groupSize);
        }
        if (method == Method.GRPO && groupSize < 2) throw new IllegalArgumentException("grpo needs groupSize >= 2, got " + groupSize);
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (temperature <= 0) throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        if (resampleLimit < 0) throw new IllegalArgumentException("resampleLimit must be >= 0, got " + resampleLimit);
        if (maxExamples < 1) throw new IllegalArgumentException("maxExamples must be >= 1, got " + maxExamples);
        if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
        if (learningRate <= 0) throw new IllegalArgumentException("learningRate must be > 0, got " + learningRate);
        if (warmupSteps < 0) throw new IllegalArgumentException("warmupSteps must be >= 0, got " + warmupSteps);
        if (batchSize < 1) throw new IllegalArgumentException("batchSize must be >= 1, got " + batchSize);
        if (evalEvery < 1) throw new IllegalArgumentException("evalEvery must be >= 1, got " + evalEvery);
        if (budget == null) budget = Budget.UNLIMITED;
    }

    /** The settings of appendix A.2 for {@code method}; dpo/simpo use β = 0.1, grpo a group of 8. */
    public static PreferenceConfig defaults(Method method) {
        return new PreferenceConfig(method, 0.1, 0.5, method == Method.GRPO ? 8 : 2, 25, 1.0, 3, 2500, 3,
                1e-4, 0.01, 100, 8, 100, 42L, false, Budget.UNLIMITED);
    }

    /** The same config with the budget left out: what must match for a resume to continue a run. */
    public PreferenceConfig withoutBudget() {
        return withBudget(Budget.UNLIMITED);
    }

    public PreferenceConfig withBudget(Budget b) {
        return new PreferenceConfig(method, beta, gamma, groupSize, k, temperature, resampleLimit, maxExamples, epochs,
                learningRate, weightDecay, warmupSteps, batchSize, evalEvery, seed, referenceModel, b);
    }

    /** A copy with some settings changed, for callers (CLI options, sweeps) that change several at once. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Mutable twin of the record; {@link #build()} validates. */
    public static final class Builder {
        private Method method;
        private double beta, gamma, temperature, learningRate, weightDecay;
        private int groupSize, k, resampleLimit, maxExamples, epochs, warmupSteps, batchSize, evalEvery;
        private long seed;
        private boolean referenceModel;
        private Budget budget;

        private Builder(PreferenceConfig c) {
            method = c.method; beta = c.beta; gamma = c.gamma; groupSize = c.groupSize; k = c.k;
            temperature = c.temperature; resampleLimit = c.resampleLimit; maxExamples = c.maxExamples;
            epochs = c.epochs; learningRate = c.learningRate; weightDecay = c.weightDecay;
            warmupSteps = c.warmupSteps; batchSize = c.batchSize; evalEvery = c.evalEvery;
            seed = c.seed; referenceModel = c.referenceModel; budget = c.budget;
        }

        public Builder method(Method v) { method = v; return this; }
        public Builder beta(double v) { beta = v; return this; }
        public Builder gamma(double v) { gamma = v; return this; }
        public Builder groupSize(int v) { groupSize = v; return this; }
        public Builder k(int v) { k = v; return this; }
        public Builder temperature(double v) { temperature = v; return this; }
        public Builder resampleLimit(int v) { resampleLimit = v; return this; }
        public Builder maxExamples(int v) { maxExamples = v; return this; }
        public Builder epochs(int v) { epochs = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder weightDecay(double v) { weightDecay = v; return this; }
        public Builder warmupSteps(int v) { warmupSteps = v; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder evalEvery(int v) { evalEvery = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder referenceModel(boolean v) { referenceModel = v; return this; }
        public Builder budget(Budget v) { budget = v; return this; }

        public PreferenceConfig build() {
            return new PreferenceConfig(method, beta, gamma, groupSize, k, temperature, resampleLimit, maxExamples,
                    epochs, learningRate, weightDecay, warmupSteps, batchSize, evalEvery, seed, referenceModel, budget);
        }
    }
}
