package dev.rarec.eval;

import dev.rarec.generator.Pipeline;

import java.util.List;
import java.util.Set;

/**
 * How to evaluate.
 *
 * @param retrievalSize      candidates retrieved per example (the paper's k = 25)
 * @param ks                 NDCG/Recall cut-offs, ascending
 * @param concurrency        examples in flight at once; above 1 the pipeline must be thread-safe
 * @param popularity         items seen in training; when not empty, metrics are also split into
 *                           targets never seen in training ("unseen", the paper's unpopular group) and the rest
 * @param datasetName        for reports, e.g. {@code redial-test}
 * @param methodName         for reports, e.g. {@code lrurec+builtin}
 * @param bootstrapResamples 0 for the normal interval (1.96·sd/√n), else that many bootstrap resamples
 * @param seed               seed of the bootstrap
 */
public record EvalOptions(int retrievalSize, List<Integer> ks, int concurrency, Set<Integer> popularity,
                          String datasetName, String methodName, int bootstrapResamples, long seed) {

    public static final int DEFAULT_CONCURRENCY = 4;

    public EvalOptions {
        if (retrievalSize < 1) throw new IllegalArgumentException("retrievalSize must be >= 1, was " + retrievalSize);
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
        if (bootstrapResamples < 0) throw new IllegalArgumentException("bootstrapResamples must be >= 0, was " + bootstrapResamples);
        ks = List.copyOf(ks == null || ks.isEmpty() ? Metrics.DEFAULT_KS : ks);
        for (int i = 0; i < ks.size(); i++) {
            if (ks.get(i) < 1 || (i > 0 && ks.get(i) <= ks.get(i - 1))) {
                throw new IllegalArgumentException("ks must be positive and ascending, was " + ks);
            }
        }
        popularity = Set.copyOf(popularity == null ? Set.of() : popularity);
        datasetName = datasetName == null ? "" : datasetName;
        methodName = methodName == null ? "" : methodName;
    }

    /** The six settings of the paper's protocol, with the normal interval. */
    public EvalOptions(int retrievalSize, List<Integer> ks, int concurrency, Set<Integer> popularity,
                       String datasetName, String methodName) {
        this(retrievalSize, ks, concurrency, popularity, datasetName, methodName, 0, 0L);
    }

    /** k = 25, cut-offs 1/5/10/20, {@value #DEFAULT_CONCURRENCY} in flight, no popularity groups. */
    public static EvalOptions defaults(String datasetName, String methodName) {
        return new EvalOptions(Pipeline.DEFAULT_RETRIEVAL_SIZE, Metrics.DEFAULT_KS, DEFAULT_CONCURRENCY, Set.of(),
                datasetName, methodName);
    }

    public EvalOptions withRetrievalSize(int size) {
        return new EvalOptions(size, ks, concurrency, popularity, datasetName, methodName, bootstrapResamples, seed);
    }

    public EvalOptions withKs(List<Integer> newKs) {
        return new EvalOptions(retrievalSize, newKs, concurrency, popularity, datasetName, methodName, bootstrapResamples, seed);
    }

    public EvalOptions withConcurrency(int threads) {
        return new EvalOptions(retrievalSize, ks, threads, popularity, datasetName, methodName, bootstrapResamples, seed);
    }

    public EvalOptions withPopularity(Set<Integer> seenInTraining) {
        return new EvalOptions(retrievalSize, ks, concurrency, seenInTraining, datasetName, methodName, bootstrapResamples, seed);
    }

    public EvalOptions withNames(String dataset, String method) {
        return new EvalOptions(retrievalSize, ks, concurrency, popularity, dataset, method, bootstrapResamples, seed);
    }

    public EvalOptions withBootstrap(int resamples, long bootstrapSeed) {
        return new EvalOptions(retrievalSize, ks, concurrency, popularity, datasetName, methodName, resamples, bootstrapSeed);
    }
}
