package dev.rarec.cli;

import dev.rarec.generator.ConversationRecommender;
import dev.rarec.generator.Pipeline;
import dev.rarec.bench.LoadBench;
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

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rarec bench-serve}: starts the API in-process on loopback with the workspace's pipeline and
 * runs {@link LoadBench} against it; prints Markdown for docs/benchmarks.md.
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

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        LoadBench.Settings settings = new LoadBench.Settings(requests, concurrency, malformed, k,
                Duration.ofMinutes(timeLimitMinutes), common.seed());
        try (Workspace workspace = Workspace.open(common, generator)) {
            ConversationRecommender recommender = ServeCommand.guarded(workspace, generator, generatorPermits, candidates);
            try (RecommendationServer server = RecommendationServer.start(ServeConfig.defaults("127.0.0.1", 0),
                    Map.of(generator.generator, recommender))) {
                List<String> conversations = LoadBench.sampleConversations(recommender.corpus(), Math.min(requests, 500), k, common.seed());
                String reference = LoadBench.sampleConversations(recommender.corpus(), 1, k, common.seed() + 1).get(0);
                spec.commandLine().getErr().println("bench-serve: " + requests + " requests, " + concurrency + " concurrent, "
                        + malformed + " malformed, against " + server.url());
                LoadBench.Report report = new LoadBench(server.url(), settings).run(conversations, reference);
                String command = "rarec " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
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
}
