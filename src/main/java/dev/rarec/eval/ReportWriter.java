package dev.rarec.eval;

import dev.rarec.util.AtomicFiles;
import dev.rarec.util.Json;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes an evaluation run into its folder: {@code report.md} for people, {@code metrics.json} for
 * programs ({@link EvalReport}), {@code rows.jsonl} with every per-target row, {@code ranks.json} with each
 * method's ranks alone ({@link RankList}: what a later run pairs with once the rows are gone), and the figures
 * {@code ndcg10-groups.png} (figure 4), {@code cutoffs.png} and, with a sweep, {@code sweep.png}
 * (figure 3). Every file is written atomically, so an interrupted run never leaves half a report.
 */
public final class ReportWriter {
    public static final String REPORT = "report.md";
    public static final String METRICS = "metrics.json";
    public static final String ROWS = "rows.jsonl";
    public static final String RANKS = "ranks.json";
    public static final String GROUPS_PNG = "ndcg10-groups.png";
    public static final String CUTOFFS_PNG = "cutoffs.png";
    public static final String SWEEP_PNG = "sweep.png";

    /** The paper's Table 1 columns, compared pairwise between methods. */
    static final List<String> COMPARED = List.of("ndcg@5", "recall@5", "ndcg@10", "recall@10");

    private ReportWriter() {}

    /**
     * Writes the report of {@code results} (one per method) and the optional sweep into {@code runDir}.
     *
     * @param provenanceInfo what produced the run (command, data files and hashes, seed, git commit, ...);
     *                       shown at the top of the report and stored in {@code metrics.json}
     */
    public static void write(Path runDir, String title, List<EvalResult> results, Optional<SweepResult> sweep,
                             Map<String, Object> provenanceInfo) {
        write(runDir, title, results, sweep, provenanceInfo, List.of());
    }

    /**
     * As above, with {@code keptComparisons} (against a baseline kept from an earlier report, {@link #comparisons(RankList, EvalResult, String)})
     * listed after the report's own.
     */
    public static void write(Path runDir, String title, List<EvalResult> results, Optional<SweepResult> sweep,
                             Map<String, Object> provenanceInfo, List<EvalReport.Comparison> keptComparisons) {
        SweepResult s = sweep.filter(x -> !x.isEmpty()).orElse(SweepResult.NONE);
        List<String> labels = labels(results);
        List<EvalReport.Comparison> comparisons = new ArrayList<>(comparisons(results, labels));
        comparisons.addAll(keptComparisons);
        EvalReport summary = new EvalReport(title, new LinkedHashMap<>(provenanceInfo),
                results.stream().map(EvalResult::withoutRows).toList(), s.withoutRows(), comparisons);
        AtomicFiles.writeJson(runDir.resolve(METRICS), summary);
        List<RankList> ranks = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) ranks.add(RankList.of(labels.get(i), results.get(i).rows()));
        AtomicFiles.writeJson(runDir.resolve(RANKS), Map.of("methods", ranks));
        AtomicFiles.write(runDir.resolve(ROWS), out -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            for (EvalResult r : results) {
                for (TargetRow row : r.rows()) {
                    Map<String, Object> line = new LinkedHashMap<>();
                    line.put("dataset", r.dataset());
                    line.put("method", r.method());
                    line.put("retrievalSize", r.retrievalSize());
                    line.put("exampleId", row.exampleId());
                    line.put("target", row.target());
                    line.put("rank", row.rank());
                    line.put("candidateRank", row.candidateRank());
                    w.write(Json.MAPPER.writeValueAsString(line));
                    w.newLine();
                }
            }
            w.flush();
        });
        AtomicFiles.write(runDir.resolve(GROUPS_PNG), out -> Plots.groupBars(results, labels, "ndcg@10", out));
        AtomicFiles.write(runDir.resolve(CUTOFFS_PNG), out -> Plots.cutoffLines(results, labels, out));
        if (!s.isEmpty()) {
            List<Integer> ks = s.results().get(0).ks().stream().filter(k -> k == 5 || k == 10).toList();
            List<Integer> shown = ks.isEmpty() ? s.results().get(0).ks() : ks;
            AtomicFiles.write(runDir.resolve(SWEEP_PNG), out -> Plots.sweepLines(s, shown, out));
        }
        AtomicFiles.writeString(runDir.resolve(REPORT), MarkdownReport.render(summary, labels, !s.isEmpty()));
    }

    /** Reads a {@code metrics.json} written by {@link #write}. */
    public static EvalReport readMetrics(Path runDir) {
        Path file = runDir.resolve(METRICS);
        try (InputStream in = Files.newInputStream(file)) {
            return Json.MAPPER.readValue(in, EvalReport.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The first method's ranks from the {@code ranks.json} of the report in {@code runDir}.
     *
     * @throws IllegalArgumentException when the report has no ranks (written before ranks were kept, or no report)
     */
    public static RankList readFirstRanks(Path runDir) {
        Path file = runDir.resolve(RANKS);
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " does not exist: not an evaluation report, or one written before reports kept their ranks");
        }
        try (InputStream in = Files.newInputStream(file)) {
            record Kept(List<RankList> methods) {}
            Kept kept = Json.MAPPER.readValue(in, Kept.class);
            if (kept.methods() == null || kept.methods().isEmpty()) throw new IllegalArgumentException(file + ": field 'methods' is empty");
            return kept.methods().get(0);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * {@code result} against a baseline kept from an earlier report, on the paper's Table 1 metrics, paired over
     * the rows both have, like the report's own comparisons.
     *
     * @throws IllegalArgumentException when the two share no row (another dataset or split)
     */
    public static List<EvalReport.Comparison> comparisons(RankList kept, EvalResult result, String label) {
        List<TargetRow> baseline = kept.rows();
        List<TargetRow> method = RankList.hashed(result.rows());
        List<EvalReport.Comparison> out = compare(result.dataset(), kept.method(), baseline, label, method, result);
        if (!out.isEmpty() && out.get(0).difference().n() == 0) {
            throw new IllegalArgumentException("'" + kept.method() + "' (" + baseline.size() + " rows) and '" + label + "' ("
                    + method.size() + " rows) share no target of any example: another dataset or split");
        }
        return out;
    }

    /**
     * Every method against the first method of the same dataset, on the paper's Table 1 metrics,
     * paired over shared rows. Results without rows (e.g. read back from JSON) are not compared.
     */
    static List<EvalReport.Comparison> comparisons(List<EvalResult> results, List<String> labels) {
        List<EvalReport.Comparison> out = new ArrayList<>();
        Map<String, Integer> baselineOf = new LinkedHashMap<>();
        for (int i = 0; i < results.size(); i++) {
            EvalResult r = results.get(i);
            Integer b = baselineOf.putIfAbsent(r.dataset(), i);
            if (b == null || r.rows().isEmpty() || results.get(b).rows().isEmpty()) continue;
            out.addAll(compare(r.dataset(), labels.get(b), results.get(b).rows(), labels.get(i), r.rows(), r));
        }
        return out;
    }

    /** {@code methodRows − baselineRows} on each of the paper's Table 1 metrics that {@code result} has. */
    private static List<EvalReport.Comparison> compare(String dataset, String baseline, List<TargetRow> baselineRows,
                                                       String method, List<TargetRow> methodRows, EvalResult result) {
        List<EvalReport.Comparison> out = new ArrayList<>();
        for (String metric : COMPARED) {
            if (!result.metrics().containsKey(metric)) continue;
            out.add(new EvalReport.Comparison(dataset, baseline, method, metric, Metrics.pairedDifference(baselineRows, methodRows, metric)));
        }
        return out;
    }

    /** The method names, prefixed with the dataset when the results span several datasets. */
    public static List<String> labels(List<EvalResult> results) {
        boolean severalDatasets = results.stream().map(EvalResult::dataset).distinct().count() > 1;
        return results.stream().map(r -> {
            String method = r.method().isEmpty() ? r.generator() : r.method();
            return severalDatasets && !r.dataset().isEmpty() ? r.dataset() + " / " + method : method;
        }).toList();
    }
}
