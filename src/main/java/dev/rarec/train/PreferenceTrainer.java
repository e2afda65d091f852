package dev.rarec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.data.CrsExample;
import dev.rarec.generator.GeneratorException;
import dev.rarec.generator.Pipeline;
import dev.rarec.retriever.OptimizerConfig;
import dev.rarec.retriever.PlackettLuce;
import dev.rarec.retriever.Retriever;
import dev.rarec.retriever.ScoredItem;
import dev.rarec.retriever.TrainableRetriever;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;

/**
 * Online, on-policy preference optimisation of the retriever, algorithm 1 of the paper. For each example
 * of a batch it samples candidate sets from the current policy (Plackett-Luce over the retriever's scores,
 * {@link PlackettLuce}) outside the items the {@link Pipeline} never recommends in that conversation, asks
 * the pipeline's frozen generator to rank each ({@link Pipeline#generate}, the generation stage evaluation and
 * the surfaces use), rewards each set with the NDCG of that ranking, and takes one step on NLL + L_rl (eq. 6,
 * {@link PreferenceLoss}).
 *
 * <p>Generator calls of a batch run concurrently on a bounded pool; the numbers used never depend on
 * their order. A failed call skips its example and is counted. Pairwise methods re-draw a pair that holds
 * no label, up to the resample limit, then train that example on the NLL alone.
 */
public final class PreferenceTrainer {
    private final PreferenceConfig config;
    private final Function<Retriever, Pipeline> pipelines;
    private final Corpus corpus;
    private final TrainingListener listener;
    private final TrainLoop loop;
    private int concurrency = 4;
    private Optional<GeneratorUsage> usage = Optional.empty();

    /**
     * @param pipelines the pipeline around a retriever (the policy): its frozen generator ranks each sampled
     *                  candidate set and its candidate source says which items a set may not hold (the paper's:
     *                  the history; the hybrid: also what the user named or ruled out)
     * @param corpus    the movies the candidate ids name (the pipelines'); the candidate sets come from the policy
     */
    public PreferenceTrainer(PreferenceConfig config, Function<Retriever, Pipeline> pipelines, Corpus corpus, TrainingListener listener) {
        this.config = config;
        this.pipelines = pipelines;
        this.corpus = corpus;
        this.listener = listener;
        this.loop = new TrainLoop(config, listener);
    }

    /** Generator calls in flight at once (default 4). Changes speed only, never results. */
    public PreferenceTrainer optConcurrency(int threads) {
        if (threads < 1) throw new IllegalArgumentException("concurrency must be >= 1, got " + threads);
        this.concurrency = threads;
        return this;
    }

    /**
     * The generator's own counters (an LLM generator's token usage): the budget then counts the requests
     * and tokens the endpoint really served, and the result reports its cache hits.
     */
    public PreferenceTrainer optUsage(GeneratorUsage generatorUsage) {
        this.usage = Optional.of(generatorUsage);
        return this;
    }

    /** Stops the run at the next batch boundary, saving its state (e.g. from a shutdown hook). */
    public void requestStop() {
        loop.requestStop();
    }

    /**
     * Trains from {@code initialCheckpoint}, or resumes the run saved in {@code outDir}; stops early, resumably,
     * when the config's budget would be exceeded.
     *
     * @param validation the validation NDCG@10 of a retriever (called at the start, every {@code evalEvery}
     *                   steps and after every epoch); the best retriever is saved in {@code outDir/best}
     */
    public TrainResult train(RetrieverLoader loader, Path initialCheckpoint, List<CrsExample> examples,
                             ToDoubleFunction<TrainableRetriever> validation, Path outDir) {
        Optional<PreferenceLoss> loss = PreferenceLoss.of(config);
        if (loss.isEmpty()) return loop.run(loader, initialCheckpoint, examples, validation, outDir, new SftTrainer.NllStep());
        boolean withReference = config.referenceModel() && config.method() != PreferenceConfig.Method.SIMPO;
        OptimizerConfig optimizer = TrainLoop.optimizer(config, TrainLoop.select(examples, config).size());
        ExecutorService pool = Executors.newFixedThreadPool(concurrency, daemonThreads());
        try (NDManager manager = NDManager.newBaseManager();
             ReferenceHolder reference = new ReferenceHolder(withReference ? Optional.of(loader.open(initialCheckpoint, optimizer, 0)) : Optional.empty())) {
            if (withReference) listener.onMessage("reference model: a frozen copy of " + initialCheckpoint);
            return loop.run(loader, initialCheckpoint, examples, validation, outDir,
                    new FeedbackStep(loss.get(), reference.model, pool, manager));
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Generator calls and tokens a run will spend when nothing is cached, before it starts (zero for SFT):
     * the training calls, and {@code callsPerValidation} at each validation (one per validation example the
     * evaluator does not skip).
     * Tokens per call are the mean over up to {@value #PROMPT_SAMPLE} training examples of the prompt with
     * {@code candidates(example)} (the starting retriever's top k: what the policy samples from at first).
     */
    public static BudgetEstimate estimate(PreferenceConfig config, List<CrsExample> train, long callsPerValidation,
                                          Function<CrsExample, List<Movie>> candidates) {
        List<CrsExample> used = TrainLoop.select(train, config);
        boolean feedback = config.method().usesGenerator();
        int groupSize = feedback ? config.groupSize() : 0;
        int rounds = config.method().pairwise() ? 1 + config.resampleLimit() : 1;
        long trainingCalls = (long) used.size() * config.epochs() * groupSize;
        int validations = feedback ? TrainLoop.validations(config, used.size()) : 0;
        long tokenSum = 0;
        int sampled = 0;
        int stride = Math.max(1, used.size() / PROMPT_SAMPLE);
        for (int i = 0; feedback && i < used.size(); i += stride) {
            tokenSum += PromptSize.tokens(used.get(i).context(), candidates.apply(used.get(i)));
            sampled++;
        }
        long perCall = sampled == 0 ? 0 : Math.round(tokenSum / (double) sampled);
        return new BudgetEstimate(used.size(), config.epochs(), groupSize, trainingCalls, trainingCalls * rounds,
                validations, validations * callsPerValidation, perCall);
    }

    /** Examples whose prompts the estimate measures. */
    static final int PROMPT_SAMPLE = 200;

    private static java.util.concurrent.ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "rarec-generator-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /** Closes the reference model with the run. */
    private static final class ReferenceHolder implements AutoCloseable {
        final Optional<TrainableRetriever> model;

        ReferenceHolder(Optional<TrainableRetriever> model) {
            this.model = model;
        }

        @Override
        public void close() {
            model.ifPresent(TrainableRetriever::close);
        }
    }

    /** One example's candidate sets in the current round and what the generator made of them. */
    private static final class Group {
        final CrsExample example;
        final Set<Integer> mask;
        final float[] scores;
        final Map<List<Integer>, List<Integer>> memo = new HashMap<>();
        List<int[]> sets;
        List<List<Integer>> ranked;
        double[] rewards;
        boolean failed;
        WinnerRule.Outcome outcome = WinnerRule.Outcome.NEITHER;

        Group(CrsExample example, Set<Integer> mask, float[] scores) {
            this.example = example;
            this.mask = mask;
            this.scores = scores;
        }
    }

    private final class FeedbackStep implements TrainLoop.BatchTrainer {
        private final PreferenceLoss loss;
        private final Optional<TrainableRetriever> reference;
        private final ExecutorService pool;
        private final NDManager manager;
        private final double averageCandidateChars;
        private long requestsSeen;
        private long tokensSeen;
        private long hitsSeen;

        FeedbackStep(PreferenceLoss loss, Optional<TrainableRetriever> reference, ExecutorService pool, NDManager manager) {
            this.loss = loss;
            this.reference = reference;
            this.pool = pool;
            this.manager = manager;
            this.averageCandidateChars = PromptSize.averageCandidateChars(corpus);
            usage.ifPresent(u -> {
                requestsSeen = u.requests();
                tokensSeen = u.tokens();
                hitsSeen = u.cacheHits();
            });
        }

        /** What the endpoint served since the last look (training calls and validations alike) counts against the budget. */
        @Override
        public void account(RunState state) {
            usage.ifPresent(u -> {
                long requests = u.requests();
                long tokens = u.tokens();
                long hits = u.cacheHits();
                state.requests += requests - requestsSeen;
                state.tokens += tokens - tokensSeen;
                state.cacheHits += hits - hitsSeen;
                state.tokensMeasured = true;
                requestsSeen = requests;
                tokensSeen = tokens;
                hitsSeen = hits;
            });
        }

        private int rounds() {
            return loss.pairwise() ? 1 + config.resampleLimit() : 1;
        }

        @Override
        public TrainLoop.Spend worstCase(List<CrsExample> batch) {
            long calls = 0;
            long tokens = 0;
            for (CrsExample e : batch) {
                long c = (long) loss.groupSize() * rounds();
                calls += c;
                tokens += c * PromptSize.tokens(e.context(), config.k(), averageCandidateChars);
            }
            return new TrainLoop.Spend(calls, tokens);
        }

        @Override
        public Map<String, Double> train(TrainableRetriever policy, List<CrsExample> batch, int epoch, int position,
                                         RunState state) throws InterruptedException {
            Pipeline pipeline = pipelines.apply(policy);
            List<Group> groups = sample(pipeline, policy, batch, epoch, position);
            rank(pipeline, groups, state);
            double rewardSum = 0;
            int rewarded = 0;
            int hits = 0;
            for (Group g : groups) {
                if (g.failed) continue;
                boolean tied = true;
                for (double r : g.rewards) {
                    rewardSum += r;
                    rewarded++;
                    if (r > 0) hits++;
                    state.drawnRewardSquares += r * r;
                    tied &= r == g.rewards[0];
                }
                state.drawnGroups++;
                if (tied) state.drawnGroupsTied++;
            }
            state.drawnSets += rewarded;
            state.drawnSetsWithTarget += hits;
            state.drawnRewardSum += rewardSum;
            state.epochRewardSum += rewardSum;
            state.epochRewardCount += rewarded;
            if (loss.pairwise()) resample(pipeline, groups, epoch, position, state);
            for (Group g : groups) if (g.failed) state.skippedExamples++;

            Map<String, Double> metrics = new LinkedHashMap<>();
            metrics.put("reward", rewarded == 0 ? 0 : rewardSum / rewarded);
            metrics.put("hit", rewarded == 0 ? 0 : hits / (double) rewarded);
            metrics.put("calls", (double) state.generatorCalls);
            List<Group> trained = new ArrayList<>();
            for (Group g : groups) if (!g.failed) trained.add(g);
            if (trained.isEmpty()) return metrics;
            step(policy, trained, metrics);
            return metrics;
        }

        private List<Group> sample(Pipeline pipeline, TrainableRetriever policy, List<CrsExample> batch, int epoch, int position) {
            List<List<Integer>> histories = new ArrayList<>(batch.size());
            for (CrsExample e : batch) histories.add(e.historyItems());
            List<Group> groups = new ArrayList<>(batch.size());
            try (NDManager sub = manager.newSubManager()) {
                NDArray scores = policy.scores(sub, histories, false);
                for (int b = 0; b < batch.size(); b++) {
                    CrsExample e = batch.get(b);
                    groups.add(new Group(e, pipeline.excluded(e.context(), e.historyItems()),
                            scores.get(b).toType(DataType.FLOAT32, false).toFloatArray()));
                }
            }
            for (int b = 0; b < groups.size(); b++) {
                Group g = groups.get(b);
                g.sets = PlackettLuce.sample(g.scores, g.mask, config.k(), loss.groupSize(), config.temperature(),
                        new Random(Seeds.mix(config.seed(), 3, epoch, position + b, 0)));
            }
            return groups;
        }

        /** Re-draws pairs without a preference, each attempt from its own seed, up to the resample limit. */
        private void resample(Pipeline pipeline, List<Group> groups, int epoch, int position, RunState state) throws InterruptedException {
            for (Group g : groups) if (!g.failed) g.outcome = decide(g);
            for (int attempt = 1; attempt <= config.resampleLimit(); attempt++) {
                List<Group> again = new ArrayList<>();
                for (int b = 0; b < groups.size(); b++) {
                    Group g = groups.get(b);
                    if (g.failed || g.outcome.decided()) continue;
                    g.sets = PlackettLuce.sample(g.scores, g.mask, config.k(), 2, config.temperature(),
                            new Random(Seeds.mix(config.seed(), 3, epoch, position + b, attempt)));
                    again.add(g);
                    state.resampled++;
                }
                if (again.isEmpty()) break;
                rank(pipeline, again, state);
                for (Group g : again) if (!g.failed) g.outcome = decide(g);
            }
            for (Group g : groups) if (!g.failed && !g.outcome.decided()) state.noPreference++;
        }

        private WinnerRule.Outcome decide(Group g) {
            return WinnerRule.decide(g.ranked.get(0), g.ranked.get(1), g.example.targets());
        }

        /** Asks the pipeline's generator for every set not ranked before, concurrently, and rewards each set. */
        private void rank(Pipeline pipeline, List<Group> groups, RunState state) throws InterruptedException {
            Map<Group, Map<List<Integer>, Future<List<Integer>>>> pending = new LinkedHashMap<>();
            for (Group g : groups) {
                Map<List<Integer>, Future<List<Integer>>> calls = new LinkedHashMap<>();
                for (int[] set : g.sets) {
                    List<Integer> key = asList(set);
                    if (g.memo.containsKey(key) || calls.containsKey(key)) {
                        state.cacheHits++;
                        continue;
                    }
                    List<ScoredItem> candidates = new ArrayList<>(set.length);
                    List<Movie> movies = new ArrayList<>(set.length);
                    for (int item : set) {
                        candidates.add(new ScoredItem(item, 0f));
                        movies.add(corpus.get(item));
                    }
                    state.generatorCalls++;
                    if (usage.isEmpty()) {
                        state.requests++;
                        state.tokens += PromptSize.tokens(g.example.context(), movies);
                    }
                    calls.put(key, pool.submit(() -> pipeline.generate(g.example.context(), candidates).ranking().items()));
                }
                pending.put(g, calls);
            }
            try {
                for (Map.Entry<Group, Map<List<Integer>, Future<List<Integer>>>> entry : pending.entrySet()) {
                    Group g = entry.getKey();
                    for (Map.Entry<List<Integer>, Future<List<Integer>>> call : entry.getValue().entrySet()) {
                        try {
                            g.memo.put(call.getKey(), call.getValue().get());
                        } catch (ExecutionException e) {
                            if (e.getCause() instanceof GeneratorException) {
                                g.failed = true;
                                continue;
                            }
                            // GeneratorUnavailableException (and bugs) stop the run with their own message.
                            if (e.getCause() instanceof RuntimeException stop) throw stop;
                            throw new IllegalStateException("generator call failed unexpectedly", e.getCause());
                        }
                    }
                }
            } catch (InterruptedException e) {
                for (Map<List<Integer>, Future<List<Integer>>> calls : pending.values()) {
                    for (Future<List<Integer>> f : calls.values()) f.cancel(true);
                }
                throw e;
            }
            account(state);
            for (Group g : groups) {
                if (g.failed) continue;
                g.ranked = new ArrayList<>(g.sets.size());
                g.rewards = new double[g.sets.size()];
                for (int i = 0; i < g.sets.size(); i++) {
                    List<Integer> ranked = g.memo.get(asList(g.sets.get(i)));
                    g.ranked.add(ranked);
                    g.rewards[i] = Reward.ndcg(ranked, g.example.targets());
                }
            }
        }

        /** One optimisation step on NLL + L_rl over the examples whose generator calls succeeded. */
        private void step(TrainableRetriever policy, List<Group> trained, Map<String, Double> metrics) {
            int groupSize = loss.groupSize();
            List<List<Integer>> histories = new ArrayList<>();
            List<List<Integer>> targets = new ArrayList<>();
            List<Set<Integer>> masks = new ArrayList<>();
            List<int[]> sets = new ArrayList<>();
            List<double[]> rewards = new ArrayList<>();
            List<Integer> rows = new ArrayList<>();
            for (int r = 0; r < trained.size(); r++) {
                Group g = trained.get(r);
                histories.add(g.example.historyItems());
                targets.add(g.example.targets());
                masks.add(g.mask);
                if (loss.pairwise() && !g.outcome.decided()) continue;
                int[] order = !loss.pairwise() || g.outcome == WinnerRule.Outcome.FIRST ? identity(groupSize) : new int[] {1, 0};
                double[] rw = new double[groupSize];
                for (int i = 0; i < groupSize; i++) {
                    sets.add(g.sets.get(order[i]));
                    rows.add(r);
                    rw[i] = g.rewards[order[i]];
                }
                rewards.add(rw);
            }
            int[] setRows = rows.stream().mapToInt(Integer::intValue).toArray();
            double[][] rewardArray = rewards.toArray(new double[0][]);
            int numGroups = rewardArray.length;
            Optional<float[]> refLogProbs = Optional.empty();
            if (reference.isPresent() && numGroups > 0) {
                try (NDManager sub = manager.newSubManager()) {
                    NDArray refScores = reference.get().scores(sub, histories, false);
                    refLogProbs = Optional.of(PlackettLuce.logLikelihood(refScores, setRows, sets, masks, config.temperature())
                            .toType(DataType.FLOAT32, false).toFloatArray());
                }
            }
            Optional<float[]> ref = refLogProbs;
            double[] parts = new double[2];
            float total = policy.step(m -> {
                NDArray scores = policy.scores(m, histories, true);
                NDArray nll = NegativeLogLikelihood.loss(scores, targets);
                parts[0] = nll.toType(DataType.FLOAT32, false).toFloatArray()[0];
                if (numGroups == 0) return nll;
                NDArray logProbs = PlackettLuce.logLikelihood(scores, setRows, sets, masks, config.temperature())
                        .reshape(numGroups, groupSize);
                Optional<NDArray> refArray = ref.map(r -> m.create(r, new Shape(numGroups, groupSize)).toType(logProbs.getDataType(), false));
                NDArray rl = loss.loss(logProbs, refArray, rewardArray);
                parts[1] = rl.toType(DataType.FLOAT32, false).toFloatArray()[0];
                return nll.add(rl);
            });
            metrics.put("loss", (double) total);
            metrics.put("nll", parts[0]);
            metrics.put("rl", parts[1]);
            metrics.put("groups", (double) numGroups);
        }
    }

    private static List<Integer> asList(int[] set) {
        return Arrays.stream(set).boxed().toList();
    }

    private static int[] identity(int n) {
        int[] a = new int[n];
        for (int i = 0; i < n; i++) a[i] = i;
        return a;
    }
}
