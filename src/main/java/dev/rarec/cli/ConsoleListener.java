package dev.rarec.cli;

import dev.rarec.train.TrainingListener;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/** Prints training progress to stderr: at most one line every few seconds, plus every message. */
final class ConsoleListener implements TrainingListener {
    private static final long MIN_INTERVAL_NANOS = 5_000_000_000L;

    private final PrintStream out;
    private final LongSupplier clock;
    private final long start;
    private long lastPrint;
    private String lastPhase = "";
    private long phaseStart;
    private long phaseStartDone;

    ConsoleListener(PrintStream out) {
        this(out, System::nanoTime);
    }

    /** @param clock nanoseconds, as {@link System#nanoTime} (tests pass their own) */
    ConsoleListener(PrintStream out, LongSupplier clock) {
        this.out = out;
        this.clock = clock;
        this.start = clock.getAsLong();
        this.phaseStart = start;
    }

    @Override
    public synchronized void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
        long now = clock.getAsLong();
        boolean phaseChanged = !phase.equals(lastPhase);
        if (!phaseChanged && done < total && now - lastPrint < MIN_INTERVAL_NANOS) return;
        if (phaseChanged) {
            // the rate of this phase only: validation and earlier phases must not inflate the estimate
            phaseStart = now;
            phaseStartDone = done;
        }
        lastPrint = now;
        lastPhase = phase;
        double elapsed = (now - start) / 1e9;
        long doneInPhase = done - phaseStartDone;
        String eta = doneInPhase > 0 && total > done
                ? String.format(Locale.ROOT, " eta %s", duration((now - phaseStart) / 1e9 / doneInPhase * (total - done))) : "";
        String m = metrics.entrySet().stream()
                .map(e -> e.getKey() + "=" + String.format(Locale.ROOT, "%.4f", e.getValue()))
                .collect(Collectors.joining(" "));
        out.printf(Locale.ROOT, "[%s] %s %d/%d %s%s%n", duration(elapsed), phase, done, total, m, eta);
    }

    @Override
    public void onMessage(String message) {
        out.printf(Locale.ROOT, "[%s] %s%n", duration((clock.getAsLong() - start) / 1e9), message);
    }

    private static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s / 60) % 60)
                : String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
}
