package dev.rarec.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of {@code metrics.json}: what {@link ReportWriter} wrote, readable back with
 * {@link ReportWriter#readMetrics}. Results and sweep carry no per-target rows (those go to
 * {@code rows.jsonl}).
 *
 * @param title      the report's title
 * @param provenance what produced the run (command, data, seed, git commit, ...), as given to the writer
 * @param results    one result per evaluated method
 * @param sweep      the retrieval-size sweep, or {@link SweepResult#NONE}
 * @param comparisons paired differences of every method against the first method of its dataset
 */
public record EvalReport(String title, Map<String, Object> provenance, List<EvalResult> results, SweepResult sweep,
                         List<Comparison> comparisons) {

    /**
     * {@code method − baseline} on one metric, paired over the rows both evaluated
     * ({@link Metrics#pairedDifference}); {@code difference.n()} is the number of shared rows.
     */
    public record Comparison(String dataset, String baseline, String method, String metric, Estimate difference) {

        /** Whether the 95% interval of the difference excludes 0. */
        public boolean significant() {
            return difference.n() > 1 && Math.abs(difference.mean()) > difference.ci95();
        }
    }

    public EvalReport {
        title = title == null ? "" : title;
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance == null ? Map.of() : provenance));
        results = List.copyOf(results);
        sweep = sweep == null ? SweepResult.NONE : sweep;
        comparisons = List.copyOf(comparisons == null ? List.of() : comparisons);
    }
}
