package dev.rarec.train;

import ai.djl.engine.Engine;
import dev.rarec.data.CrsExample;
import dev.rarec.retriever.OptimizerConfig;
import dev.rarec.retriever.TrainableRetriever;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.function.ToDoubleFunction;

/**
 * The part of algorithm 1 shared by SFT and preference optimisation: the 2,500-example cap, epochs over
 * a seeded order, batches, validation every few steps with the best checkpoint kept, the last-state
 * checkpoint, resume, the budget stop and a stop on request. What happens to one batch is the
 * {@link BatchTrainer}'s business.
 */
final class TrainLoop {

    /** Trains on one batch. */
    interface BatchTrainer {
        /** The most generator calls and tokens the batch can spend, checked against the budget before it starts. */
        Spend worstCase(List<CrsExample> batch);

        /**
         * Brings {@code state}'s spending up to date with what the generator reports it spent since the last
         * call, validations included (called before each budget check and after each validation).
         */
        default void account(RunState state) {}

        /**
         * Runs one batch: at most one {@link TrainableRetriever#step}, with the batch's counters added to
         * {@code state}. Candidate sets come from randomness derived from (epoch, position), so a replayed
         * batch draws the same ones.
         *
         * @return metrics for the progress report, with the step's {@code loss} when a step was taken
         * @throws InterruptedException when stopped while waiting for the generator; the batch then had no effect
         */
        Map<String, Double> train(TrainableRetriever policy, List<CrsExample> batch, int epoch, int position,
                                  RunState state) throws InterruptedException;
    }

    /** Generator calls and tokens. */
    record Spend(long calls, long tokens) {
        static final Spend NONE = new Spend(0, 0);
    }

    private final PreferenceConfig config;
    private final TrainingListener listener;
    private volatile boolean stopRequested;

    TrainLoop(PreferenceConfig config, TrainingListener listener) {
        this.config = config;
        this.listener = listener;
    }

    void requestStop() {
        stopRequested = true;
    }

    /** The examples a run trains on: those with a target, at most {@code maxExamples}, a seeded subsample when more. */
    static List<CrsExample> select(List<CrsExample> all, PreferenceConfig config) {
        List<CrsExample> usable = new ArrayList<>();
        for (CrsExample e : all) if (!e.targets().isEmpty()) usable.add(e);
        if (usable.size() <= config.maxExamples()) return usable;
        List<Integer> index = new ArrayList<>();
        for (int i = 0; i < usable.size(); i++) index.add(i);
        Collections.shuffle(index, new Random(Seeds.mix(config.seed(), 0)));
        List<Integer> kept = new ArrayList<>(index.subList(0, config.maxExamples()));
        Collections.sort(kept);
        List<CrsExample> out = new ArrayList<>(kept.size());
        for (int i : kept) out.add(usable.get(i));
        return out;
    }

    /**
     * How many times a run of {@code examples} examples validates, when every batch takes a step: once at
     * the start, every {@code evalEvery} steps, and at the end of each epoch unless it just did.
     */
    static int validations(PreferenceConfig config, int examples) {
        int stepsPerEpoch = (examples + config.batchSize() - 1) / config.batchSize();
        int count = 1;
        for (int step = 1; step <= stepsPerEpoch * config.epochs(); step++) {
            if (step % config.evalEvery() == 0 || step % stepsPerEpoch == 0) count++;
        }
        return count;
    }

    static OptimizerConfig optimizer(PreferenceConfig config, int examples) {
        int stepsPerEpoch = Math.max(1, (examples + config.batchSize() - 1) / config.batchSize());
        return new OptimizerConfig(config.learningRate(), config.weightDecay(), config.warmupSteps(), stepsPerEpoch * config.epochs());
    }

    TrainResult run(RetrieverLoader loader, Path initialCheckpoint, List<CrsExample> all,
                    ToDoubleFunction<TrainableRetriever> validation, Path outDir, BatchTrainer trainer) {
        List<CrsExample> examples = select(all, config);
        if (examples.isEmpty()) throw new IllegalArgumentException("no training example has a target item");
        if (examples.size() < all.size()) {
            listener.onMessage("training on " + examples.size() + " of " + all.size()
                    + " examples (those with a target, capped at " + config.maxExamples() + ")");
        }
        OptimizerConfig optimizer = optimizer(config, examples.size());
        Optional<Checkpoints.Saved> saved = Checkpoints.loadLast(outDir);
        if (saved.isEmpty()) {
            return new Session(loader, outDir, RunState.fresh(config, examples.size()))
                    .train(loader.open(initialCheckpoint, optimizer, 0), examples, validation, trainer);
        }
        RunState state = saved.get().state();
        checkResumable(state, examples.size(), outDir);
        state.config = config;
        state.stoppedByBudget = false;
        state.bestValidation = Math.max(state.bestValidation, Checkpoints.bestOnDisk(outDir).orElse(Double.NEGATIVE_INFINITY));
        if (state.completed) {
            listener.onMessage("the run in " + outDir + " is already complete");
            return result(state, outDir);
        }
        listener.onMessage("resuming from " + saved.get().dir() + " at epoch " + (state.epoch + 1) + ", example "
                + state.position + ", step " + state.steps);
        return new Session(loader, outDir, state).train(loader.open(saved.get().dir(), optimizer, state.steps),
                examples, validation, trainer);
    }

    /** One process's share of a run: from a fresh start or a resume to the end, a stop or the budget. */
    private final class Session {
        private final RetrieverLoader loader;
        private final Path outDir;
        private final RunState state;
        private final NonFiniteSteps nonFinite = new NonFiniteSteps(listener);
        private final long start = System.nanoTime();
        private final double wallBefore;

        Session(RetrieverLoader loader, Path outDir, RunState state) {
            this.loader = loader;
            this.outDir = outDir;
            this.state = state;
            this.wallBefore = state.wallSeconds;
        }

        TrainResult train(TrainableRetriever policy, List<CrsExample> examples,
                          ToDoubleFunction<TrainableRetriever> validation, BatchTrainer trainer) {
            try (TrainableRetriever p = policy) {
                if (state.lastValidatedStep < 0) validate(p, validation, trainer);
                int stepsPerEpoch = (examples.size() + config.batchSize() - 1) / config.batchSize();
                while (state.epoch < config.epochs()) {
                    int[] order = permutation(examples.size(), Seeds.mix(config.seed(), 1, state.epoch));
                    while (state.position < examples.size()) {
                        if (stopRequested || Thread.currentThread().isInterrupted()) return stop(p, "stopped on request");
                        List<CrsExample> batch = new ArrayList<>();
                        for (int i = state.position; i < Math.min(examples.size(), state.position + config.batchSize()); i++) {
                            batch.add(examples.get(order[i]));
                        }
                        trainer.account(state);
                        Spend worst = trainer.worstCase(batch);
                        if (overBudget(worst)) {
                            state.stoppedByBudget = true;
                            return stop(p, String.format("budget reached (%,d calls, %s%,d tokens used; the next batch may "
                                            + "need %,d calls): rerun with a larger budget to resume", state.requests,
                                    state.tokensMeasured ? "" : "~", state.tokens, worst.calls()));
                        }
                        // Dropout draws from the engine's generator: seeding it per step lets a resumed run replay them.
                        Engine.getInstance().setRandomSeed((int) Seeds.mix(config.seed(), 2, state.steps));
                        Map<String, Double> metrics;
                        try {
                            metrics = trainer.train(p, batch, state.epoch, state.position, state);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                            return stop(p, "interrupted");
                        }
                        state.position += batch.size();
                        Double loss = metrics.get("loss");
                        if (loss != null && nonFinite.accept(loss, state.steps + 1)) state.steps++;
                        int batchNo = (state.position + config.batchSize() - 1) / config.batchSize();
                        listener.onProgress("epoch " + (state.epoch + 1) + "/" + config.epochs(), batchNo, stepsPerEpoch, metrics);
                        if (state.steps > 0 && state.steps % config.evalEvery() == 0 && state.lastValidatedStep != state.steps) {
                            validate(p, validation, trainer);
                            saveLast(p);
                        }
                    }
                    state.closeEpoch(config.method().usesGenerator());
                    if (state.lastValidatedStep != state.steps) validate(p, validation, trainer);
                    saveLast(p);
                }
                state.completed = true;
                saveLast(p);
                listener.onMessage(String.format("done: best validation NDCG@10 %.4f at step %d of %d",
                        state.bestValidation, state.bestStep, state.steps));
                return result(state, outDir);
            }
        }

        private boolean overBudget(Spend worst) {
            PreferenceConfig.Budget b = config.budget();
            return state.requests + worst.calls() > b.maxCalls() || state.tokens + worst.tokens() > b.maxTokens();
        }

        private void validate(TrainableRetriever policy, ToDoubleFunction<TrainableRetriever> validation, BatchTrainer trainer) {
            double v = validation.applyAsDouble(policy);
            trainer.account(state);
            state.lastValidatedStep = state.steps;
            listener.onProgress("validation", 1, 1, Map.of("ndcg@10", v, "step", (double) state.steps));
            if (v > state.bestValidation) {
                state.bestValidation = v;
                state.bestStep = state.steps;
                Checkpoints.saveBest(policy, state.steps, v, outDir);
                listener.onMessage(String.format("new best validation NDCG@10 %.4f at step %d", v, state.steps));
            }
        }

        private void saveLast(TrainableRetriever policy) {
            state.wallSeconds = wallBefore + (System.nanoTime() - start) / 1e9;
            Checkpoints.saveLast(policy, loader, state, outDir);
        }

        private TrainResult stop(TrainableRetriever policy, String why) {
            saveLast(policy);
            listener.onMessage(why + "; state saved in " + outDir.resolve(Checkpoints.LAST) + " at step " + state.steps);
            return result(state, outDir);
        }
    }

    private void checkResumable(RunState state, int examples, Path outDir) {
        if (!config.withoutBudget().equals(state.config.withoutBudget())) {
            throw new IllegalStateException(outDir + " holds a run with another config (" + state.config.withoutBudget()
                    + "); use another output folder, or delete it to start afresh");
        }
        if (state.examples != examples) {
            throw new IllegalStateException(outDir + " holds a run on " + state.examples + " examples, now there are "
                    + examples + ": the data changed; use another output folder");
        }
    }

    private static TrainResult result(RunState s, Path outDir) {
        return new TrainResult(s.config.method().toString(), s.bestValidation, s.bestStep, outDir.resolve(Checkpoints.BEST),
                s.steps, s.examples, s.generatorCalls, s.cacheHits, s.requests, s.tokens, s.tokensMeasured, s.skippedExamples, s.resampled,
                s.noPreference, s.meanRewardByEpoch, s.stoppedByBudget, s.completed, s.wallSeconds, TrainResult.FirstDraws.of(s));
    }

    private static int[] permutation(int n, long seed) {
        List<Integer> index = new ArrayList<>(n);
        for (int i = 0; i < n; i++) index.add(i);
        Collections.shuffle(index, new Random(seed));
        int[] out = new int[n];
        for (int i = 0; i < n; i++) out[i] = index.get(i);
        return out;
    }
}
