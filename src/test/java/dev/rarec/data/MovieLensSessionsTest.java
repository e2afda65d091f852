package dev.rarec.data;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MovieLensSessionsTest {
    @TempDir
    Path data;

    private final Corpus corpus = DataFixtures.corpus();

    @Test
    void ratingsAreSortedByTimeAndCutAtThirtyMinuteGaps() {
        List<MovieLens.Rating> ratings = List.of(
                new MovieLens.Rating(1, 30, 4, 1_000 + 1_800),
                new MovieLens.Rating(1, 10, 4, 1_000),
                new MovieLens.Rating(1, 20, 4, 1_000 + 60),
                new MovieLens.Rating(1, 40, 4, 1_000 + 1_800 + 1_801),
                new MovieLens.Rating(1, 50, 4, 10_000),
                new MovieLens.Rating(2, 10, 4, 5),
                new MovieLens.Rating(2, 99, 4, 6),
                new MovieLens.Rating(2, 20, 4, 7));
        List<int[]> sessions = MovieLensSessions.sessions(ratings, m -> m == 99 ? Optional.empty() : Optional.of(m));
        assertThat(sessions).containsExactly(new int[] {10, 20, 30}, new int[] {10, 20});
    }

    @Test
    void splitIsEightOneOneAndSeeded() {
        List<int[]> sessions = new ArrayList<>();
        for (int i = 0; i < 100; i++) sessions.add(new int[] {i, i + 1});
        SequenceSplits a = MovieLensSessions.split(sessions, 7);
        SequenceSplits b = MovieLensSessions.split(sessions, 7);
        SequenceSplits c = MovieLensSessions.split(sessions, 8);
        assertThat(a.train()).hasSize(80);
        assertThat(a.valid()).hasSize(10);
        assertThat(a.test()).hasSize(10);
        assertThat(a.test()).containsExactlyElementsOf(b.test());
        assertThat(a.test()).isNotEqualTo(c.test());
    }

    @Test
    void loadLinksMovieLensIdsThroughImdbAndReportsMalformedRows() {
        Fixtures.write(data, "movielens/ml-latest-small/ratings.csv.gz",
                "userId,movieId,rating,timestamp\n1,1,4.0,100\n1,6,5.0,200\n1,2,3.0,300\n2,6,4.0,100\n2,47,4.0,50000\n");
        Fixtures.write(data, "movielens/ml-latest-small/links.csv", "movieId,imdbId,tmdbId\n1,0114709,862\n6,0113277,949\n47,0114369,807\n2,abc,1\n");
        Fixtures.write(data, "movielens/ml-latest-small/movies.csv", "movieId,title,genres\n1,Toy Story (1995),Comedy\n6,Heat (1995),Crime\n47,Seven (a.k.a. Se7en) (1995),Thriller\n2,Jumanji (1995),Fantasy\n");
        SequenceSplits splits = MovieLensSessions.load(data, corpus, 1);
        List<int[]> all = new ArrayList<>(splits.train());
        all.addAll(splits.valid());
        all.addAll(splits.test());
        assertThat(all).containsExactly(new int[] {DataFixtures.TOY_STORY, DataFixtures.HEAT});

        LinkStats links = MovieLensSessions.linkStats(data, corpus);
        assertThat(links.mentions()).isEqualTo(3);
        assertThat(links.linked()).isEqualTo(3);
        assertThat(links.malformed()).singleElement().satisfies(b -> {
            assertThat(b.line()).isEqualTo(5);
            assertThat(b.reason()).contains("imdbId");
        });
    }

    @Test
    void readers100kReportMalformedLines() {
        Path udata = Fixtures.write(data, "movielens/ml-100k/u.data.gz", "196\t242\t3\t881250949\n186\t302\n\n22\t377\t1\t878887116\n");
        MovieLens.Read<MovieLens.Rating> r = MovieLens.ratings100k(udata);
        assertThat(r.records()).extracting(MovieLens.Rating::movie).containsExactly(242, 377);
        assertThat(r.malformed()).singleElement().satisfies(b -> assertThat(b.line()).isEqualTo(2));

        Path item = Fixtures.write(data, "movielens/ml-100k/u.item",
                "1|Toy Story (1995)|01-Jan-1995||http://x|0|0|0|1|1|1|0|0|0|0|0|0|0|0|0|0|0|0|0\n2|Short|row\n");
        MovieLens.Read<MovieLens.CatalogueMovie> items = MovieLens.catalogue100k(item);
        assertThat(items.records()).singleElement().satisfies(m -> {
            assertThat(m.title()).isEqualTo("Toy Story");
            assertThat(m.year()).isEqualTo(1995);
            assertThat(m.genres()).containsExactly("Animation", "Children", "Comedy");
        });
        assertThat(items.malformed()).singleElement().satisfies(b -> assertThat(b.line()).isEqualTo(2));
    }
}
