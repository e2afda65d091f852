package dev.rarec.bench;

import dev.rarec.embed.OnnxTextEncoder;
import dev.rarec.embed.TextEncoder;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Measures how fast an encoder embeds real item texts: wall-clock texts/s and texts per
 * CPU-second of this process. The second figure matters on a shared machine, where wall time
 * also measures the neighbours.
 */
public final class EncoderBenchmark {

    /**
     * @param modelId           the encoder measured
     * @param texts             texts per run
     * @param meanTokens        mean tokens per text after truncation (0 when the encoder does not tokenise locally)
     * @param textsPerSecond    median over runs, wall clock
     * @param textsPerCpuSecond median over runs, process CPU time (all threads)
     * @param runsPerSecond     every run's wall-clock texts/s, in order
     * @param vectors           what the last run produced (for quality comparisons)
     */
    public record Result(String modelId, int texts, double meanTokens, double textsPerSecond, double textsPerCpuSecond,
                         List<Double> runsPerSecond, float[][] vectors) {}

    private EncoderBenchmark() {}

    /** One warm-up call, then {@code runs} timed encodings of all {@code texts}. */
    public static Result measure(TextEncoder encoder, List<String> texts, int runs) {
        if (texts.isEmpty() || runs < 1) throw new IllegalArgumentException("need at least one text and one run");
        encoder.encode(texts.subList(0, Math.min(32, texts.size())));
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        float[][] vectors = new float[0][];
        for (int r = 0; r < runs; r++) {
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            vectors = encoder.encode(texts);
            wall.add(texts.size() / ((System.nanoTime() - t0) / 1e9));
            long cpuNanos = processCpuNanos() - cpu0;
            cpu.add(cpuNanos > 0 ? texts.size() / (cpuNanos / 1e9) : Double.NaN);
        }
        double meanTokens = 0;
        if (encoder instanceof OnnxTextEncoder onnx) {
            long sum = 0;
            for (String t : texts) sum += onnx.countTokens(t);
            meanTokens = (double) sum / texts.size();
        }
        return new Result(encoder.modelId(), texts.size(), meanTokens, median(wall), median(cpu), List.copyOf(wall), vectors);
    }

    /** Mean cosine between row i of {@code a} and row i of {@code b} (both L2-normalised). */
    public static double meanCosine(float[][] a, float[][] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) sum += dot(a[i], b[i]);
        return sum / a.length;
    }

    /**
     * How well {@code b} keeps the neighbourhoods of {@code a}: for every text, the share of its
     * {@code k} nearest other texts under {@code a} that are also among its {@code k} nearest under
     * {@code b}, averaged. 1 = the same neighbours; the retriever's item tower sees neighbourhoods.
     */
    public static double neighbourOverlap(float[][] a, float[][] b, int k) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            Set<Integer> na = nearest(a, i, k);
            Set<Integer> nb = nearest(b, i, k);
            na.retainAll(nb);
            sum += (double) na.size() / k;
        }
        return sum / a.length;
    }

    private static Set<Integer> nearest(float[][] m, int i, int k) {
        PriorityQueue<double[]> heap = new PriorityQueue<>(Comparator.comparingDouble(x -> x[0]));
        for (int j = 0; j < m.length; j++) {
            if (j == i) continue;
            heap.add(new double[] {dot(m[i], m[j]), j});
            if (heap.size() > k) heap.poll();
        }
        Set<Integer> out = new HashSet<>();
        for (double[] x : heap) out.add((int) x[1]);
        return out;
    }

    private static double dot(float[] x, float[] y) {
        double s = 0;
        for (int d = 0; d < x.length; d++) s += x[d] * y[d];
        return s;
    }

    static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static long processCpuNanos() {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime();
        return -1;
    }
}
