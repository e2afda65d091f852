package dev.rarec.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders {@code report.md}: tables a person can read, with every number's interval. */
final class MarkdownReport {
    private static final int MAX_FAILURES_SHOWN = 10;

    private MarkdownReport() {}

    static String render(EvalReport report, List<String> labels, boolean withSweepFigure) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(report.title().isEmpty() ? "Evaluation" : report.title()).append("\n\n");
        if (!report.provenance().isEmpty()) {
            md.append("| provenance | |\n|---|---|\n");
            for (Map.Entry<String, Object> e : report.provenance().entrySet()) {
                md.append("| ").append(cell(e.getKey())).append(" | ").append(cell(String.valueOf(e.getValue()))).append(" |\n");
            }
            md.append('\n');
        }
        md.append("How to read: one row per ground-truth target (He et al. 2023); targets already mentioned in the ")
                .append("conversation are excluded. NDCG@k = 1/log2(rank+2) when the target's 0-based rank is below k, ")
                .append("Recall@k = hit. Each value is a mean ± the half-width of its 95% confidence interval; two methods ")
                .append("whose intervals overlap widely are not reliably different.\n\n");

        List<EvalResult> results = report.results();
        if (results.isEmpty()) {
            md.append("No results.\n");
            return md.toString();
        }
        summaryTable(md, results, labels);
        metricTable(md, "NDCG@k", "ndcg@", "N@", results, labels);
        metricTable(md, "Recall@k", "recall@", "R@", results, labels);
        metricTable(md, "MRR@k", "mrr@", "M@", results, labels);
        comparisonTable(md, report.comparisons());
        candidateTable(md, results, labels);
        groupsSection(md, results, labels);
        coverageTable(md, results, labels);
        timingTable(md, results, labels);
        failures(md, results, labels);
        md.append("![NDCG@k and Recall@k against the cut-off](").append(ReportWriter.CUTOFFS_PNG).append(")\n\n");
        if (!report.sweep().isEmpty()) sweepSection(md, report.sweep(), withSweepFigure);
        return md.toString();
    }

    private static void summaryTable(StringBuilder md, List<EvalResult> results, List<String> labels) {
        md.append("## Summary (the paper's Table 1 columns)\n\n");
        md.append("| method | dataset | k | targets | failed examples | N@5 | R@5 | N@10 | R@10 | hallucination |\n");
        md.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
        for (int i = 0; i < results.size(); i++) {
            EvalResult r = results.get(i);
            md.append("| ").append(cell(labels.get(i))).append(" | ").append(cell(r.dataset())).append(" | ")
                    .append(r.retrievalSize()).append(" | ").append(r.targets()).append(" | ").append(r.failures());
            for (String m : List.of("ndcg@5", "recall@5", "ndcg@10", "recall@10")) {
                Estimate e = r.metrics().get(m);
                md.append(" | ").append(e == null || e.n() == 0 ? "–" : fmt(e.mean()));
            }
            md.append(" | ").append(percent(r.hallucinationRate())).append(" |\n");
        }
        md.append('\n');
    }

    private static void metricTable(StringBuilder md, String heading, String key, String shortName,
                                    List<EvalResult> results, List<String> labels) {
        List<Integer> ks = results.get(0).ks();
        md.append("## ").append(heading).append(" (mean ± 95% CI, ").append(results.get(0).ciMethod()).append(")\n\n");
        md.append("| method |");
        for (int k : ks) md.append(' ').append(shortName).append(k).append(" |");
        md.append("\n|---|");
        md.append("--:|".repeat(ks.size())).append('\n');
        for (int i = 0; i < results.size(); i++) {
            md.append("| ").append(cell(labels.get(i))).append(" |");
            for (int k : ks) md.append(' ').append(pm(results.get(i).metrics().get(key + k))).append(" |");
            md.append('\n');
        }
        md.append('\n');
    }

    private static void comparisonTable(StringBuilder md, List<EvalReport.Comparison> comparisons) {
        if (comparisons.isEmpty()) return;
        md.append("## Paired differences against the first method of each dataset\n\n");
        md.append("Method − baseline over the targets both evaluated, ± the 95% CI of the per-target differences; ")
                .append("* marks an interval that excludes 0.\n\n");
        List<String> metrics = comparisons.stream().map(EvalReport.Comparison::metric).distinct().toList();
        md.append("| dataset | method | baseline | shared targets |");
        for (String m : metrics) md.append(" Δ").append(shortName(m)).append(" |");
        md.append("\n|---|---|---|--:|").append("--:|".repeat(metrics.size())).append('\n');
        Map<List<String>, List<EvalReport.Comparison>> byPair = new LinkedHashMap<>();
        for (EvalReport.Comparison c : comparisons) {
            byPair.computeIfAbsent(List.of(c.dataset(), c.method(), c.baseline()), x -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<List<String>, List<EvalReport.Comparison>> e : byPair.entrySet()) {
            List<EvalReport.Comparison> row = e.getValue();
            md.append("| ").append(cell(e.getKey().get(0))).append(" | ").append(cell(e.getKey().get(1))).append(" | ")
                    .append(cell(e.getKey().get(2))).append(" | ").append(row.get(0).difference().n()).append(" |");
            for (String m : metrics) {
                String value = row.stream().filter(x -> x.metric().equals(m)).findFirst()
                        .map(c -> signed(c.difference()) + (c.significant() ? " *" : "")).orElse("–");
                md.append(' ').append(value).append(" |");
            }
            md.append('\n');
        }
        md.append('\n');
    }

    private static String signed(Estimate e) {
        if (e.n() == 0) return "–";
        return String.format(Locale.ROOT, "%+.4f ± %.4f", e.mean(), e.ci95());
    }

    private static String shortName(String metric) {
        return metric.replace("ndcg@", "N@").replace("recall@", "R@").replace("mrr@", "M@");
    }

    private static void candidateTable(StringBuilder md, List<EvalResult> results, List<String> labels) {
        md.append("## Candidate set and generator\n\n");
        md.append("Candidate recall is the share of targets the retriever put among its candidates: no generator ")
                .append("can do better than the candidate recall at the retrieval size. A hallucinated line is a ")
                .append("recommendation that matched no candidate (fuzzy similarity below 0.85).\n\n");
        md.append("| method | candidate recall | hallucinated / generated lines | hallucination rate |\n");
        md.append("|---|---|--:|--:|\n");
        for (int i = 0; i < results.size(); i++) {
            EvalResult r = results.get(i);
            List<String> parts = new ArrayList<>();
            r.candidateRecall().forEach((name, e) -> parts.add(name.replace("recall@", "R@") + " " + pm(e)));
            md.append("| ").append(cell(labels.get(i))).append(" | ").append(String.join("; ", parts)).append(" | ")
                    .append(r.hallucinatedLines()).append(" / ").append(r.generatedLines()).append(" | ")
                    .append(percent(r.hallucinationRate())).append(" |\n");
        }
        md.append('\n');
    }

    private static void groupsSection(StringBuilder md, List<EvalResult> results, List<String> labels) {
        boolean any = results.stream().anyMatch(r -> !r.groups().isEmpty());
        md.append("## Item groups (figure 4)\n\n");
        if (any) {
            md.append("\"unseen\" targets never occur in the training data (the paper's unpopular group); \"seen\" are the rest.\n\n");
            md.append("| method | group | targets | N@10 | R@10 |\n|---|---|--:|--:|--:|\n");
            for (int i = 0; i < results.size(); i++) {
                EvalResult r = results.get(i);
                groupRow(md, labels.get(i), "all", r.targets(), r.metrics());
                for (Map.Entry<String, EvalResult.Group> g : r.groups().entrySet()) {
                    groupRow(md, labels.get(i), g.getKey(), g.getValue().targets(), g.getValue().metrics());
                }
            }
            md.append('\n');
        } else {
            md.append("No popularity information was given, so only all targets are shown.\n\n");
        }
        md.append("![NDCG@10 by item group](").append(ReportWriter.GROUPS_PNG).append(")\n\n");
    }

    private static void groupRow(StringBuilder md, String label, String group, int targets, Map<String, Estimate> m) {
        md.append("| ").append(cell(label)).append(" | ").append(group).append(" | ").append(targets).append(" | ")
                .append(pm(m.get("ndcg@10"))).append(" | ").append(pm(m.get("recall@10"))).append(" |\n");
    }

    private static void coverageTable(StringBuilder md, List<EvalResult> results, List<String> labels) {
        md.append("## Coverage\n\n");
        md.append("Examples whose targets were all mentioned before are skipped; failed examples (the generator ")
                .append("gave no ranking) are left out of every metric.\n\n");
        md.append("| method | examples | evaluated | all targets mentioned | failed | targets | excluded targets |\n");
        md.append("|---|--:|--:|--:|--:|--:|--:|\n");
        for (int i = 0; i < results.size(); i++) {
            EvalResult r = results.get(i);
            md.append("| ").append(cell(labels.get(i))).append(" | ").append(r.examples()).append(" | ")
                    .append(r.examplesEvaluated()).append(" | ").append(r.examplesWithoutTargets()).append(" | ")
                    .append(r.failures()).append(" | ").append(r.targets()).append(" | ").append(r.excludedTargets()).append(" |\n");
        }
        md.append('\n');
    }

    private static void timingTable(StringBuilder md, List<EvalResult> results, List<String> labels) {
        md.append("## Timings (ms per example, p50 / p99)\n\n");
        md.append("| method | retrieve | generate | total | wall (s) |\n|---|--:|--:|--:|--:|\n");
        for (int i = 0; i < results.size(); i++) {
            EvalResult.Timings t = results.get(i).timings();
            md.append("| ").append(cell(labels.get(i))).append(" | ")
                    .append(ms(t.retrieveP50())).append(" / ").append(ms(t.retrieveP99())).append(" | ")
                    .append(ms(t.generateP50())).append(" / ").append(ms(t.generateP99())).append(" | ")
                    .append(ms(t.totalP50())).append(" / ").append(ms(t.totalP99())).append(" | ")
                    .append(String.format(Locale.ROOT, "%.1f", t.wallSeconds())).append(" |\n");
        }
        md.append('\n');
    }

    private static void failures(StringBuilder md, List<EvalResult> results, List<String> labels) {
        if (results.stream().allMatch(r -> r.failures() == 0)) return;
        md.append("## Failed examples\n\n");
        md.append("A failed example's targets count as misses in every table above; the answered-only figures are beside them here.\n\n");
        for (int i = 0; i < results.size(); i++) {
            EvalResult r = results.get(i);
            if (r.failures() == 0) continue;
            md.append("- **").append(labels.get(i)).append("**: ").append(r.failures()).append(" failed (")
                    .append(r.failedTargets()).append(" of ").append(r.targets()).append(" targets); answered only:");
            for (String m : List.of("ndcg@10", "recall@10")) {
                Estimate e = r.answeredMetrics().get(m);
                md.append(' ').append(m).append(' ').append(e == null || e.n() == 0 ? "–" : fmt(e.mean()));
            }
            md.append('\n');
            r.failedExamples().stream().limit(MAX_FAILURES_SHOWN).forEach(f ->
                    md.append("  - `").append(f.exampleId()).append("`: ").append(oneLine(f.message())).append('\n'));
            if (r.failures() > MAX_FAILURES_SHOWN) {
                md.append("  - … ").append(r.failures() - MAX_FAILURES_SHOWN).append(" more in metrics.json\n");
            }
        }
        md.append('\n');
    }

    private static void sweepSection(StringBuilder md, SweepResult sweep, boolean withFigure) {
        md.append("## Retrieval-size sweep (figure 3)");
        if (!sweep.method().isEmpty()) md.append(": ").append(cell(sweep.method()));
        if (!sweep.dataset().isEmpty()) md.append(" on ").append(cell(sweep.dataset()));
        md.append("\n\n| retrieved k | N@5 | R@5 | N@10 | R@10 | candidate recall | hallucination |\n");
        md.append("|--:|--:|--:|--:|--:|--:|--:|\n");
        for (EvalResult r : sweep.results()) {
            md.append("| ").append(r.retrievalSize());
            for (String m : List.of("ndcg@5", "recall@5", "ndcg@10", "recall@10")) md.append(" | ").append(pm(r.metrics().get(m)));
            md.append(" | ").append(pm(r.candidateRecall().get("recall@" + r.retrievalSize())))
                    .append(" | ").append(percent(r.hallucinationRate())).append(" |\n");
        }
        md.append('\n');
        if (withFigure) md.append("![NDCG and Recall against the retrieval size](").append(ReportWriter.SWEEP_PNG).append(")\n\n");
    }

    static String pm(Estimate e) {
        if (e == null || e.n() == 0) return "–";
        return fmt(e.mean()) + " ± " + fmt(e.ci95());
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }

    private static String percent(double rate) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * rate);
    }

    private static String ms(double v) {
        return String.format(Locale.ROOT, v < 10 ? "%.2f" : "%.0f", v);
    }

    private static String oneLine(String s) {
        String flat = s.replaceAll("\\s+", " ").trim();
        return cell(flat.length() > 200 ? flat.substring(0, 200) + "…" : flat);
    }

    /** Text safe inside a Markdown table cell. */
    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
