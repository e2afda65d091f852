package dev.rarec.bench;

import dev.rarec.retriever.RetrieverConfig;
import dev.rarec.retriever.ScoredItem;
import dev.rarec.retriever.SequentialRetriever;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Retrieval latency of top-25 over a whole corpus: a retriever with the CRS configuration (text tower over
 * synthetic, L2-normalised text embeddings) answers single queries and batches of histories of 1..64
 * items. Each run reports p50 and p99 of single queries and the median batch time; the figures returned
 * are medians over runs.
 */
public final class LatencyBenchmark {
    public static final int K = 25;

    private LatencyBenchmark() {}

    /**
     * @param singleP50Ms    median over runs of each run's p50 single-query latency (score + top-k)
     * @param singleP99Ms    median over runs of each run's p99 single-query latency
     * @param batchMs        median over runs of the median time of one batch (score + top-k of every row)
     * @param batchPerQueryMs batchMs divided by the batch size
     */
    public record Result(String model, int items, int textDim, int runs, int queriesPerRun, int batchSize,
                         double singleP50Ms, double singleP99Ms, double batchMs, double batchPerQueryMs, double setupSeconds) {}

    public static Result run(String model, int items, int textDim, int runs, int queries, int batchSize, long seed) {
        long setupStart = System.nanoTime();
        float[][] text = syntheticEmbeddings(items, textDim, seed);
        try (SequentialRetriever retriever = SequentialRetriever.create(RetrieverConfig.crs(model), items, text, seed)) {
            text = null; // the model holds its own copy; let the 337K x 384 Java array go
            Random rng = new Random(seed + 1);
            retriever.topK(history(rng, items), K); // builds the item cache
            double setup = (System.nanoTime() - setupStart) / 1e9;
            for (int i = 0; i < 20; i++) retriever.topK(history(rng, items), K);
            double[] p50 = new double[runs];
            double[] p99 = new double[runs];
            double[] batch = new double[runs];
            for (int r = 0; r < runs; r++) {
                double[] single = new double[queries];
                for (int q = 0; q < queries; q++) {
                    List<Integer> h = history(rng, items);
                    long t = System.nanoTime();
                    List<ScoredItem> top = retriever.topK(h, K);
                    single[q] = (System.nanoTime() - t) / 1e6;
                    if (top.size() != K) throw new IllegalStateException("top-k returned " + top.size() + " items");
                }
                p50[r] = percentile(single, 50);
                p99[r] = percentile(single, 99);
                double[] batches = new double[3];
                for (int b = 0; b < batches.length; b++) {
                    List<List<Integer>> histories = new ArrayList<>(batchSize);
                    for (int i = 0; i < batchSize; i++) histories.add(history(rng, items));
                    long t = System.nanoTime();
                    retriever.topKBatch(histories, K);
                    batches[b] = (System.nanoTime() - t) / 1e6;
                }
                batch[r] = percentile(batches, 50);
            }
            double batchMs = percentile(batch, 50);
            return new Result(model, items, textDim, runs, queries, batchSize, percentile(p50, 50), percentile(p99, 50),
                    batchMs, batchMs / batchSize, setup);
        }
    }

    private static List<Integer> history(Random rng, int items) {
        int n = 1 + rng.nextInt(64);
        List<Integer> h = new ArrayList<>(n);
        for (int i = 0; i < n; i++) h.add(rng.nextInt(items));
        return h;
    }

    static float[][] syntheticEmbeddings(int items, int dim, long seed) {
        Random rng = new Random(seed);
        float[][] out = new float[items][dim];
        for (float[] row : out) {
            double norm = 0;
            for (int j = 0; j < dim; j++) {
                row[j] = (float) rng.nextGaussian();
                norm += row[j] * row[j];
            }
            float inv = (float) (1 / Math.sqrt(norm));
            for (int j = 0; j < dim; j++) row[j] *= inv;
        }
        return out;
    }

    static double percentile(double[] values, double p) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int idx = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))];
    }
}
