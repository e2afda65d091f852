package dev.rarec.cli;

import dev.rarec.bench.ConversationBench;
import dev.rarec.bench.ConversationReport;
import dev.rarec.bench.ConversationSuite;
import dev.rarec.corpus.Corpus;
import dev.rarec.generator.ConversationRecommender;
import dev.rarec.util.Evidence;
import dev.rarec.util.Hashing;
import dev.rarec.util.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * {@code rarec bench-conversations}: runs the conversation suite in process (the home's workspace, as
 * {@code rarec recommend} opens it) or against a running {@code rarec serve}, prints the figures and the failing
 * cases, and writes them with their provenance.
 */
@Command(name = "bench-conversations", mixinStandardHelpOptions = true,
        description = {"Runs the conversation suite (decades, genres wanted and excluded, people, named films, dislikes, corrections)",
                "with k = 5 and prints `top-5 constraint satisfaction X` and `named films resolved A/B`, per category, and the failing cases.",
                "In process by default; --url measures a running `rarec serve` instead."})
public final class BenchConversationsCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin GeneratorOptions generator;
    @Spec CommandSpec spec;

    @Option(names = "--url", description = "Base URL of a running `rarec serve`, e.g. http://127.0.0.1:8080 (default: in process).")
    URI url;

    @Option(names = "--suite", description = "Suite JSON (default: the built-in suite, dev/rarec/bench/" + ConversationSuite.RESOURCE + ").")
    Path suiteFile;

    @Option(names = "--token-env", description = "With --url: environment variable holding the server's access token (default: ${DEFAULT-VALUE}); "
            + "sent only when set, never printed.", defaultValue = "RAREC_SERVE_TOKEN")
    String tokenEnv;

    @Option(names = "--out", description = "Result JSON (default: ${DEFAULT-VALUE}).", defaultValue = "docs/results/conversations.json")
    Path out;

    @Option(names = "--allow-dirty", description = "Write the result JSON under docs/results even when tracked files have uncommitted changes (it records gitDirty: true).")
    boolean allowDirty;

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter stdout = spec.commandLine().getOut();
        String suiteName = suiteFile == null ? "built-in " + ConversationSuite.RESOURCE : suiteFile.toString();
        String suiteText = suiteFile == null ? ConversationSuite.builtInText() : Files.readString(suiteFile, StandardCharsets.UTF_8);
        ConversationSuite suite = ConversationSuite.parse(suiteText, suiteName);

        Map<String, Object> config = new LinkedHashMap<>();
        config.put("suite", suiteName);
        config.put("k", ConversationBench.K);
        ConversationReport report;
        if (url != null) {
            Optional<Corpus> corpus = Corpus.existsIn(common.home().corpus()) ? Optional.of(Corpus.load(common.home().corpus())) : Optional.empty();
            corpus.ifPresent(c -> ConversationBench.checkAgainst(suite, c));
            spec.commandLine().getErr().println("bench-conversations: " + suite.conversations().size() + " conversations against " + url
                    + (corpus.isPresent() ? ", films checked against " + common.home().corpus() : ", films checked as the API describes them"));
            config.put("target", url.toString());
            report = ConversationBench.remote(corpus).run(suite, ConversationBench.http(url, Optional.ofNullable(System.getenv(tokenEnv)).filter(t -> !t.isBlank())));
        } else {
            try (Workspace workspace = Workspace.open(common, generator)) {
                ConversationBench.checkAgainst(suite, workspace.corpus());
                ConversationRecommender recommender = new ConversationRecommender(workspace.pipeline(), workspace.mentions());
                spec.commandLine().getErr().println("bench-conversations: " + suite.conversations().size() + " conversations in process, model "
                        + workspace.run() + ", generator " + recommender.generatorName());
                config.put("target", "in-process");
                config.put("model", workspace.run());
                config.put("generator", recommender.generatorName());
                report = ConversationBench.sameCorpus(workspace.corpus()).run(suite, ConversationBench.inProcess(recommender));
            }
        }
        report.print(stdout);

        String command = "rarec " + String.join(" ", spec.commandLine().getParseResult().originalArgs());
        Provenance provenance = Provenance.of("bench-conversations", command.strip(), config,
                Map.of("suiteSha256", Hashing.sha256(suiteText)), common.seed());
        Map<String, Object> json = new LinkedHashMap<>(report.figures());
        json.put("command", provenance.command());
        json.put("provenance", provenance);
        Evidence.write(out, json, allowDirty);
        spec.commandLine().getErr().println("wrote " + out);
        return 0;
    }
}
