package dev.rarec.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import dev.rarec.retriever.PlackettLuce;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The Plackett-Luce work of one RL training step at corpus scale (docs/rl-training.md): sampling B x g
 * candidate sets of k items from Gaussian scores, then forward and backward of their log-likelihood.
 * Medians over timed repetitions after warm-up ones.
 */
public final class PlackettLuceBenchmark {
    public static final int HISTORIES = 8;
    public static final int K = 25;

    private PlackettLuceBenchmark() {}

    /** One corpus size and group size: median milliseconds to sample and for the log-likelihood's forward + backward. */
    public record Result(int items, int histories, int groupSize, int k, int warmup, int repetitions,
                         double sampleMsMedian, double logLikelihoodMsMedian) {}

    public static Result run(int items, int groupSize, int warmup, int repetitions, long seed) {
        int b = HISTORIES;
        Random random = new Random(seed);
        float[] flat = new float[b * items];
        for (int i = 0; i < flat.length; i++) flat[i] = (float) (random.nextGaussian() * 2);
        List<Set<Integer>> masks = new ArrayList<>();
        for (int i = 0; i < b; i++) masks.add(Set.of(i, i + 100, i + 200));
        double[] sampleMs = new double[repetitions];
        double[] likelihoodMs = new double[repetitions];
        for (int rep = -warmup; rep < repetitions; rep++) {
            long t0 = System.nanoTime();
            List<int[]> sets = new ArrayList<>();
            int[] rows = new int[b * groupSize];
            for (int i = 0; i < b; i++) {
                float[] row = Arrays.copyOfRange(flat, i * items, (i + 1) * items);
                sets.addAll(PlackettLuce.sample(row, masks.get(i), K, groupSize, 1.0, new Random(seed + (rep + warmup) * 100L + i)));
                for (int j = 0; j < groupSize; j++) rows[i * groupSize + j] = i;
            }
            long t1 = System.nanoTime();
            try (NDManager m = NDManager.newBaseManager()) {
                NDArray s = m.create(flat, new Shape(b, items));
                s.setRequiresGradient(true);
                try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                    c.backward(PlackettLuce.logLikelihood(s, rows, sets, masks, 1.0).sum());
                }
                if (!Float.isFinite(s.getGradient().toFloatArray()[5])) throw new IllegalStateException("non-finite gradient");
            }
            long t2 = System.nanoTime();
            if (rep < 0) continue;
            sampleMs[rep] = (t1 - t0) / 1e6;
            likelihoodMs[rep] = (t2 - t1) / 1e6;
        }
        return new Result(items, b, groupSize, K, warmup, repetitions, median(sampleMs), median(likelihoodMs));
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
