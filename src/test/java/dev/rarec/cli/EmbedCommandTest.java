package dev.rarec.cli;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.embed.ItemEmbeddings;
import dev.rarec.util.RarecHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmbedCommandTest {
    @TempDir
    Path home;

    private static Corpus corpus(int n) {
        String[][] rows = {
                {"Toy Story", "Animation", "A cowboy doll is threatened by a new spaceman toy."},
                {"Alien", "Horror", "The crew of a spaceship is hunted by a deadly creature."},
                {"Heat", "Crime", "A detective hunts a crew of professional thieves."},
                {"Amélie", "Comedy", "A shy waitress in Paris secretly helps the people around her."},
                {"Up", "Animation", "An old man ties balloons to his house and flies away."}};
        List<Movie> movies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String[] r = rows[i % rows.length];
            movies.add(new Movie(i, "", r[0] + (i >= rows.length ? " " + i : ""), 1990 + i, List.of(r[1]), "", List.of(), r[2], List.of("test")));
        }
        return new Corpus(movies);
    }

    private String run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Rarec.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        assertThat(code).as("exit code; stderr: %s", err).isEqualTo(0);
        return out.toString();
    }

    @Test
    void embedsTheCorpusAndReusesTheCacheWhenItGrows() {
        RarecHome h = new RarecHome(home);
        corpus(5).save(h.corpus());
        String first = run("embed", "--home", home.toString(), "--batch-size", "2");
        assertThat(first).contains("0 from the cache, 5 newly embedded");
        Path dir = ItemEmbeddings.directory(h.embeddings(), "all-minilm-l6-v2-q");
        assertThat(ItemEmbeddings.load(dir, corpus(5)).dimension()).isEqualTo(384);

        corpus(7).save(h.corpus());
        String second = run("embed", "--home", home.toString());
        assertThat(second).contains("5 from the cache, 2 newly embedded");
        assertThat(ItemEmbeddings.load(dir, corpus(7)).size()).isEqualTo(7);
    }

    @Test
    void aMissingCorpusIsAClearError() {
        StringWriter err = new StringWriter();
        CommandLine cl = Rarec.commandLine();
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute("embed", "--home", home.toString())).isEqualTo(1);
        assertThat(err.toString()).contains("no corpus at").contains("rarec corpus build");
    }
}
