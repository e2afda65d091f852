package dev.rarec.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rarec.retriever.SequentialRetriever;
import dev.rarec.util.AtomicFiles;
import dev.rarec.util.Hashing;
import dev.rarec.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Pretraining of a {@link SequentialRetriever} on item sequences (appendix A.2): every position of a
 * training window predicts the next item (BERT4Rec: masked items, cloze), with a negative log-likelihood
 * over the batch's targets plus {@code negatives} uniformly sampled items, or over all items
 * ({@code fullSoftmax}). Validation ranks the held-out item among all items with the history masked; the
 * best checkpoint by the recipe's metric (NDCG@10 by default) is kept, and patience bounds how long the run
 * goes on without improving. The {@link PretrainRecipe} decides the windows, batching and schedule.
 *
 * <p>Resumable: after every validation the model, AdamW's moments and this loop's position are written to
 * {@code outDir/last}; a run started again with the same settings continues from there. Shuffling,
 * negatives, masks and dropout are all drawn from the seed and the step number, so a resumed run takes the
 * same steps as an uninterrupted one.
 */
public final class Pretrainer {
    public static final String BEST = "best";
    public static final String LAST = "last";
    static final String STATE_FILE = "trainer-state.json";
    static final int BUCKET_BATCHES = 16;

    private Pretrainer() {}

    /** This loop's position, saved beside the last checkpoint. */
    record State(String fingerprint, int epoch, int stepInEpoch, long globalStep, double best, long bestStep,
                 Map<String, Double> bestMetrics, int badValidations, double elapsedSeconds, double trainSeconds,
                 long windowsSeen, double lastLoss, String stopReason, List<Map<String, Object>> history) {}

    /** One step's inputs: left-padded windows, and the flat positions that have a target. */
    record Batch(int[][] windows, long[] positions, int[] targets) {}

    /**
     * Trains {@code model} in place (configuring its optimizer from {@code cfg}) and leaves it holding the best
     * checkpoint.
     *
     * @param train  training sequences of item ids, oldest first; every position predicts the next item
     * @param valid  validation examples: history followed by the held-out target as the last element
     * @param outDir run folder: {@code best/} (best checkpoint + validation.json) and {@code last/} (resume state)
     */
    public static PretrainResult run(SequentialRetriever model, List<int[]> train, List<int[]> valid, PretrainConfig cfg,
                                     Path outDir, TrainingListener listener) {
        int maxLen = model.config().maxLen();
        boolean cloze = model.bidirectional();
        List<int[]> windows = cfg.recipe().windows(train, maxLen, cloze);
        if (windows.isEmpty()) throw new IllegalArgumentException("no training sequence has two or more items");
        if (valid.isEmpty()) throw new IllegalArgumentException("no validation examples");
        int stepsPerEpoch = (windows.size() + cfg.batchSize() - 1) / cfg.batchSize();
        long totalSteps = (long) cfg.epochs() * stepsPerEpoch;
        model.configureOptimizer(cfg.recipe().optimizer(cfg, totalSteps));
        List<int[]> validSet = subset(valid, cfg.maxValidExamples(), cfg.seed());
        String fingerprint = fingerprint(model, train, valid, cfg);

        Path lastDir = outDir.resolve(LAST);
        Path bestDir = outDir.resolve(BEST);
        State st = new State(fingerprint, 0, 0, 0, -1, -1, Map.of(), 0, 0, 0, 0, Double.NaN, null, List.of());
        if (Files.exists(lastDir.resolve(STATE_FILE))) {
            st = readState(lastDir);
            if (!st.fingerprint().equals(fingerprint)) {
                throw new IllegalStateException(outDir + " holds a run with other settings or data (" + lastDir.resolve(STATE_FILE)
                        + "); delete it or choose another output folder");
            }
            model.restore(lastDir);
            model.loadOptimizerState(lastDir);
            if ("time limit".equals(st.stopReason())) st = withStop(st, null);
            listener.onMessage("resumed " + outDir + " at epoch " + (st.epoch() + 1) + ", step " + st.globalStep());
        }
        Loop loop = new Loop(model, cfg, windows, validSet, stepsPerEpoch, lastDir, bestDir, listener, st);
        loop.run();
        State end = loop.state;
        if (Files.exists(bestDir.resolve("config.json"))) model.restore(bestDir);
        double epochs = end.epoch() + (double) end.stepInEpoch() / stepsPerEpoch;
        return new PretrainResult(end.bestMetrics(), end.bestStep(), end.globalStep(), epochs, end.stopReason(),
                end.elapsedSeconds(), end.trainSeconds() > 0 ? end.windowsSeen() / end.trainSeconds() : 0, bestDir, end.history());
    }

    private static final class Loop {
        final SequentialRetriever model;
        final PretrainConfig cfg;
        final List<int[]> windows;
        final List<int[]> validSet;
        final int stepsPerEpoch;
        final Path lastDir;
        final Path bestDir;
        final TrainingListener listener;
        State state;
        long startNanos;
        double elapsedBefore;

        Loop(SequentialRetriever model, PretrainConfig cfg, List<int[]> windows, List<int[]> validSet, int stepsPerEpoch,
             Path lastDir, Path bestDir, TrainingListener listener, State state) {
            this.model = model;
            this.cfg = cfg;
            this.windows = windows;
            this.validSet = validSet;
            this.stepsPerEpoch = stepsPerEpoch;
            this.lastDir = lastDir;
            this.bestDir = bestDir;
            this.listener = listener;
            this.state = state;
        }

        /** The run's wall time over all its invocations. */
        double elapsed() {
            return elapsedBefore + secondsThisInvocation();
        }

        double secondsThisInvocation() {
            return (System.nanoTime() - startNanos) / 1e9;
        }

        void run() {
            startNanos = System.nanoTime();
            elapsedBefore = state.elapsedSeconds();
            if (state.stopReason() != null) return;
            double trainSeconds = state.trainSeconds();
            long seen = state.windowsSeen();
            float lastLoss = (float) state.lastLoss();
            NonFiniteSteps nonFinite = new NonFiniteSteps(listener);
            for (int epoch = state.epoch(); epoch < cfg.epochs(); epoch++) {
                int[] order = shuffled(windows.size(), new Random(cfg.seed() * 1_000_003L + epoch));
                if (cfg.recipe().bucketed()) order = bucketed(order, windows, cfg.batchSize(), new Random(cfg.seed() * 1_000_033L + epoch));
                int firstStep = epoch == state.epoch() ? state.stepInEpoch() : 0;
                for (int s = firstStep; s < stepsPerEpoch; s++) {
                    long stepStart = System.nanoTime();
                    long globalStep = state.globalStep();
                    int from = s * cfg.batchSize();
                    int to = Math.min(windows.size(), from + cfg.batchSize());
                    List<int[]> chunk = new ArrayList<>(to - from);
                    for (int i = from; i < to; i++) chunk.add(windows.get(order[i]));
                    Random rng = new Random(cfg.seed() * 7_919L + globalStep);
                    Engine.getInstance().setRandomSeed((int) (cfg.seed() * 31 + globalStep));
                    Batch batch = model.bidirectional() ? clozeBatch(model, chunk, rng) : nextItemBatch(model, chunk);
                    int[] candidates = cfg.fullSoftmax() ? null : candidates(batch.targets(), cfg.negatives(), model.numItems(), rng);
                    float stepLoss = model.step(m -> loss(m, model, batch, candidates));
                    if (nonFinite.accept(stepLoss, globalStep)) lastLoss = stepLoss;
                    trainSeconds += (System.nanoTime() - stepStart) / 1e9;
                    seen += chunk.size();
                    state = withPosition(state, epoch, s + 1, globalStep + 1, trainSeconds, seen, lastLoss);
                    Map<String, Double> progress = new LinkedHashMap<>();
                    progress.put("loss", (double) lastLoss);
                    progress.put("lr", model.currentLearningRate());
                    progress.put("windows/s", seen / Math.max(1e-9, trainSeconds));
                    listener.onProgress("epoch " + (epoch + 1) + "/" + cfg.epochs(), s + 1, stepsPerEpoch, progress);
                    // this invocation's share (a session's), not the run's total: a resumed run gets the time it is given
                    boolean timeUp = cfg.maxMinutes() > 0 && secondsThisInvocation() >= cfg.maxMinutes() * 60;
                    boolean endOfEpoch = s + 1 == stepsPerEpoch;
                    boolean due = cfg.validateEvery() > 0 ? state.globalStep() % cfg.validateEvery() == 0 : endOfEpoch;
                    if (endOfEpoch) state = withPosition(state, epoch + 1, 0, state.globalStep(), trainSeconds, seen, lastLoss);
                    if (due || timeUp || (endOfEpoch && epoch + 1 == cfg.epochs())) {
                        validate(epoch + (double) (s + 1) / stepsPerEpoch, lastLoss);
                        if (state.stopReason() == null && timeUp) state = withStop(state, "time limit");
                        if (state.stopReason() == null && endOfEpoch && epoch + 1 == cfg.epochs()) state = withStop(state, "epochs done");
                        saveLast();
                        if (state.stopReason() != null) return;
                    } else if (endOfEpoch) {
                        // Validations can be many epochs apart on a long run; a session that ends mid-run loses at most an epoch.
                        saveLast();
                    }
                }
            }
            state = withStop(state, "epochs done");
            saveLast();
        }

        void validate(double epochs, float loss) {
            listener.onMessage(String.format("validating on %d examples at step %d", validSet.size(), state.globalStep()));
            Map<String, Double> metrics = SequenceMetrics.evaluate(model, validSet, cfg.evalBatchSize());
            String metric = cfg.recipe().selectionMetric();
            double value = metrics.get(metric);
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("step", state.globalStep());
            entry.put("epoch", epochs);
            entry.put("loss", (double) loss);
            entry.put("elapsedSeconds", elapsed());
            entry.putAll(metrics);
            List<Map<String, Object>> history = new ArrayList<>(state.history());
            history.add(entry);
            State s = state;
            if (value > s.best()) {
                model.save(bestDir);
                AtomicFiles.writeJson(bestDir.resolve("validation.json"), entry);
                state = new State(s.fingerprint(), s.epoch(), s.stepInEpoch(), s.globalStep(), value, s.globalStep(), metrics, 0,
                        elapsed(), s.trainSeconds(), s.windowsSeen(), s.lastLoss(), null, history);
                listener.onMessage(String.format("step %d: validation %s %.5f (best so far), NDCG@10 %.5f, Recall@10 %.5f; saved %s",
                        s.globalStep(), metric, value, metrics.get("ndcg@10"), metrics.get("recall@10"), bestDir));
            } else {
                int bad = s.badValidations() + 1;
                String stop = bad >= cfg.patience() ? "early stop" : null;
                state = new State(s.fingerprint(), s.epoch(), s.stepInEpoch(), s.globalStep(), s.best(), s.bestStep(), s.bestMetrics(), bad,
                        elapsed(), s.trainSeconds(), s.windowsSeen(), s.lastLoss(), stop, history);
                listener.onMessage(String.format("step %d: validation %s %.5f (best %.5f at step %d, %d/%d without improvement)",
                        s.globalStep(), metric, value, s.best(), s.bestStep(), bad, cfg.patience()));
            }
        }

        void saveLast() {
            State s = state;
            state = new State(s.fingerprint(), s.epoch(), s.stepInEpoch(), s.globalStep(), s.best(), s.bestStep(), s.bestMetrics(),
                    s.badValidations(), elapsed(), s.trainSeconds(), s.windowsSeen(), s.lastLoss(), s.stopReason(), s.history());
            model.save(lastDir);
            model.saveOptimizerState(lastDir);
            AtomicFiles.writeJson(lastDir.resolve(STATE_FILE), state);
        }
    }

    private static State withPosition(State s, int epoch, int stepInEpoch, long globalStep, double trainSeconds, long seen, double loss) {
        return new State(s.fingerprint(), epoch, stepInEpoch, globalStep, s.best(), s.bestStep(), s.bestMetrics(), s.badValidations(),
                s.elapsedSeconds(), trainSeconds, seen, loss, s.stopReason(), s.history());
    }

    private static State withStop(State s, String reason) {
        return new State(s.fingerprint(), s.epoch(), s.stepInEpoch(), s.globalStep(), s.best(), s.bestStep(), s.bestMetrics(), s.badValidations(),
                s.elapsedSeconds(), s.trainSeconds(), s.windowsSeen(), s.lastLoss(), reason, s.history());
    }

    /** NLL of each target among the candidates (or all items when {@code candidates} is null), by {@link SoftmaxNll}. */
    static NDArray loss(NDManager m, SequentialRetriever model, Batch batch, int[] candidates) {
        NDArray states = model.states(m, batch.windows(), true);
        long d = states.getShape().get(2);
        NDArray selected = states.reshape(-1, d).get(m.create(batch.positions()));
        int[] targets = batch.targets();
        long[] labels = new long[targets.length];
        NDArray weights;
        if (candidates == null) {
            for (int i = 0; i < targets.length; i++) labels[i] = targets[i];
            weights = model.outputWeights(m, null);
        } else {
            Map<Integer, Integer> index = new HashMap<>();
            long[] ids = new long[candidates.length];
            for (int i = 0; i < candidates.length; i++) {
                index.put(candidates[i], i);
                ids[i] = candidates[i];
            }
            for (int i = 0; i < targets.length; i++) labels[i] = index.get(targets[i]);
            weights = model.outputWeights(m, m.create(ids));
        }
        return SoftmaxNll.loss(selected, weights, labels);
    }

    /** The batch's distinct targets (in-batch negatives for each other) plus {@code negatives} sampled items. */
    static int[] candidates(int[] targets, int negatives, int numItems, Random rng) {
        java.util.LinkedHashSet<Integer> set = new java.util.LinkedHashSet<>();
        for (int t : targets) set.add(t);
        int wanted = Math.min(numItems, set.size() + negatives);
        while (set.size() < wanted) set.add(rng.nextInt(numItems));
        return set.stream().mapToInt(Integer::intValue).toArray();
    }

    /**
     * Training windows of at most {@code maxLen} predictions: a long sequence is cut from its end into
     * consecutive windows (each overlapping the next by one item, so every transition is trained once).
     */
    static List<int[]> windows(List<int[]> sequences, int maxLen, boolean cloze) {
        List<int[]> out = new ArrayList<>();
        for (int[] s : sequences) {
            if (cloze) {
                for (int end = s.length; end > 0; end -= maxLen) out.add(Arrays.copyOfRange(s, Math.max(0, end - maxLen), end));
            } else {
                if (s.length < 2) continue;
                for (int end = s.length; end > 1; end -= maxLen) out.add(Arrays.copyOfRange(s, Math.max(0, end - maxLen - 1), end));
            }
        }
        return out;
    }

    static Batch nextItemBatch(SequentialRetriever model, List<int[]> chunk) {
        int longest = 0;
        for (int[] c : chunk) longest = Math.max(longest, c.length - 1);
        int length = model.windowLength(longest);
        int[][] windows = new int[chunk.size()][length];
        List<Long> positions = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (int b = 0; b < chunk.size(); b++) {
            int[] c = chunk.get(b);
            Arrays.fill(windows[b], SequentialRetriever.PAD);
            int n = c.length - 1;
            int offset = length - n;
            for (int i = 0; i < n; i++) {
                windows[b][offset + i] = c[i];
                positions.add((long) b * length + offset + i);
                targets.add(c[i + 1]);
            }
        }
        return new Batch(windows, positions.stream().mapToLong(Long::longValue).toArray(), targets.stream().mapToInt(Integer::intValue).toArray());
    }

    /** BERT4Rec's cloze task: each item is masked with the configured probability, at least one per window. */
    static Batch clozeBatch(SequentialRetriever model, List<int[]> chunk, Random rng) {
        double p = model.config().maskProb();
        int longest = 0;
        for (int[] c : chunk) longest = Math.max(longest, c.length);
        int length = model.windowLength(longest);
        int[][] windows = new int[chunk.size()][length];
        List<Long> positions = new ArrayList<>();
        List<Integer> targets = new ArrayList<>();
        for (int b = 0; b < chunk.size(); b++) {
            int[] c = chunk.get(b);
            Arrays.fill(windows[b], SequentialRetriever.PAD);
            int offset = length - c.length;
            boolean any = false;
            for (int i = 0; i < c.length; i++) {
                boolean mask = rng.nextDouble() < p || (!any && i == c.length - 1);
                windows[b][offset + i] = mask ? SequentialRetriever.MASK : c[i];
                if (mask) {
                    any = true;
                    positions.add((long) b * length + offset + i);
                    targets.add(c[i]);
                }
            }
        }
        return new Batch(windows, positions.stream().mapToLong(Long::longValue).toArray(), targets.stream().mapToInt(Integer::intValue).toArray());
    }

    /**
     * Groups a shuffled order into batches of similar length (sorting within runs of {@link #BUCKET_BATCHES}
     * batches, then shuffling the batches), so that little of each window is padding. Every window is still
     * seen once per epoch in a seeded random order of batches.
     */
    static int[] bucketed(int[] order, List<int[]> windows, int batchSize, Random rng) {
        int run = batchSize * BUCKET_BATCHES;
        Integer[] boxed = Arrays.stream(order).boxed().toArray(Integer[]::new);
        for (int from = 0; from < boxed.length; from += run) {
            Arrays.sort(boxed, from, Math.min(boxed.length, from + run), (a, b) -> Integer.compare(windows.get(a).length, windows.get(b).length));
        }
        int batches = (boxed.length + batchSize - 1) / batchSize;
        int[] batchOrder = shuffled(batches, rng);
        int[] out = new int[boxed.length];
        int k = 0;
        for (int b : batchOrder) {
            for (int i = b * batchSize; i < Math.min(boxed.length, (b + 1) * batchSize); i++) out[k++] = boxed[i];
        }
        return out;
    }

    private static int[] shuffled(int n, Random rng) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        for (int i = n - 1; i > 0; i--) {
            int j = rng.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    private static List<int[]> subset(List<int[]> examples, int max, long seed) {
        if (max <= 0 || examples.size() <= max) return examples;
        int[] order = shuffled(examples.size(), new Random(seed ^ 0x5eed));
        int[] chosen = Arrays.copyOf(order, max);
        Arrays.sort(chosen);
        List<int[]> out = new ArrayList<>(max);
        for (int i : chosen) out.add(examples.get(i));
        return out;
    }

    private static String fingerprint(SequentialRetriever model, List<int[]> train, List<int[]> valid, PretrainConfig cfg) {
        StringBuilder sb = new StringBuilder();
        sb.append(model.config()).append('|').append(model.numItems()).append('|').append(model.textDimension()).append('|');
        // resuming over other text embeddings (another encoder, a rebuilt corpus) would mix two models
        if (!model.textFingerprint().isEmpty()) sb.append(model.textFingerprint()).append('|');
        sb.append(cfg.withMaxMinutes(0)).append('|');
        for (int[] s : train) sb.append(Arrays.hashCode(s)).append(',');
        sb.append('|');
        for (int[] s : valid) sb.append(Arrays.hashCode(s)).append(',');
        return Hashing.sha256(sb.toString());
    }

    private static State readState(Path dir) {
        Path file = dir.resolve(STATE_FILE);
        try {
            return Json.MAPPER.readValue(file.toFile(), State.class);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
