package dev.rarec.cli;

import dev.rarec.corpus.Corpus;
import dev.rarec.embed.EmbeddingCache;
import dev.rarec.embed.EmbeddingListener;
import dev.rarec.embed.Encoders;
import dev.rarec.embed.ItemEmbeddings;
import dev.rarec.embed.TextEncoder;
import dev.rarec.generator.SurfaceFixtures;
import dev.rarec.generator.llm.FakeChatServer;
import dev.rarec.generator.llm.FakeChatServer.Reply;
import dev.rarec.retriever.RetrieverConfig;
import dev.rarec.retriever.SequentialRetriever;
import dev.rarec.util.RarecHome;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A whole home folder in miniature (twelve real movies, real MiniLM embeddings, an untrained LRURec)
 * opened the way every surface opens it, through {@link Workspace} and the command line.
 */
class WorkspaceTest {
    @TempDir
    static Path root;
    static RarecHome home;

    @BeforeAll
    static void buildHome() {
        home = new RarecHome(root.resolve("home"));
        Corpus corpus = SurfaceFixtures.corpus();
        corpus.save(home.corpus());
        ItemEmbeddings embeddings;
        try (TextEncoder encoder = Encoders.create(Encoders.DEFAULT_SPEC)) {
            embeddings = ItemEmbeddings.build(corpus, encoder, EmbeddingCache.open(home.cache().resolve("embeddings")),
                    ItemEmbeddings.directory(home.embeddings(), encoder.modelId()), EmbeddingListener.NONE);
        }
        try (SequentialRetriever r = SequentialRetriever.create(RetrieverConfig.crs("lrurec"), corpus.size(), embeddings.matrix(), 7)) {
            r.save(ModelRuns.checkpoint(home, "tiny"));
        }
        ModelRuns.write(home, new ModelRuns.RunInfo("tiny", "pretrain", "lrurec", Encoders.DEFAULT_SPEC, null, "test", Map.of(), Map.of()));
        ModelRuns.setCurrent(home, "tiny");
    }

    private static CommonOptions common() {
        CommonOptions common = new CommonOptions();
        CommandLine.populateCommand(common, "--home", home.root().toString());
        return common;
    }

    private static GeneratorOptions generatorOptions(String... args) {
        GeneratorOptions generator = new GeneratorOptions();
        CommandLine.populateCommand(generator, args);
        return generator;
    }

    private static String[] run(String... args) {
        return Cli.run(args);
    }

    @Test
    void opensTheCurrentRunAndRecommendsThroughThePipeline() {
        CommonOptions common = common();
        GeneratorOptions generator = generatorOptions();
        try (Workspace ws = Workspace.open(common, generator)) {
            assertThat(ws.run()).isEqualTo("tiny");
            assertThat(ws.generator().name()).isEqualTo("builtin");
            var rec = ws.pipeline().recommend(List.of(), List.of(0, 1), 5);
            assertThat(rec.candidates()).hasSize(5).extracting(c -> c.item()).doesNotContain(0, 1);
            assertThat(rec.ranked()).extracting(c -> c.item()).containsExactlyInAnyOrderElementsOf(
                    rec.candidates().stream().map(c -> c.item()).toList());
        }
    }

    @Test
    void recommendCommandAnswersAConversationFile() throws Exception {
        Path conv = root.resolve("conv.txt");
        Files.writeString(conv, "user: I loved Heat (1995) and Collateral (2004)\nassistant: Crime thrillers then?\nuser: yes, something tense\n");

        String[] r = run("recommend", "--home", home.root().toString(), "--file", conv.toString(), "--k", "3");

        assertThat(r[0]).as(r[2]).isEqualTo("0");
        assertThat(r[1]).contains("You liked Heat (1995), Collateral (2004).").contains("1. ").contains("3. ");
    }

    @Test
    void unknownGeneratorIsAClearError() throws Exception {
        Path conv = root.resolve("conv2.txt");
        Files.writeString(conv, "user: I loved Heat\n");

        String[] r = run("recommend", "--home", home.root().toString(), "--file", conv.toString(), "--generator", "oracle");

        assertThat(r[0]).isEqualTo("1");
        assertThat(r[2]).contains("unknown generator 'oracle'").contains("builtin, retriever or llm");
    }

    @Test
    void missingRunOrHomeSaysWhichCommandMakesIt() throws Exception {
        Path conv = root.resolve("conv3.txt");
        Files.writeString(conv, "user: I loved Heat\n");

        String[] missingRun = run("recommend", "--home", home.root().toString(), "--file", conv.toString(), "--model", "nope");
        String[] emptyHome = run("recommend", "--home", root.resolve("empty").toString(), "--file", conv.toString());

        assertThat(missingRun[2]).contains("no trained retriever 'nope'");
        assertThat(emptyHome[2]).contains("no retriever has been trained").contains("./rarec quickstart");
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"quickstart", "pretrain", "train", "eval", "embed", "corpus", "data"}) {
            String[] r = run(command, "--help");
            assertThat(r[0]).as(command).isEqualTo("0");
            assertThat(r[1]).as(command).contains("Usage: rarec " + command);
        }
    }

    @Test
    void closeTriesEveryResourceLastFirstAndReportsTheFirstFailure() {
        List<String> closed = new java.util.ArrayList<>();
        AutoCloseable encoder = () -> closed.add("encoder");
        AutoCloseable retriever = () -> {
            closed.add("retriever");
            throw new IllegalStateException("native close failed");
        };
        AutoCloseable generator = () -> {
            closed.add("generator");
            throw new java.io.IOException("socket");
        };
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Workspace.closeAll(List.of(encoder, retriever, generator), null))
                .hasMessageContaining("socket")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(1));
        assertThat(closed).containsExactly("generator", "retriever", "encoder");
    }

    @Test
    void aFailedOpenClosesWhatItHadOpenedAndKeepsItsOwnError() {
        List<String> closed = new java.util.ArrayList<>();
        IllegalArgumentException cause = new IllegalArgumentException("--generator llm needs a model");
        Workspace.closeAll(List.of(() -> closed.add("encoder"), () -> {
            closed.add("retriever");
            throw new IllegalStateException("second failure");
        }), cause);
        assertThat(closed).containsExactly("retriever", "encoder");
        assertThat(cause.getSuppressed()).extracting(Throwable::getMessage).containsExactly("second failure");

        CommonOptions common = common();
        GeneratorOptions llm = generatorOptions("--generator", "llm");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Workspace.open(common, llm))
                .hasMessageContaining("needs a model");
    }

    @Test
    void trainingOpensNoRetriever() {
        CommonOptions common = common();
        GeneratorOptions generator = generatorOptions();
        try (Workspace ws = Workspace.openWithoutRetriever(common, generator)) {
            assertThat(ws.generator().name()).isEqualTo("builtin");
            org.assertj.core.api.Assertions.assertThatThrownBy(ws::pipeline).hasMessageContaining("without a retriever");
        }
    }

    /** A ReDial test split of two conversations over the fixture's movies, and the train split eval reads for popularity. */
    private static Path redial() {
        Path data = root.resolve("data");
        String conversation = "{\"conversationId\": \"%1$s\", \"initiatorWorkerId\": 1, \"respondentWorkerId\": 2,"
                + " \"movieMentions\": {\"1\": \"Heat (1995)\", \"2\": \"Collateral (2004)\", \"3\": \"Ronin (1998)\"},"
                + " \"messages\": [{\"text\": \"I loved @1, says seeker %1$s\", \"senderWorkerId\": 1, \"messageId\": 1},"
                + "{\"text\": \"Try @2\", \"senderWorkerId\": 2, \"messageId\": 2},"
                + "{\"text\": \"Seen it, something else?\", \"senderWorkerId\": 1, \"messageId\": 3},"
                + "{\"text\": \"Then @3\", \"senderWorkerId\": 2, \"messageId\": 4}]}\n";
        dev.rarec.corpus.Fixtures.write(data, "redial/original/test_data.jsonl.gz", conversation.formatted("1") + conversation.formatted("2"));
        dev.rarec.corpus.Fixtures.write(data, "redial/train_partial/train_partial_merged.jsonl.gz", conversation.formatted("3"));
        return data;
    }

    /** {exit code, stdout, stderr} of {@code rarec eval --generator llm} against {@code server}; eval prints results on System.out. */
    private static String[] evalWithLlm(FakeChatServer server, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("eval", "--home", home.root().toString(), "--data-dir", redial().toString(),
                "--generator", "llm", "--llm-base-url", server.baseUrl(), "--llm-model", "probe", "--llm-api-key-env", "RAREC_TEST_NO_KEY",
                "--llm-max-retries", "0", "--concurrency", "1", "--k", "5"));
        args.addAll(List.of(extra));
        java.io.PrintStream console = System.out;
        java.io.ByteArrayOutputStream captured = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(captured, true, java.nio.charset.StandardCharsets.UTF_8));
        try {
            String[] r = run(args.toArray(String[]::new));
            return new String[] {r[0], captured.toString(java.nio.charset.StandardCharsets.UTF_8) + r[1], r[2]};
        } finally {
            System.setOut(console);
        }
    }

    @Test
    void evalStopsAtTheFirstCallAnEndpointRefusesWithTheServersMessage() throws Exception {
        try (FakeChatServer server = new FakeChatServer(Reply.json(401, "{\"error\":{\"message\":\"Incorrect API key provided\"}}"))) {
            String[] r = evalWithLlm(server);
            assertThat(r[0]).isEqualTo("1");
            assertThat(r[2]).contains("error:").contains("HTTP 401").contains("Incorrect API key provided").contains("RAREC_TEST_NO_KEY");
            assertThat(server.requests()).hasSize(1);
        }
    }

    @Test
    void evalWithTruncatedAnswersExitsNonZeroAndSaysHowToFixIt() throws Exception {
        String cut = "{\"choices\":[{\"message\":{\"content\":\"<think>The user liked Heat\"},\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"prompt_tokens\":900,\"completion_tokens\":512}}";
        try (FakeChatServer server = new FakeChatServer(Reply.json(200, cut))) {
            String[] r = evalWithLlm(server, "--out", "eval-truncated");
            assertThat(r[0]).as(r[2]).isEqualTo("1");
            assertThat(r[1]).contains("FAILED:").contains("4 of 4 examples got no ranking").contains("raise --llm-max-tokens (now 512)")
                    .contains("endpoint: 4 requests (0 retries), 0 answers, 0 cache hits, 4 failed; 3,600 prompt + 2,048 completion tokens");
            // nothing was cached: a second run asks again
            evalWithLlm(server, "--out", "eval-truncated");
            assertThat(server.requests()).hasSize(8);
        }
    }

    @Test
    void evalPairsWithAKeptReportsRanksAndRefusesAFolderWithoutThemBeforeEvaluating() throws Exception {
        try (FakeChatServer server = new FakeChatServer(Reply.ok("1. Ronin\n2. Collateral"))) {
            String[] baseline = evalWithLlm(server, "--out", "eval-kept");
            assertThat(baseline[0]).as(baseline[2]).isEqualTo("0");
            java.nio.file.Path kept = home.root().resolve("runs/eval-kept");
            assertThat(kept.resolve("ranks.json")).exists();

            String[] later = evalWithLlm(server, "--out", "eval-later", "--paired-with", kept.toString());
            assertThat(later[0]).as(later[2]).isEqualTo("0");
            dev.rarec.eval.EvalReport report = dev.rarec.eval.ReportWriter.readMetrics(home.root().resolve("runs/eval-later"));
            assertThat(report.comparisons()).extracting(dev.rarec.eval.EvalReport.Comparison::metric)
                    .containsExactly("ndcg@5", "recall@5", "ndcg@10", "recall@10");
            assertThat(report.comparisons()).allSatisfy(c -> {
                assertThat(c.difference().n()).isPositive();
                assertThat(c.difference().mean()).as("the same answers").isZero();
            });
            assertThat(report.provenance()).containsEntry("pairedWith", kept.toString());

            int asked = server.requests().size();
            String[] missing = evalWithLlm(server, "--out", "eval-unpaired", "--paired-with", home.root().resolve("runs/none").toString());
            assertThat(missing[0]).isNotEqualTo("0");
            assertThat(missing[2]).contains("ranks.json does not exist");
            assertThat(server.requests()).as("no example evaluated").hasSize(asked);
        }
    }

    @Test
    void evalAnswersFromTheCacheUnlessToldNotTo() throws Exception {
        try (FakeChatServer server = new FakeChatServer(Reply.ok("1. Ronin\n2. Collateral"))) {
            String[] first = evalWithLlm(server, "--out", "eval-cached");
            assertThat(first[0]).as(first[2]).isEqualTo("0");
            assertThat(first[1]).doesNotContain("FAILED").contains("4 requests (0 retries), 4 answers, 0 cache hits");
            String[] second = evalWithLlm(server, "--out", "eval-cached");
            assertThat(second[1]).contains("0 requests (0 retries), 0 answers, 4 cache hits");
            String[] uncached = evalWithLlm(server, "--out", "eval-cached", "--no-cache");
            assertThat(uncached[1]).contains("4 requests (0 retries), 4 answers, 0 cache hits");
            assertThat(server.requests()).hasSize(8);
        }
    }

    @Test
    void serveBeyondLoopbackWithoutATokenRefusesBeforeLoadingAnything() {
        // an empty home: had the check come after opening the workspace, the error would be the missing retriever
        String[] r = run("serve", "--home", root.resolve("empty-serve").toString(), "--host", "0.0.0.0", "--port", "0",
                "--token-env", "RAREC_TEST_UNSET_TOKEN");
        assertThat(r[0]).isEqualTo("1");
        assertThat(r[2]).contains("needs an access token").contains("--token-env").doesNotContain("retriever");
    }
}
