package dev.rarec.train;

import java.util.Map;

/**
 * How training reports progress. The train package never prints; the CLI turns these calls into a
 * progress bar and log lines.
 */
public interface TrainingListener {

    /** Progress within a phase ("epoch 3", "validation", "dpo"): done of total units, with current metrics. */
    void onProgress(String phase, long done, long total, Map<String, Double> metrics);

    /** A one-line message worth showing (new best checkpoint, early stop, resume). */
    default void onMessage(String message) {}

    TrainingListener SILENT = (phase, done, total, metrics) -> {};
}
