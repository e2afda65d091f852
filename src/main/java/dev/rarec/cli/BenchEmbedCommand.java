package dev.rarec.cli;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.bench.EncoderBenchmark;
import dev.rarec.embed.EncoderOptions;
import dev.rarec.embed.Encoders;
import dev.rarec.embed.TextEncoder;
import dev.rarec.util.Evidence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;

/** {@code rarec bench-embed}: encoder throughput on the corpus's own key-value texts, for docs/benchmarks.md. */
@Command(name = "bench-embed", mixinStandardHelpOptions = true,
        description = "Measure embedding throughput (texts/s, median of --runs) on a seeded random sample of the corpus's "
                + "key-value texts, for each encoder and truncation, and project the time to embed --project-items items.")
public final class BenchEmbedCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    private static final int NEIGHBOURS = 10;

    @Option(names = "--encoder", split = ",", defaultValue = "minilm", description = "Encoders to measure, comma separated (default: ${DEFAULT-VALUE}).")
    List<String> encoders;

    @Option(names = "--max-tokens", split = ",", defaultValue = "0", description = "Truncations to measure besides the model default, which is always measured first as the reference (default: ${DEFAULT-VALUE}).")
    List<Integer> maxTokens;

    @Option(names = "--texts", defaultValue = "1000", description = "Texts per run (default: ${DEFAULT-VALUE}).")
    int texts;

    @Option(names = "--runs", defaultValue = "3", description = "Timed runs per setting; the median is reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--threads", defaultValue = "0", description = "Encoder threads; 0 = all cores (default: ${DEFAULT-VALUE}).")
    int threads;

    @Option(names = "--only-with-plot", description = "Sample only movies that have a plot (the long texts), to see how throughput depends on length.")
    boolean onlyWithPlot;

    @Option(names = "--project-items", defaultValue = "100000", description = "Corpus size to project the embedding time for (default: ${DEFAULT-VALUE}).")
    int projectItems;

    @Option(names = "--json", description = "Also write every row as JSON, the evidence behind a documented figure (e.g. docs/results/embedding.json).")
    java.nio.file.Path jsonFile;

    @Option(names = "--allow-dirty", description = "Write --json under docs/results even when tracked files have uncommitted changes.")
    boolean allowDirty;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Corpus corpus = Corpus.load(common.home().corpus());
        List<Movie> movies = new ArrayList<>(corpus.movies());
        if (onlyWithPlot) movies.removeIf(m -> m.plot().isEmpty());
        Collections.shuffle(movies, new Random(common.seed()));
        List<String> sample = new ArrayList<>();
        for (Movie m : movies.subList(0, Math.min(texts, movies.size()))) sample.add(m.keyValueText());
        out.printf("%d texts sampled (seed %d) from %s (%d items, corpus hash %s%s); %d runs each; %d cores available%n%n",
                sample.size(), common.seed(), common.home().corpus(), corpus.size(), corpus.contentHash(),
                onlyWithPlot ? ", only movies with a plot" : "", runs, Runtime.getRuntime().availableProcessors());
        out.println("Quality columns compare each truncation with the same model at its default truncation (the first row of a model "
                + "is that reference): mean cosine of a text's two vectors, and overlap of its " + NEIGHBOURS + " nearest neighbours in the sample.");
        out.println();
        out.println("| model id | mean tokens/text | texts/s (median) | texts per CPU-s (median) | runs (texts/s) | projected " + projectItems
                + " items at texts/s | same at 2 x texts per CPU-s | cosine to default | " + NEIGHBOURS + "-NN overlap |");
        out.println("|---|---:|---:|---:|---|---:|---:|---:|---:|");
        out.flush();
        List<java.util.Map<String, Object>> rows = new ArrayList<>();
        for (String encoder : encoders) {
            float[][] reference = null;
            List<Integer> limits = new ArrayList<>(maxTokens);
            limits.remove(Integer.valueOf(0));
            limits.add(0, 0);
            for (int limit : limits) {
                try (TextEncoder e = Encoders.create(encoder, EncoderOptions.defaults().withMaxTokens(limit).withThreads(threads))) {
                    EncoderBenchmark.Result r = EncoderBenchmark.measure(e, sample, runs);
                    if (reference == null) reference = r.vectors();
                    List<String> each = new ArrayList<>();
                    for (double v : r.runsPerSecond()) each.add(String.format("%.1f", v));
                    out.printf("| %s | %.1f | %.1f | %.1f | %s | %.1f min | %.1f min | %.4f | %.3f |%n", r.modelId(), r.meanTokens(), r.textsPerSecond(),
                            r.textsPerCpuSecond(), String.join(", ", each), projectItems / r.textsPerSecond() / 60,
                            projectItems / (2 * r.textsPerCpuSecond()) / 60,
                            EncoderBenchmark.meanCosine(reference, r.vectors()), EncoderBenchmark.neighbourOverlap(reference, r.vectors(), NEIGHBOURS));
                    out.flush();
                    java.util.Map<String, Object> row = new java.util.LinkedHashMap<>();
                    row.put("modelId", r.modelId());
                    row.put("meanTokens", r.meanTokens());
                    row.put("textsPerSecondMedian", r.textsPerSecond());
                    row.put("textsPerCpuSecondMedian", r.textsPerCpuSecond());
                    row.put("runsTextsPerSecond", r.runsPerSecond());
                    row.put("cosineToDefault", EncoderBenchmark.meanCosine(reference, r.vectors()));
                    row.put("neighbourOverlap", EncoderBenchmark.neighbourOverlap(reference, r.vectors(), NEIGHBOURS));
                    rows.add(row);
                }
            }
        }
        if (jsonFile != null) {
            Evidence.write(jsonFile, java.util.Map.of("command", "rarec " + String.join(" ", ProcessArgs.current()), "seed", common.seed(),
                    "texts", sample.size(), "runs", runs, "corpusItems", corpus.size(), "corpusHash", corpus.contentHash(),
                    "onlyWithPlot", onlyWithPlot, "cores", Runtime.getRuntime().availableProcessors(), "rows", rows), allowDirty);
        }
        return 0;
    }
}
