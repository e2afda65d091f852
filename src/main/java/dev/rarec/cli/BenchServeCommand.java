package dev.rarec.cli;

import dev.rarec.generator.ConversationRecommender;
import dev.rarec.generator.Pipeline;
import dev.rarec.bench.LoadBench;
import dev.rarec.bench.ServeProcess;
import dev.rarec.bench.TrainingThroughput;
import dev.rarec.serve.RecommendationServer;
import dev.rarec.serve.ServeConfig;
import dev.rarec.util.AtomicFiles;
import dev.rarec.util.Evidence;
import dev.rarec.util.GitInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rarec bench-serve}: starts the API in-process on loopback with the workspace's pipeline and
 * runs {@link LoadBench} against it; prints Markdown for docs/benchmarks.md. With {@code --baseline-classpath}
 * it compares a baseline build with this one instead, each served from its own JVM ({@link ServeProcess}).
 */
@Command(name = "bench-serve", mixinStandardHelpOptions = true,
        description = {"Loads the HTTP API on loopback: well-formed conversations with N concurrent clients (throughput, p50, p99),",
                "then malformed requests that must all be answered 4xx, then a health and correctness check. Prints Markdown."})
public final class BenchServeCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin GeneratorOptions generator;
    @Spec CommandSpec spec;

    @Option(names = "--requests", description = "Well-formed requests (default: ${DEFAULT-VALUE}).", defaultValue = "2000")
    int requests;

    @Option(names = "--concurrency", description = "Concurrent clients (default: ${DEFAULT-VALUE}).", defaultValue = "16")
    int concurrency;

    @Option(names = "--malformed", description = "Malformed requests (default: ${DEFAULT-VALUE}).", defaultValue = "200")
    int malformed;

    @Option(names = "--k", description = "Recommendations per request (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int k;

    @Option(names = "--retrieval-size", description = "Candidates proposed to the generator (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + Pipeline.DEFAULT_RETRIEVAL_SIZE)
    int candidates;

    @Option(names = "--generator-permits", description = "Generator calls run at once (default: 1 for builtin, --llm-concurrency for llm).")
    Integer generatorPermits;

    @Option(names = "--time-limit", description = "Stop sending after this many minutes (default: ${DEFAULT-VALUE}).", defaultValue = "20")
    int timeLimitMinutes;

    @Option(names = "--out", description = "Also write the Markdown to this file.")
    Path outFile;

    @Option(names = "--json", description = "Write the report as JSON, the evidence behind a documented figure (e.g. docs/results/serve-load.json).")
    Path jsonFile;

    @Option(names = "--allow-dirty", description = "Write --json under docs/results even when tracked files have uncommitted changes.")
    boolean allowDirty;

    @Option(names = "--baseline-classpath", description = "Compare against this build (its jar and lib/*, made by scripts/build-baseline.sh): "
            + "each build's `rarec serve` in its own JVM, alternating baseline and this build for --runs rounds.")
    String baselineClasspath;

    @Option(names = "--baseline", defaultValue = "", description = "What the baseline is (its commit), recorded in the JSON.")
    String baselineName;

    @Option(names = "--runs", defaultValue = "3", description = "With --baseline-classpath: rounds; medians are reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Override
    public Integer call() throws InterruptedException, IOException {
        PrintWriter out = spec.commandLine().getOut();
        LoadBench.Settings settings = new LoadBench.Settings(requests, concurrency, malformed, k,
                Duration.ofMinutes(timeLimitMinutes), common.seed());
        if (baselineClasspath != null) return compare(settings);
        try (Workspace workspace = Workspace.open(common, generator)) {
            ConversationRecommender recommender = ServeCommand.guarded(workspace, generator, generatorPermits, candidates);
            try (RecommendationServer server = RecommendationServer.start(ServeConfig.defaults("127.0.0.1", 0),
                    Map.of(generator.generator, recommender))) {
                List<String> conversations = LoadBench.sampleConversations(recommender.corpus(), Math.min(requests, 500), k, common.seed());
                String reference = LoadBench.sampleConversations(recommender.corpus(), 1, k, common.seed() + 1).get(0);
                spec.commandLine().getErr().println("bench-serve: " + requests + " requests, " + concurrency + " concurrent, "
                        + malformed + " malformed, against " + server.url());
                LoadBench.Report report = new LoadBench(server.url(), settings).run(conversations, reference);
                String command = command();
                String machine = Runtime.getRuntime().availableProcessors() + " cores, "
                        + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max heap";
                String md = report.markdown(command.strip(), machine, GitInfo.commit() + (GitInfo.dirty() ? " (uncommitted changes)" : ""));
                out.println(md);
                out.flush();
                if (outFile != null) AtomicFiles.writeString(outFile, md);
                if (jsonFile != null) {
                    Evidence.write(jsonFile, Map.of("command", command.strip(), "machine", machine, "report", report), allowDirty);
                }
                return report.passed() ? 0 : 1;
            }
        }
    }

    private String command() {
        return ("rarec " + String.join(" ", spec.commandLine().getParseResult().originalArgs())).strip();
    }

    /**
     * The baseline build and this one, each as `rarec serve` in a fresh JVM on the same home, model and
     * generator, loaded with the same conversations: baseline, this build, baseline, ... for {@code runs}
     * rounds, so that a change in the machine's load falls on both alike. Writes the medians and the ratios.
     */
    private int compare(LoadBench.Settings settings) throws InterruptedException, IOException {
        var corpus = Workspace.loadCorpus(common.home());
        List<String> conversations = LoadBench.sampleConversations(corpus, Math.min(requests, 500), k, common.seed());
        String reference = LoadBench.sampleConversations(corpus, 1, k, common.seed() + 1).get(0);
        List<String> serveArgs = new ArrayList<>(List.of("--home", common.home().root().toString(), "--generator", generator.generator));
        if (generator.model != null) serveArgs.addAll(List.of("--model", generator.model));
        if (generatorPermits != null) serveArgs.addAll(List.of("--generator-permits", generatorPermits.toString()));
        Map<String, String> classpaths = new LinkedHashMap<>();
        classpaths.put("before", baselineClasspath);
        classpaths.put("after", System.getProperty("java.class.path"));
        Path logs = Files.createTempDirectory("rarec-bench-serve");
        double[] loadStart = BenchTrainingCommand.loadAverage();
        Map<String, List<Map<String, Object>>> measured = new LinkedHashMap<>();
        boolean passed = true;
        for (int round = 1; round <= runs; round++) {
            for (var side : classpaths.entrySet()) {
                Path log = logs.resolve(side.getKey() + "-" + round + ".log");
                try (ServeProcess server = ServeProcess.start(side.getValue(), serveArgs, log)) {
                    LoadBench.Report report = new LoadBench(server.url(), settings).run(conversations, reference);
                    Map<String, Object> run = new LinkedHashMap<>();
                    run.put("p50Millis", report.load().p50Millis());
                    run.put("p99Millis", report.load().p99Millis());
                    run.put("throughput", report.load().throughput());
                    run.put("peakRssMb", server.peakRssMb());
                    run.put("passed", report.passed());
                    run.put("report", report);
                    measured.computeIfAbsent(side.getKey(), x -> new ArrayList<>()).add(run);
                    passed &= report.passed();
                    spec.commandLine().getErr().printf(Locale.ROOT, "bench-serve round %d %s: p50 %.1f ms, p99 %.1f ms, %.1f req/s%s (log %s)%n",
                            round, side.getKey(), report.load().p50Millis(), report.load().p99Millis(), report.load().throughput(),
                            report.passed() ? "" : ", FAILED", log);
                }
            }
        }
        Map<String, Object> variants = new LinkedHashMap<>();
        measured.forEach((side, list) -> {
            Map<String, Object> v = new LinkedHashMap<>();
            for (String figure : List.of("p50Millis", "p99Millis", "throughput", "peakRssMb")) {
                v.put("median" + Character.toUpperCase(figure.charAt(0)) + figure.substring(1), median(list, figure));
            }
            v.put("runs", list);
            variants.put(side, v);
        });
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("command", command());
        json.put("seed", common.seed());
        json.put("baseline", baselineName);
        json.put("serveArgs", serveArgs);
        json.put("settings", settings);
        json.put("conversations", conversations.size());
        json.put("runs", runs);
        json.put("machine", Runtime.getRuntime().availableProcessors() + " cores, shared with other sessions; "
                + "each server its own JVM (-Xmx8g, one PyTorch thread), the clients in the bench JVM, all on 127.0.0.1");
        json.put("loadAverageAtStart", loadStart);
        json.put("loadAverageAtEnd", BenchTrainingCommand.loadAverage());
        json.put("variants", variants);
        double p50 = median(measured.get("after"), "p50Millis") / median(measured.get("before"), "p50Millis");
        double p99 = median(measured.get("after"), "p99Millis") / median(measured.get("before"), "p99Millis");
        json.put("ratioP50", p50);
        json.put("ratioP99", p99);
        json.put("passed", passed);
        spec.commandLine().getOut().printf(Locale.ROOT, "p50 after/before %.2fx, p99 %.2fx%s%n", p50, p99, passed ? "" : " (a run FAILED its checks)");
        if (jsonFile != null) Evidence.write(jsonFile, json, allowDirty);
        return passed ? 0 : 1;
    }

    private static double median(List<Map<String, Object>> runs, String figure) {
        return TrainingThroughput.median(runs.stream().map(r -> (Double) r.get(figure)).toList());
    }
}
