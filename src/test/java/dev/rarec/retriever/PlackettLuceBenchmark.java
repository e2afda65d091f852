package dev.rarec.retriever;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cost of one training step's Plackett-Luce work at corpus scale, for docs/rl-training.md. Opt-in:
 * {@code mvn -o -B test -Dtest=PlackettLuceBenchmark -Drarec.bench=true}.
 */
@EnabledIfSystemProperty(named = "rarec.bench", matches = "true")
class PlackettLuceBenchmark {
    private static final int WARMUP = 3;
    private static final int REPS = 7;

    @Test
    void samplingAndLogLikelihoodAtCorpusScale() {
        int b = 8;
        int k = 25;
        System.out.println("| items N | sets (B x g) | sample ms (median) | log-likelihood fwd+bwd ms (median) |");
        System.out.println("|---|---|---|---|");
        for (int n : new int[] {20_000, 50_000, 100_000}) {
            for (int g : new int[] {2, 8}) {
                Random random = new Random(1);
                float[] flat = new float[b * n];
                for (int i = 0; i < flat.length; i++) flat[i] = (float) (random.nextGaussian() * 2);
                List<Set<Integer>> masks = new ArrayList<>();
                for (int i = 0; i < b; i++) masks.add(Set.of(i, i + 100, i + 200));
                double[] sampleMs = new double[REPS];
                double[] likelihoodMs = new double[REPS];
                for (int rep = -WARMUP; rep < REPS; rep++) {
                    long t0 = System.nanoTime();
                    List<int[]> sets = new ArrayList<>();
                    int[] rows = new int[b * g];
                    for (int i = 0; i < b; i++) {
                        float[] row = Arrays.copyOfRange(flat, i * n, (i + 1) * n);
                        sets.addAll(PlackettLuce.sample(row, masks.get(i), k, g, 1.0, new Random((rep + WARMUP) * 100L + i)));
                        for (int j = 0; j < g; j++) rows[i * g + j] = i;
                    }
                    long t1 = System.nanoTime();
                    float[] grad;
                    try (NDManager m = NDManager.newBaseManager()) {
                        NDArray s = m.create(flat, new Shape(b, n));
                        s.setRequiresGradient(true);
                        try (GradientCollector c = Engine.getInstance().newGradientCollector()) {
                            c.backward(PlackettLuce.logLikelihood(s, rows, sets, masks, 1.0).sum());
                        }
                        grad = s.getGradient().toFloatArray();
                    }
                    long t2 = System.nanoTime();
                    assertThat(grad[5]).isFinite();
                    if (rep < 0) continue;
                    sampleMs[rep] = (t1 - t0) / 1e6;
                    likelihoodMs[rep] = (t2 - t1) / 1e6;
                }
                System.out.printf("| %,d | %d x %d | %.0f | %.0f |%n", n, b, g, median(sampleMs), median(likelihoodMs));
            }
        }
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
