package dev.rarec.cli;

import dev.rarec.data.CrsDataset;
import dev.rarec.data.CrsExample;
import dev.rarec.data.CrsExamples;
import dev.rarec.data.Datasets;
import dev.rarec.eval.EvalOptions;
import dev.rarec.eval.EvalReport;
import dev.rarec.eval.EvalResult;
import dev.rarec.eval.Evaluator;
import dev.rarec.eval.RankList;
import dev.rarec.eval.ReportWriter;
import dev.rarec.eval.SweepResult;
import dev.rarec.generator.LlmGenerator;
import dev.rarec.util.GitInfo;
import dev.rarec.util.RarecHome;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Evaluates one or more (retriever run, generator) methods on a dataset split with the He et al.
 * protocol and writes a report a person can read (report.md, metrics.json, PNG plots).
 */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = "Evaluate retriever + generator on ReDial or INSPIRED (NDCG/Recall@1,5,10,20 with 95%% CI, "
                + "hallucination rate, popularity groups, retrieval-size sweep).")
public final class EvalCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin GeneratorOptions generatorOptions;

    @Option(names = "--dataset", description = "redial, inspired, redial-he or inspired-he (default: ${DEFAULT-VALUE}).", defaultValue = "redial")
    String dataset;

    @Option(names = "--split", description = "Split to evaluate (default: ${DEFAULT-VALUE}).", defaultValue = "test")
    String split;

    @Option(names = "--method", description = "RUN:GENERATOR[:CANDIDATES] to evaluate, repeatable (e.g. pretrain-lrurec:retriever, sft:builtin, "
            + "sft:builtin:paper); CANDIDATES is hybrid or paper (default: --candidates). The first is the baseline the others are "
            + "compared with. Default: --model with --generator.")
    List<String> methods = new ArrayList<>();

    @Option(names = "--k", description = "Retrieval size, candidates handed to the generator (default: ${DEFAULT-VALUE}).", defaultValue = "25")
    int retrievalSize;

    @Option(names = "--sweep", description = "Also sweep the retrieval size over 5, 15, 25, 35, 45 for the last method (figure 3).")
    boolean sweep;

    @Option(names = "--max-examples", description = "Evaluate at most this many examples (a seeded sample), 0 = all (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    int maxExamples;

    @Option(names = "--concurrency", description = "Examples evaluated at once (default: ${DEFAULT-VALUE}).", defaultValue = "2")
    int concurrency;

    @Option(names = "--out", description = "Report name under <home>/runs (default: eval-<dataset>-<split>).")
    String out;

    @Option(names = "--paired-with", paramLabel = "REPORT", description = "An earlier report's folder: every method is also compared "
            + "with that report's first method, paired over the same test targets (from its ranks.json), when its model is gone.")
    Path pairedWith;

    @Override
    public Integer call() {
        RarecHome home = common.home();
        List<String[]> todo = new ArrayList<>();
        if (methods.isEmpty()) {
            todo.add(new String[]{ModelRuns.resolve(home, generatorOptions.model), generatorOptions.generator, generatorOptions.candidates});
        } else {
            for (String m : methods) {
                String[] parts = m.split(":", -1);
                if (parts.length < 2 || parts.length > 3 || Arrays.stream(parts).anyMatch(String::isBlank)) {
                    throw new IllegalArgumentException("--method '" + m + "': expected RUN:GENERATOR[:CANDIDATES], e.g. pretrain-lrurec:retriever or sft:builtin:paper");
                }
                todo.add(new String[]{parts[0], parts[1], parts.length == 3 ? parts[2] : generatorOptions.candidates});
            }
        }
        // read before any evaluation: a wrong folder is a configuration error, not something to find after an hour
        Optional<RankList> kept = Optional.ofNullable(pairedWith).map(ReportWriter::readFirstRanks);
        List<EvalResult> results = new ArrayList<>();
        Optional<SweepResult> sweepResult = Optional.empty();
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("command", "rarec " + String.join(" ", ProcessArgs.current()));
        info.put("dataset", dataset);
        info.put("split", split);
        info.put("seed", common.seed());
        info.put("gitCommit", GitInfo.commit());
        info.put("gitDirty", GitInfo.dirty());
        for (int i = 0; i < todo.size(); i++) {
            String run = todo.get(i)[0];
            generatorOptions.model = run;
            generatorOptions.generator = todo.get(i)[1];
            generatorOptions.candidates = todo.get(i)[2];
            try (Workspace ws = Workspace.open(common, generatorOptions)) {
                List<CrsExample> examples = CrsExamples.sample(Datasets.load(dataset, split, ws.corpus(), common.dataDir()).examples(),
                        maxExamples, common.seed());
                String method = run + "+" + ws.generator().name() + "+" + ws.pipeline().candidates().name();
                List<String> seenFrom = seenFrom(home, run);
                info.put("seenFrom " + method, seenFrom);
                Set<Integer> seen = new HashSet<>();
                for (String d : seenFrom) seen.addAll(Evaluator.itemsSeenIn(Datasets.load(d, "train", ws.corpus(), common.dataDir()).examples()));
                EvalOptions options = EvalOptions.defaults(dataset + "/" + split, method)
                        .withRetrievalSize(retrievalSize).withConcurrency(concurrency).withPopularity(seen);
                System.err.printf(Locale.ROOT, "evaluating %s on %s/%s: %,d examples%n", method, dataset, split, examples.size());
                EvalResult r = Evaluator.evaluate(ws.pipeline(), examples, options, System.err::println);
                results.add(r);
                System.out.printf(Locale.ROOT, "%-40s N@5 %.4f  R@5 %.4f  N@10 %.4f  R@10 %.4f  hallucination %.4f%n", method,
                        r.mean("ndcg@5"), r.mean("recall@5"), r.mean("ndcg@10"), r.mean("recall@10"), r.hallucinationRate());
                if (sweep && i == todo.size() - 1) {
                    sweepResult = Optional.of(Evaluator.sweep(ws.pipeline(), examples, options, System.err::println));
                }
                if (ws.generator() instanceof LlmGenerator llm) {
                    System.out.println(method + " endpoint: " + llm.usage().describe());
                    info.put("endpointUsage " + method, llm.usage());
                }
            }
        }
        List<EvalReport.Comparison> keptComparisons = new ArrayList<>();
        boolean unpaired = false;
        if (kept.isPresent()) {
            info.put("pairedWith", pairedWith.toString());
            List<String> labels = ReportWriter.labels(results);
            for (int i = 0; i < results.size(); i++) {
                try {
                    keptComparisons.addAll(ReportWriter.comparisons(kept.get(), results.get(i), labels.get(i)));
                } catch (IllegalArgumentException e) {
                    // the evaluation itself is sound: keep its report, say why it is not paired, and exit non-zero
                    unpaired = true;
                    System.out.println("NOT PAIRED with " + pairedWith + ": " + labels.get(i) + ": " + e.getMessage());
                }
            }
        }
        Path dir = home.run(out != null ? out : "eval-" + dataset + "-" + split);
        ReportWriter.write(dir, "rarec evaluation: " + dataset + " / " + split, results, sweepResult, info, keptComparisons);
        System.out.println("report: " + dir.resolve(ReportWriter.REPORT));
        return failed(results) || unpaired ? 1 : 0;
    }

    /**
     * Says on the console how many examples got no ranking and why (their targets count as misses), and
     * whether any did: a run with failed examples exits non-zero.
     */
    private static boolean failed(List<EvalResult> results) {
        boolean any = false;
        for (EvalResult r : results) {
            if (r.failures() == 0) continue;
            any = true;
            System.out.printf(Locale.ROOT, "FAILED: %s: %,d of %,d examples got no ranking; first: %s%n", r.method(),
                    r.failures(), r.examples(), r.failedExamples().get(0).message());
        }
        return any;
    }


    /**
     * The datasets whose train splits define the "seen in training" group (figure 4): everything the run and the
     * runs it started from were trained on, from their run.json; for a retriever only pretrained (on MovieLens
     * sessions, not conversations), the evaluated dataset's own train split.
     */
    private List<String> seenFrom(RarecHome home, String run) {
        List<String> trained = ModelRuns.crsTrainingDatasets(home, run);
        if (!trained.isEmpty()) return trained;
        return List.of(dataset.endsWith("-he") ? dataset.substring(0, dataset.length() - 3) : dataset);
    }
}
