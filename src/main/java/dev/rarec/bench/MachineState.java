package dev.rarec.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What the machine gives one thread at a moment: the bandwidth of a memory copy larger than any cache, and
 * the rate of a fixed chain of dependent arithmetic. {@code bench-training} measures it just before each
 * probe, so that a slow round can be told apart: slow with both figures as usual points at the code; slow
 * with the bandwidth down points at the machine (on a shared host the memory bus is what the neighbours
 * take, and a step that waits on memory feels it before one that waits on dispatch); slow with the
 * arithmetic down means the thread got less of a core.
 *
 * @param copyGBps       bytes read plus bytes written per second by {@code System.arraycopy}, in GB/s (median of 5 copies)
 * @param arithmeticGops dependent multiply-adds per second, in billions (median of 5 chains)
 */
public record MachineState(double copyGBps, double arithmeticGops) {
    /** 128 MiB per array: past the last-level cache of the processors this runs on (32 MiB per EPYC core complex). */
    private static final int COPY_LONGS = 16 << 20;
    private static final int CHAIN = 20_000_000;
    private static final int REPEATS = 5;

    public static MachineState measure() {
        long[] from = new long[COPY_LONGS];
        long[] to = new long[COPY_LONGS];
        Arrays.fill(from, 1); // touch every page first: the copies must time the memory, not page faults
        List<Double> copies = new ArrayList<>();
        for (int i = 0; i < REPEATS; i++) {
            long t = System.nanoTime();
            System.arraycopy(from, 0, to, 0, COPY_LONGS);
            copies.add(2.0 * Long.BYTES * COPY_LONGS / (System.nanoTime() - t));
        }
        List<Double> chains = new ArrayList<>();
        double sink = 0;
        for (int i = 0; i < REPEATS; i++) {
            long t = System.nanoTime();
            sink += chain(to[i] + 0.5);
            chains.add((double) CHAIN / (System.nanoTime() - t));
        }
        if (Double.isNaN(sink)) throw new IllegalStateException("unreachable: keeps the chains from being optimised away");
        return new MachineState(TrainingThroughput.median(copies), TrainingThroughput.median(chains));
    }

    /** Each step needs the one before: the rate is the core's latency-bound speed, which no compiler can vectorise. */
    private static double chain(double x) {
        for (int i = 0; i < CHAIN; i++) x = x * 0.999999 + 0.000001;
        return x;
    }
}
