package dev.rarec.eval;

import dev.rarec.data.CrsExample;
import dev.rarec.generator.GeneratorException;
import dev.rarec.generator.Pipeline;
import dev.rarec.generator.Recommendation;
import dev.rarec.retriever.ScoredItem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs a {@link Pipeline} over {@link CrsExample}s and measures it as the paper does.
 *
 * <p>Examples run concurrently, but each outcome is stored at its example's position, so rows,
 * metrics and failures come out in example order whatever the thread timing. A failing generator
 * call ({@link GeneratorException}) is counted, reported and scores 0 in the headline metrics (the
 * answered-only figures are reported beside them); anything else, such as a generator that cannot work
 * in this run at all ({@code GeneratorUnavailableException}: a refused key, item embeddings of another
 * encoder), stops the run with its message.
 */
public final class Evaluator {

    /** Progress is reported at most this often, plus once at the start and once at the end. */
    private static final long PROGRESS_INTERVAL_NANOS = 2_000_000_000L;

    private Evaluator() {}

    /**
     * Evaluates {@code pipeline} on {@code examples} at {@code options.retrievalSize()}.
     * Examples whose targets were all mentioned already are skipped without calling the pipeline.
     *
     * @param progress receives one-line progress messages, always from the calling thread
     */
    public static EvalResult evaluate(Pipeline pipeline, List<CrsExample> examples, EvalOptions options,
                                      Consumer<String> progress) {
        String label = label(options) + " k=" + options.retrievalSize();
        long start = System.nanoTime();
        Outcome[] outcomes = run(pipeline, examples, options, progress, label);
        double wallSeconds = (System.nanoTime() - start) / 1e9;
        EvalResult result = aggregate(pipeline.generator().name(), examples, outcomes, options, wallSeconds);
        progress.accept(String.format("[%s] done: %d examples, %d targets, %d failed, ndcg@10 %.4f, %.1fs",
                label, result.examples(), result.targets(), result.failures(), result.mean("ndcg@10"), wallSeconds));
        return result;
    }

    /** Evaluates at every retrieval size in {@code sizes} (figure 3); {@code options.retrievalSize()} is ignored. */
    public static SweepResult sweep(Pipeline pipeline, List<CrsExample> examples, int[] sizes, EvalOptions options,
                                    Consumer<String> progress) {
        if (sizes.length == 0) throw new IllegalArgumentException("a sweep needs at least one retrieval size");
        List<Integer> sizeList = Arrays.stream(sizes).boxed().toList();
        List<EvalResult> results = new ArrayList<>(sizes.length);
        for (int size : sizes) {
            results.add(evaluate(pipeline, examples, options.withRetrievalSize(size), progress));
        }
        return new SweepResult(options.datasetName(), options.methodName(), sizeList, results);
    }

    /** {@link #sweep(Pipeline, List, int[], EvalOptions, Consumer)} at the paper's sizes 5, 15, 25, 35, 45. */
    public static SweepResult sweep(Pipeline pipeline, List<CrsExample> examples, EvalOptions options,
                                    Consumer<String> progress) {
        return sweep(pipeline, examples, SweepResult.DEFAULT_SIZES.stream().mapToInt(Integer::intValue).toArray(),
                options, progress);
    }

    /**
     * Every item a list of training examples mentions, in a history or as a target: the popularity
     * set whose complement is the paper's "unseen in training" group (figure 4).
     */
    public static Set<Integer> itemsSeenIn(Collection<CrsExample> training) {
        Set<Integer> seen = new HashSet<>();
        for (CrsExample e : training) {
            seen.addAll(e.historyItems());
            seen.addAll(e.targets());
        }
        return seen;
    }

    /** {@code conversationId#turnIndex}: unique within a dataset split. */
    public static String exampleId(CrsExample example) {
        return example.conversationId() + "#" + example.turnIndex();
    }

    private enum Status { SKIPPED, FAILED, ANSWERED }

    /** What happened to one example. */
    private record Outcome(Status status, List<TargetRow> rows, int excludedTargets, String failure,
                           int lines, int hallucinations, double retrieveMillis, double generateMillis,
                           double totalMillis) {

        static Outcome skipped(int excluded) {
            return new Outcome(Status.SKIPPED, List.of(), excluded, "", 0, 0, 0, 0, 0);
        }

        /** A failed example keeps its targets as misses (rank -1), so they stay in the denominator. */
        static Outcome failed(List<TargetRow> misses, int excluded, String message) {
            return new Outcome(Status.FAILED, misses, excluded, message, 0, 0, 0, 0, 0);
        }

        boolean failed() {
            return status == Status.FAILED;
        }
    }

    private static Outcome evaluateOne(Pipeline pipeline, CrsExample example, int retrievalSize) {
        String id = exampleId(example);
        List<Integer> evaluable = Metrics.evaluableTargets(example.targets(), example.historyItems());
        int excluded = (int) example.targets().stream().distinct().count() - evaluable.size();
        if (evaluable.isEmpty()) return Outcome.skipped(excluded);
        long t0 = System.nanoTime();
        Recommendation rec;
        try {
            rec = pipeline.recommend(example.context(), example.historyItems(), retrievalSize);
        } catch (GeneratorException e) {
            String message = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            return Outcome.failed(Metrics.rows(id, evaluable, example.historyItems(), List.of(), List.of()), excluded, message);
        }
        double totalMillis = (System.nanoTime() - t0) / 1e6;
        List<TargetRow> rows = Metrics.rows(id, evaluable, example.historyItems(), items(rec.ranked()), items(rec.candidates()));
        return new Outcome(Status.ANSWERED, rows, excluded, "", rec.ranking().lines(), rec.ranking().hallucinations(),
                rec.retrieveMillis(), rec.generateMillis(), totalMillis);
    }

    private static List<Integer> items(List<ScoredItem> scored) {
        List<Integer> out = new ArrayList<>(scored.size());
        for (ScoredItem s : scored) out.add(s.item());
        return out;
    }

    private static Outcome[] run(Pipeline pipeline, List<CrsExample> examples, EvalOptions options,
                                 Consumer<String> progress, String label) {
        int n = examples.size();
        Outcome[] outcomes = new Outcome[n];
        Progress meter = new Progress(label, n, progress);
        if (options.concurrency() == 1 || n <= 1) {
            for (int i = 0; i < n; i++) {
                if (Thread.currentThread().isInterrupted()) throw new CancellationException("evaluation interrupted");
                outcomes[i] = evaluateOne(pipeline, examples.get(i), options.retrievalSize());
                meter.done(outcomes[i].failed());
            }
            return outcomes;
        }
        ExecutorService pool = Executors.newFixedThreadPool(options.concurrency(), daemonThreads());
        try {
            ExecutorCompletionService<Integer> completion = new ExecutorCompletionService<>(pool);
            List<Future<Integer>> futures = new ArrayList<>(n);
            // after the first error that stops the run, queued examples return at once instead of calling the pipeline
            AtomicBoolean stopping = new AtomicBoolean();
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(completion.submit(() -> {
                    if (stopping.get()) return -1;
                    try {
                        outcomes[index] = evaluateOne(pipeline, examples.get(index), options.retrievalSize());
                    } catch (RuntimeException | Error e) {
                        stopping.set(true);
                        throw e;
                    }
                    return index;
                }));
            }
            for (int done = 0; done < n; done++) {
                int index;
                try {
                    index = completion.take().get();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new CancellationException("evaluation interrupted after " + done + " of " + n + " examples");
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause();
                    if (cause instanceof RuntimeException re) throw re;
                    if (cause instanceof Error err) throw err;
                    throw new IllegalStateException("evaluation failed: " + cause, cause);
                }
                if (index >= 0) meter.done(outcomes[index].failed());
            }
            return outcomes;
        } finally {
            pool.shutdownNow();
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger count = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "rarec-eval-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static EvalResult aggregate(String generatorName, List<CrsExample> examples, Outcome[] outcomes,
                                        EvalOptions options, double wallSeconds) {
        List<TargetRow> rows = new ArrayList<>();
        List<TargetRow> allRows = new ArrayList<>();
        List<EvalResult.Failure> failures = new ArrayList<>();
        int evaluated = 0;
        int skipped = 0;
        int excluded = 0;
        long lines = 0;
        long hallucinations = 0;
        List<double[]> latencies = new ArrayList<>();
        for (int i = 0; i < outcomes.length; i++) {
            Outcome o = outcomes[i];
            excluded += o.excludedTargets();
            if (o.status() == Status.SKIPPED) {
                skipped++;
            } else if (o.failed()) {
                failures.add(new EvalResult.Failure(exampleId(examples.get(i)), o.failure()));
                allRows.addAll(o.rows());
            } else {
                evaluated++;
                rows.addAll(o.rows());
                allRows.addAll(o.rows());
                lines += o.lines();
                hallucinations += o.hallucinations();
                latencies.add(new double[] {o.retrieveMillis(), o.generateMillis(), o.totalMillis()});
            }
        }
        int b = options.bootstrapResamples();
        long seed = options.seed();
        Map<String, EvalResult.Group> groups = new LinkedHashMap<>();
        if (!options.popularity().isEmpty()) {
            List<TargetRow> unseen = allRows.stream().filter(r -> !options.popularity().contains(r.target())).toList();
            List<TargetRow> seen = allRows.stream().filter(r -> options.popularity().contains(r.target())).toList();
            groups.put(EvalResult.UNSEEN, new EvalResult.Group(unseen.size(), Metrics.summarize(unseen, options.ks(), b, seed)));
            groups.put(EvalResult.SEEN, new EvalResult.Group(seen.size(), Metrics.summarize(seen, options.ks(), b, seed)));
        }
        return new EvalResult(options.datasetName(), options.methodName(), generatorName, options.retrievalSize(),
                options.ks(), b > 0 ? "bootstrap-" + b : "normal", examples.size(), evaluated, skipped,
                failures.size(), allRows.size(), allRows.size() - rows.size(), excluded,
                Metrics.summarize(allRows, options.ks(), b, seed),
                Metrics.summarize(rows, options.ks(), b, seed),
                Metrics.candidateRecall(rows, options.ks(), options.retrievalSize(), b, seed),
                lines, hallucinations, lines == 0 ? 0 : (double) hallucinations / lines,
                groups, timings(latencies, wallSeconds), failures, rows);
    }

    private static EvalResult.Timings timings(List<double[]> latencies, double wallSeconds) {
        double[][] columns = new double[3][latencies.size()];
        for (int i = 0; i < latencies.size(); i++) {
            for (int c = 0; c < 3; c++) columns[c][i] = latencies.get(i)[c];
        }
        for (double[] column : columns) Arrays.sort(column);
        return new EvalResult.Timings(nearestRank(columns[0], 0.5), nearestRank(columns[0], 0.99),
                nearestRank(columns[1], 0.5), nearestRank(columns[1], 0.99),
                nearestRank(columns[2], 0.5), nearestRank(columns[2], 0.99), wallSeconds);
    }

    static double nearestRank(double[] sorted, double q) {
        if (sorted.length == 0) return 0;
        int index = (int) Math.ceil(q * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
    }

    private static String label(EvalOptions options) {
        String dataset = options.datasetName().isEmpty() ? "eval" : options.datasetName();
        return options.methodName().isEmpty() ? dataset : dataset + "/" + options.methodName();
    }

    /** Counts finished examples and reports rate and ETA, at most every two seconds. */
    private static final class Progress {
        private final String label;
        private final int total;
        private final Consumer<String> sink;
        private final long start = System.nanoTime();
        private long lastReport;
        private int done;
        private int failed;

        Progress(String label, int total, Consumer<String> sink) {
            this.label = label;
            this.total = total;
            this.sink = sink;
            this.lastReport = start;
            sink.accept(String.format("[%s] evaluating %d examples", label, total));
        }

        void done(boolean failedExample) {
            done++;
            if (failedExample) failed++;
            long now = System.nanoTime();
            if (now - lastReport < PROGRESS_INTERVAL_NANOS || done == total) return;
            lastReport = now;
            double seconds = (now - start) / 1e9;
            double rate = done / seconds;
            long eta = Math.round((total - done) / rate);
            sink.accept(String.format("[%s] %d/%d examples, %d failed, %.1f ex/s, ETA %dm%02ds",
                    label, done, total, failed, rate, eta / 60, eta % 60));
        }
    }
}
