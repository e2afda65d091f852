package dev.rarec.embed;

import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

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
     */
    public record Result(String modelId, int texts, double meanTokens, double textsPerSecond, double textsPerCpuSecond,
                         List<Double> runsPerSecond) {}

    private EncoderBenchmark() {}

    /** One warm-up call, then {@code runs} timed encodings of all {@code texts}. */
    public static Result measure(TextEncoder encoder, List<String> texts, int runs) {
        if (texts.isEmpty() || runs < 1) throw new IllegalArgumentException("need at least one text and one run");
        encoder.encode(texts.subList(0, Math.min(32, texts.size())));
        List<Double> wall = new ArrayList<>();
        List<Double> cpu = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            long cpu0 = processCpuNanos();
            long t0 = System.nanoTime();
            encoder.encode(texts);
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
        return new Result(encoder.modelId(), texts.size(), meanTokens, median(wall), median(cpu), List.copyOf(wall));
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
