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
 */
public record EvalReport(String title, Map<String, Object> provenance, List<EvalResult> results, SweepResult sweep) {
    public EvalReport {
        title = title == null ? "" : title;
        provenance = Collections.unmodifiableMap(new LinkedHashMap<>(provenance == null ? Map.of() : provenance));
        results = List.copyOf(results);
        sweep = sweep == null ? SweepResult.NONE : sweep;
    }
}
