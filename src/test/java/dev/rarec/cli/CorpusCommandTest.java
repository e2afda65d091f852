package dev.rarec.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Fixtures;
import dev.rarec.util.Json;
import dev.rarec.util.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class CorpusCommandTest {
    @TempDir
    Path data;
    @TempDir
    Path home;

    private record Run(int exit, String out, String err) {}

    private static Run run(String... args) {
        CommandLine cl = Rarec.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int exit = cl.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void buildWritesTheCorpusWithProvenanceAndStatsPrintsJson() throws Exception {
        Fixtures.write(data, "movielens/ml-latest-2023/movies.csv.gz", "movieId,title,genres\n1,Toy Story (1995),Animation|Comedy\n6,Heat (1995),(no genres listed)\n");
        Fixtures.write(data, "movielens/ml-latest-2023/links.csv.gz", "movieId,imdbId,tmdbId\n1,0114709,862\n6,0113277,949\n");

        Run build = run("corpus", "build", "--data-dir", data.toString(), "--home", home.toString());
        assertThat(build.exit()).as(build.err()).isZero();
        assertThat(build.out()).contains("wrote 2 movies");
        assertThat(Corpus.load(home.resolve("corpus")).size()).isEqualTo(2);
        assertThat(Provenance.loadFrom(home.resolve("corpus")).command()).isEqualTo("rarec corpus build");

        Run stats = run("corpus", "stats", "--json", "--home", home.toString());
        assertThat(stats.exit()).as(stats.err()).isZero();
        JsonNode json = Json.MAPPER.readTree(stats.out());
        assertThat(json.path("movies").asInt()).isEqualTo(2);
        assertThat(json.path("yearMin").asInt()).isEqualTo(1995);
        assertThat(json.path("yearMax").asInt()).isEqualTo(1995);
        assertThat(json.path("completeness").path("genres").asDouble()).isEqualTo(0.5);
    }

    @Test
    void buildWithoutTheCatalogueFailsNamingTheFile() {
        Run build = run("corpus", "build", "--data-dir", data.toString(), "--home", home.toString());
        assertThat(build.exit()).isEqualTo(1);
        assertThat(build.err()).contains("ml-latest-2023/movies.csv.gz").contains("grouplens.org");
    }

    @Test
    void statsWithoutACorpusSaysToBuildOne() {
        Run stats = run("corpus", "stats", "--home", home.toString());
        assertThat(stats.exit()).isEqualTo(1);
        assertThat(stats.err()).contains("rarec corpus build");
    }
}
