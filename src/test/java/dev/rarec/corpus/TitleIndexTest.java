package dev.rarec.corpus;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class TitleIndexTest {
    /** Well-known catalogues, so each movie passes the popularity bar of detection without a year. */
    static final List<String> KNOWN = List.of("movielens", "tmdb5000", "imdb5000");

    private final Corpus corpus = corpus();
    private final TitleIndex index = TitleIndex.of(corpus);

    /** Same-name movies, ordinary-word titles, a person's name, an obscure film: shared with {@link TitleMentionDetectorTest}. */
    static Corpus corpus() {
        List<Movie> movies = new ArrayList<>();
        movies.add(Fixtures.movie(0, "tt0113277", "Heat", 1995, KNOWN));
        movies.add(Fixtures.movie(1, "tt0133093", "The Matrix", 1999, KNOWN));
        movies.add(Fixtures.movie(2, "tt1396484", "It", 2017, KNOWN));
        movies.add(Fixtures.movie(3, "tt0018033", "It", 1927, List.of("movielens")));
        movies.add(Fixtures.movie(4, "tt1049413", "Up", 2009, KNOWN));
        movies.add(Fixtures.movie(5, "tt0076759", "Star Wars", 1977, KNOWN));
        movies.add(Fixtures.movie(6, "tt0110912", "Pulp Fiction", 1994, KNOWN));
        movies.add(Fixtures.movie(7, "tt0097216", "Do the Right Thing", 1989, KNOWN));
        movies.add(Fixtures.movie(8, "tt0120338", "Titanic", 1997, KNOWN));
        movies.add(Fixtures.movie(9, "tt0114369", "Seven", 1995, KNOWN));
        movies.add(Fixtures.movie(10, "tt0000001", "The Cruise", 1998, KNOWN));
        movies.add(new Movie(11, "tt0000002", "Top Gun", 1986, List.of("Action"), "Tony Scott", List.of("Tom Cruise", "Kelly McGillis"), "", KNOWN));
        movies.add(Fixtures.movie(12, "tt2543164", "Arrival", 2016, List.of("movielens")));
        movies.add(Fixtures.movie(13, "tt0115571", "The Arrival", 1996, List.of("movielens")));
        movies.add(Fixtures.movie(14, "tt0000003", "Obscure Night Film", 2001, List.of("netflix")));
        return new Corpus(movies, Map.of(9, List.of("Se7en")));
    }

    @Test
    void findsTitleStringsWhateverTheirSpelling() {
        assertThat(index.find("Heat (1995)")).contains(0);
        assertThat(index.find("matrix, the (1999)")).contains(1);
        assertThat(index.find("THE  MATRIX")).contains(1);
        assertThat(index.find("Se7en (1995)")).as("alternative title").contains(9);
        assertThat(index.find("Seven (a.k.a. Se7en) (1995)")).contains(9);
        assertThat(index.find("Unknown Film (2001)")).isEmpty();
    }

    @Test
    void theYearPicksAmongSameTitleMoviesAndAMissingYearPicksTheMostPopular() {
        assertThat(index.find("It (1927)")).contains(3);
        assertThat(index.find("It (2016)")).as("one year off").contains(2);
        assertThat(index.find("It")).contains(2);
        assertThat(index.find("Heat (1970)")).as("no Heat near 1970").isEmpty();
        assertThat(index.candidates("it")).containsExactly(2, 3);
    }

    @Test
    void theArticleAsWrittenSeparatesOtherwiseEqualTitles() {
        assertThat(index.find("Arrival")).contains(12);
        assertThat(index.find("The Arrival")).contains(13);
    }
}
