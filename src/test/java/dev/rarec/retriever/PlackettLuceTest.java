package dev.rarec.retriever;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PlackettLuceTest {

    /** Eq. 3 written out in doubles: each draw's normaliser sums over unmasked items not drawn before. */
    static double bruteForce(double[] scores, Collection<Integer> masked, int[] set, double temperature) {
        double logP = 0;
        boolean[] gone = new boolean[scores.length];
        for (int m : masked) gone[m] = true;
        for (int item : set) {
            double z = 0;
            for (int j = 0; j < scores.length; j++) if (!gone[j]) z += Math.exp(scores[j] / temperature);
            logP += scores[item] / temperature - Math.log(z);
            gone[item] = true;
        }
        return logP;
    }

    @Test
    void logLikelihoodEqualsBruteForceOnSeveralRowsAndSets() {
        Random random = new Random(7);
        int n = 9;
        double[][] scores = new double[2][n];
        for (double[] row : scores) for (int j = 0; j < n; j++) row[j] = random.nextGaussian() * 3;
        List<Set<Integer>> masked = List.of(Set.of(0, 4), Set.of());
        List<int[]> sets = List.of(new int[] {1, 2, 3}, new int[] {8, 7, 1}, new int[] {0, 4, 5}, new int[] {5, 6, 2});
        int[] rows = {0, 0, 1, 1};
        double temperature = 0.7;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray s = manager.create(scores);
            double[] logP = PlackettLuce.logLikelihood(s, rows, sets, masked, temperature).toDoubleArray();
            for (int j = 0; j < sets.size(); j++) {
                assertThat(logP[j]).isCloseTo(bruteForce(scores[rows[j]], masked.get(rows[j]), sets.get(j), temperature), within(1e-9));
            }
        }
    }

    @Test
    void logLikelihoodStaysFiniteWhenTheSetHoldsAlmostAllMass() {
        // The set takes all but 1e-30 of the mass: a subtract-the-set normaliser would return log(0).
        // A second set of the same row holds little mass and takes the fast path; both must be exact.
        double[] scores = {80, 79, 10, 0, 0};
        int[] set = {0, 1, 2};
        int[] light = {3, 4, 2};
        for (boolean float32 : new boolean[] {false, true}) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray s = manager.create(new double[][] {scores});
                if (float32) s = manager.create(new float[] {80, 79, 10, 0, 0}, new Shape(1, 5));
                s.setRequiresGradient(true);
                double[] logP;
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray lp = PlackettLuce.logLikelihood(s, new int[] {0, 0}, List.of(set, light), List.of(Set.of()), 1.0);
                    logP = lp.toType(DataType.FLOAT64, true).toDoubleArray();
                    collector.backward(lp.sum());
                }
                double tolerance = float32 ? 1e-3 : 1e-9;
                assertThat(logP[0]).isCloseTo(bruteForce(scores, Set.of(), set, 1.0), within(tolerance));
                assertThat(logP[1]).isCloseTo(bruteForce(scores, Set.of(), light, 1.0), within(tolerance));
                for (double g : s.getGradient().toType(DataType.FLOAT64, true).toDoubleArray()) assertThat(g).isFinite();
            }
        }
    }

    @Test
    void gradientMatchesFiniteDifferencesOfTheBruteForce() {
        double[] scores = {0.3, -1.2, 2.0, 0.5, 1.1, -0.4};
        int[] set = {2, 5, 0};
        Set<Integer> masked = Set.of(3);
        double[] grad;
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray s = manager.create(new double[][] {scores});
            s.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray logP = PlackettLuce.logLikelihood(s, new int[] {0}, List.of(set), List.of(masked), 1.5).sum();
                collector.backward(logP);
            }
            grad = s.getGradient().toDoubleArray();
        }
        for (int j = 0; j < scores.length; j++) {
            double[] up = scores.clone();
            double[] down = scores.clone();
            up[j] += 1e-6;
            down[j] -= 1e-6;
            double numeric = (bruteForce(up, masked, set, 1.5) - bruteForce(down, masked, set, 1.5)) / 2e-6;
            assertThat(grad[j]).as("d logP / d s_%d", j).isCloseTo(numeric, within(1e-6));
        }
        assertThat(grad[3]).as("a masked item gets no gradient").isZero();
    }

    @Test
    void float32ScoresKeepTheirGradient() {
        // DJL's toType detaches from the autograd graph; the log-likelihood must not go through it.
        double[] scores = {0.3, -1.2, 2.0, 0.5, 1.1, -0.4};
        float[] asFloat = new float[scores.length];
        for (int i = 0; i < scores.length; i++) asFloat[i] = (float) scores[i];
        int[] set = {2, 5, 0};
        Set<Integer> masked = Set.of(3);
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray s = manager.create(asFloat, new Shape(1, scores.length));
            s.setRequiresGradient(true);
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                collector.backward(PlackettLuce.logLikelihood(s, new int[] {0}, List.of(set), List.of(masked), 1.5).sum());
            }
            float[] grad = s.getGradient().toFloatArray();
            for (int j = 0; j < scores.length; j++) {
                double[] up = scores.clone();
                double[] down = scores.clone();
                up[j] += 1e-6;
                down[j] -= 1e-6;
                double numeric = (bruteForce(up, masked, set, 1.5) - bruteForce(down, masked, set, 1.5)) / 2e-6;
                assertThat((double) grad[j]).isCloseTo(numeric, within(1e-5));
            }
        }
    }

    @Test
    void gradientsSurviveAGarbageCollectionBeforeBackward() {
        // DJL's div(Number) let the collector free its divisor before backward, which then read garbage;
        // with a collection between forward and backward that happened in most repetitions.
        Random random = new Random(1);
        float[] flat = new float[6 * 30];
        for (int i = 0; i < flat.length; i++) flat[i] = (float) (random.nextGaussian() * 8);
        List<Set<Integer>> masks = new ArrayList<>();
        List<int[]> sets = new ArrayList<>();
        int[] rows = new int[24];
        for (int b = 0; b < 6; b++) {
            masks.add(Set.of(b, b + 7));
            sets.addAll(PlackettLuce.sample(java.util.Arrays.copyOfRange(flat, b * 30, b * 30 + 30), masks.get(b), 5, 4, 0.7, new Random(b)));
            for (int j = 0; j < 4; j++) rows[b * 4 + j] = b;
        }
        float[] first = null;
        for (int rep = 0; rep < 20; rep++) {
            try (NDManager manager = NDManager.newBaseManager()) {
                NDArray s = manager.create(flat, new Shape(6, 30));
                s.setRequiresGradient(true);
                try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                    NDArray loss = PlackettLuce.logLikelihood(s, rows, sets, masks, 0.7).sum();
                    System.gc();
                    collector.backward(loss);
                }
                float[] grad = s.getGradient().toFloatArray();
                if (first == null) first = grad;
                assertThat(grad).as("repetition %d", rep).containsExactly(first);
            }
        }
        for (float g : first) assertThat(g).isFinite();
    }

    @Test
    void float32ScoresGiveFloat32LogLikelihoods() {
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray s = manager.create(new float[] {1, 2, 3, 4}, new Shape(1, 4));
            NDArray logP = PlackettLuce.logLikelihood(s, new int[] {0}, List.<int[]>of(new int[] {3, 2}), List.of(Set.of()), 1.0);
            assertThat(logP.getDataType()).isEqualTo(DataType.FLOAT32);
            assertThat((double) logP.toFloatArray()[0]).isCloseTo(bruteForce(new double[] {1, 2, 3, 4}, Set.of(), new int[] {3, 2}, 1.0), within(1e-5));
        }
    }

    @Test
    void sampleFrequenciesMatchAnalyticProbabilities() {
        float[] scores = {1.0f, 0.2f, -0.5f, 2.0f, 0.7f};
        Set<Integer> masked = Set.of(4);
        double temperature = 0.8;
        int samples = 60_000;
        Map<String, Integer> counts = new HashMap<>();
        for (int[] set : PlackettLuce.sample(scores, masked, 2, samples, temperature, new Random(11))) {
            assertThat(set).doesNotContain(4);
            counts.merge(set[0] + "," + set[1], 1, Integer::sum);
        }
        double[] asDouble = new double[scores.length];
        for (int i = 0; i < scores.length; i++) asDouble[i] = scores[i];
        double maxDiff = 0;
        double total = 0;
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                if (a == b) continue;
                double p = Math.exp(bruteForce(asDouble, masked, new int[] {a, b}, temperature));
                total += p;
                double f = counts.getOrDefault(a + "," + b, 0) / (double) samples;
                maxDiff = Math.max(maxDiff, Math.abs(f - p));
            }
        }
        assertThat(total).isCloseTo(1.0, within(1e-12));
        assertThat(counts).hasSize(12);
        // The standard error of a frequency near 0.25 with 60k samples is below 0.002.
        assertThat(maxDiff).isLessThan(0.008);
    }

    @Test
    void sameSeedSameSamples() {
        float[] scores = new float[50];
        for (int i = 0; i < scores.length; i++) scores[i] = (float) Math.sin(i);
        List<int[]> a = PlackettLuce.sample(scores, Set.of(1, 2), 5, 3, 1.0, new Random(3));
        List<int[]> b = PlackettLuce.sample(scores, Set.of(1, 2), 5, 3, 1.0, new Random(3));
        for (int i = 0; i < 3; i++) {
            assertThat(a.get(i)).containsExactly(b.get(i)).doesNotContain(1, 2).doesNotHaveDuplicates();
        }
    }

    @Test
    void rejectsBadInput() {
        assertThatThrownBy(() -> PlackettLuce.sample(new float[] {1, 2}, Set.of(0), 2, 1, 1.0, new Random(1)))
                .hasMessageContaining("cannot draw 2 items from 1");
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray s = manager.create(new float[] {1, 2, 3}, new Shape(1, 3));
            List<int[]> sets = new ArrayList<>();
            sets.add(new int[] {0, 1});
            assertThatThrownBy(() -> PlackettLuce.logLikelihood(s, new int[] {0}, sets, List.of(Set.of(1)), 1.0))
                    .hasMessageContaining("masked item 1");
        }
    }

    @Test
    void whenTheDrawnItemsHoldAlmostAllMassTheExactFallbackDrawsFromTheRest() {
        // item 0 holds all the mass a double can see: once drawn, every rejection-sampling attempt lands on it
        // again, so each later draw goes through the exact fallback over the remaining items 1..4 (equal weights)
        float[] scores = {100f, 0f, 0f, 0f, 0f};
        int sets = 4000;
        int[] second = new int[5];
        for (int[] set : PlackettLuce.sample(scores, List.of(), 3, sets, 1.0, new Random(17))) {
            assertThat(set[0]).isZero();
            assertThat(set).doesNotHaveDuplicates();
            second[set[1]]++;
        }
        assertThat(second[0]).isZero();
        for (int item = 1; item < 5; item++) {
            assertThat(second[item]).as("item %d second", item).isCloseTo(sets / 4, org.assertj.core.data.Offset.offset(sets / 4 / 5));
        }
        // the fallback respects the masked items too
        for (int[] set : PlackettLuce.sample(scores, List.of(2, 3), 3, 200, 1.0, new Random(3))) {
            assertThat(set).containsExactlyInAnyOrder(0, 1, 4);
        }
    }
}
