package dev.rarec.data.fetch;

import dev.rarec.TestData;
import dev.rarec.data.fetch.RedorIdMatching.Match;
import dev.rarec.data.fetch.RedorIdMatching.Method;
import dev.rarec.data.fetch.RedorIdMatching.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RedorIdMatchingTest {
    private static final String LIST_HEADER = "data_idx,ConvID,qt_movies_mentioned,user_chrono_id,movie_ReDOrId,rating\n";

    @TempDir
    Path dir;

    @Test
    void eachRuleOnASmallCase() {
        List<String> titles = List.of(
                "Title: Heat.  Genres: crime",            // 0: one candidate, no known conversation
                "Title: hostiles.  Genres: ",              // 1: one candidate (case ignored), confirmed by its conversation
                "Title: Cinderella.  Genres: ",            // 2: two candidates, the conversation decides
                "Title: Annie.  Genres: musical",          // 3: two candidates, no conversation: undecided
                "Title: Les MisÃ©rables.  Genres: ",       // 4: mis-encoded title, two conversations agree on one movie
                "Title: Mother.  Genres: ",                // 5: the one candidate is not in its conversations, which agree on another
                "Title: Nowhere.  Genres: ",               // 6: no candidate, its conversation mentions two movies
                "Title: Burlesque.  Genres: drama");       // 7: both duplicate entries in every conversation: lowest id
        Map<Long, String> names = new LinkedHashMap<>();
        names.put(1L, "Heat (1995)");
        names.put(2L, "Hostiles  (2017)");
        names.put(3L, "Cinderella (1950)");
        names.put(4L, "Cinderella  (2015)");
        names.put(5L, "Annie (1982)");
        names.put(6L, "Annie  (2014)");
        names.put(7L, "Les Misérables  (2012)");
        names.put(8L, "Mother  (2009)");
        names.put(9L, "Mother! (2017)");
        names.put(11L, "Burlesque  (2010)");
        names.put(10L, "Burlesque (2010)");
        Map<Long, Set<Integer>> redorIds = Map.of(
                100L, Set.of(1, 2),
                101L, Set.of(4, 5),
                102L, Set.of(4),
                103L, Set.of(7, 0), // not a known conversation: says nothing about 0
                104L, Set.of(7),
                106L, Set.of(5),
                107L, Set.of(5),
                108L, Set.of(6));
        Map<Long, Set<Long>> mentions = Map.of(
                100L, Set.of(2L, 4L, 99L),
                101L, Set.of(7L, 9L, 95L),
                102L, Set.of(7L, 98L),
                104L, Set.of(10L, 11L, 96L),
                105L, Set.of(1L), // in no list
                106L, Set.of(9L, 95L),
                107L, Set.of(9L, 97L),
                108L, Set.of(94L, 96L));

        assertThat(RedorIdMatching.match("t.npy", titles, names, redorIds, mentions)).containsExactly(
                new Match("1", Method.TITLE),
                new Match("2", Method.TITLE_AND_CONV),
                new Match("4", Method.TITLE_AND_CONV),
                Match.NONE,
                new Match("7", Method.CONV),
                new Match("9", Method.CONV),
                Match.NONE,
                new Match("10", Method.TITLE_AND_CONV));
    }

    @Test
    void badOriginalsAreErrorsNamingOriginalAndLine() throws IOException {
        List<String> titles = List.of("Title: A.  Genres: drama", "Title: B.  Genres: ");
        Source npy = new Source("o/r:titles.npy", dir.resolve("unread.npy"));
        Source movies = source("o/w:movies_with_mentions.csv", "movieId,movieName,nbMentions\n1,A (2001),1\n");
        Source list = source("o/r:Train_LIST.csv", LIST_HEADER + "0,20,0,0,\"[1]\",\"[1]\"\n");
        Source conversations = source("o/k:valid_data.jsonl", "{\"movieMentions\": {}, \"conversationId\": \"20\"}\n");
        assertThat(RedorIdMatching.fromOriginals(titles, List.of(npy, movies, list, conversations))).containsExactly(new Match("1", Method.TITLE), Match.NONE);

        Source badList = source("o/r:Val_LIST.csv", LIST_HEADER + "0,20,0,0,\"[1]\",\"[1]\"\n1,21,0,0,\"[0, x]\",\"[1, 1]\"\n");
        assertThatThrownBy(() -> RedorIdMatching.fromOriginals(titles, List.of(npy, movies, badList, conversations)))
                .hasMessageContaining("o/r:Val_LIST.csv line 3: movie_ReDOrId entry 'x' is not a number");
        Source unknownId = source("o/r:Test_LIST.csv", LIST_HEADER + "0,20,0,0,\"[2]\",\"[1]\"\n");
        assertThatThrownBy(() -> RedorIdMatching.fromOriginals(titles, List.of(npy, movies, unknownId, conversations)))
                .hasMessageContaining("o/r:Test_LIST.csv line 2: ReDOrId 2 has no title (the .npy has 2)");
        Source broken = source("o/k:broken.jsonl", "{\"movieMentions\": {}, \"conversationId\": \"20\"}\n{broken\n");
        assertThatThrownBy(() -> RedorIdMatching.fromOriginals(titles, List.of(npy, movies, list, broken)))
                .hasMessageContaining("o/k:broken.jsonl line 2: malformed JSON");
        Source badMovies = source("o/w:bad.csv", "movieId,movieName,nbMentions\n1,A (2001),1\nB,B (2002),1\n");
        assertThatThrownBy(() -> RedorIdMatching.fromOriginals(titles, List.of(npy, badMovies, list, conversations)))
                .hasMessageContaining("o/w:bad.csv line 3: movieId 'B' is not a number");
        assertThatThrownBy(() -> RedorIdMatching.fromOriginals(List.of("Headhunter (2009)"), List.of(npy, movies)))
                .hasMessageContaining("o/r:titles.npy entry 0: 'Headhunter (2009)' is not a 'Title: ….  Genres: …' string");
    }

    /**
     * The matching on real data: everything the fetch uses is in the data dir except the .npy, so its
     * titles are taken from the reference index's second column (the .npy strings verbatim). The
     * movieId and method columns are then computed from movies_with_mentions.csv, the LIST csvs and the
     * five known-conversation copies (test_data and the gzipped raw train copies, the same bytes as the
     * originals) and must equal the reference's for all 7,013 ReDOrIds. The data dir's LIST files lack
     * the rows of 242 withheld conversations, none of which is a known conversation, so they change no
     * evidence. {@code rarec bench-fetch --originals} checks the same on the originals themselves, by hash.
     */
    @Test
    void reproducesTheReferenceIndexFromTheDataDir() throws IOException {
        Path redial = TestData.dataDir().resolve("redial");
        Path reference = redial.resolve("mention_sequences_vachonni/redorid_index.tsv");
        TestData.require(Files.isRegularFile(reference) && Files.isDirectory(redial.resolve("train_partial/raw")),
                "no " + reference + " or train_partial/raw beside it: the ReDOrId matching is not checked on real data");
        List<String[]> rows = Files.readAllLines(reference, StandardCharsets.UTF_8).stream().skip(1).map(l -> l.split("\t", -1)).toList();
        List<String> titles = rows.stream().map(r -> r[1]).toList();
        Path seq = redial.resolve("mention_sequences_vachonni");
        Path raw = redial.resolve("train_partial/raw");
        List<Match> matches = RedorIdMatching.fromFiles("reference titles", titles, named(redial.resolve("original/movies_with_mentions.csv")),
                List.of(named(seq.resolve("Train_LIST.csv.gz")), named(seq.resolve("Val_LIST.csv.gz")), named(seq.resolve("Test_LIST.csv.gz"))),
                List.of(named(redial.resolve("original/test_data.jsonl.gz")), named(raw.resolve("kgsf_valid_data.jsonl.gz")),
                        named(raw.resolve("ievalm_valid_data.jsonl.gz")), named(raw.resolve("kepler_train_data.jsonl.gz")),
                        named(raw.resolve("kepler_valid_data.jsonl.gz"))));

        assertThat(rows).hasSize(7013);
        List<String> expected = new ArrayList<>();
        List<String> actual = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            expected.add(i + " " + rows.get(i)[2] + " " + rows.get(i)[3]);
            actual.add(i + " " + matches.get(i).movieId() + " " + matches.get(i).method().column());
        }
        assertThat(actual).isEqualTo(expected);
        assertThat(matches).filteredOn(m -> m.method() == Method.CONV).hasSize(11);
        assertThat(matches).filteredOn(m -> m.method() == Method.UNMAPPED).hasSize(470);
    }

    private static Source named(Path p) {
        return new Source(p.getFileName().toString(), p);
    }

    private Source source(String name, String text) throws IOException {
        Path file = dir.resolve(name.substring(name.indexOf(':') + 1));
        return new Source(name, Files.writeString(file, text, StandardCharsets.UTF_8));
    }
}
