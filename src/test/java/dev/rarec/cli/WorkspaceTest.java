package dev.rarec.cli;

import dev.rarec.corpus.Corpus;
import dev.rarec.embed.EmbeddingCache;
import dev.rarec.embed.EmbeddingListener;
import dev.rarec.embed.Encoders;
import dev.rarec.embed.ItemEmbeddings;
import dev.rarec.embed.TextEncoder;
import dev.rarec.generator.SurfaceFixtures;
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

    private static String[] run(String... args) {
        return Cli.run(args);
    }

    @Test
    void opensTheCurrentRunAndRecommendsThroughThePipeline() {
        CommonOptions common = new CommonOptions();
        CommandLine.populateCommand(common, "--home", home.root().toString());
        GeneratorOptions generator = new GeneratorOptions();
        CommandLine.populateCommand(generator);
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
        assertThat(r[1]).contains("Mentioned: Heat (1995), Collateral (2004)").contains("1. ").contains("3. ");
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

        CommonOptions common = new CommonOptions();
        CommandLine.populateCommand(common, "--home", home.root().toString());
        GeneratorOptions llm = new GeneratorOptions();
        CommandLine.populateCommand(llm, "--generator", "llm");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Workspace.open(common, llm))
                .hasMessageContaining("needs a model");
    }

    @Test
    void trainingOpensNoRetriever() {
        CommonOptions common = new CommonOptions();
        CommandLine.populateCommand(common, "--home", home.root().toString());
        GeneratorOptions generator = new GeneratorOptions();
        CommandLine.populateCommand(generator);
        try (Workspace ws = Workspace.openWithoutRetriever(common, generator)) {
            assertThat(ws.generator().name()).isEqualTo("builtin");
            org.assertj.core.api.Assertions.assertThatThrownBy(ws::pipeline).hasMessageContaining("without a retriever");
        }
    }
}
