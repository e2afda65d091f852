package dev.rarec.corpus;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PlotIndexTest {
    private static Movie movie(int id, String title, String plot) {
        return new Movie(id, "", title, 2000, List.of("Drama"), "", List.of(), plot, List.of());
    }

    private static Corpus corpus() {
        List<Movie> movies = new ArrayList<>();
        movies.add(movie(0, "Jaws", "Jaws is a 1975 American thriller film directed by Steven Spielberg. A man-eating great white shark attacks beachgoers at a summer resort town."));
        movies.add(movie(1, "Reef Life", "A documentary about sharks and the sharks of the reef."));
        movies.add(movie(2, "Heat", "A group of professional thieves plan one last heist while a detective hunts them."));
        movies.add(movie(3, "Untold", ""));
        // Plots that say nothing the tests ask, so that the asked words are rare, as they are in the corpus.
        for (int i = 4; i < 100; i++) movies.add(movie(i, "Quiet " + i, "An ordinary family spends a quiet summer in the country."));
        movies.add(movie(100, "Sharknado 9", "Sharknado 9 is the ninth Sharknado film, with sharks."));
        return new Corpus(movies);
    }

    @Test
    void findsTheFilmsWhosePlotsSayTheWordsPluralsAsSingulars() {
        PlotIndex index = PlotIndex.of(corpus());
        float[] s = index.scores("I want a movie about sharks");
        assertThat(index.queryWords("I want a movie about sharks")).containsExactly("shark");
        assertThat(s[0]).isPositive();
        assertThat(s[1]).isGreaterThan(s[0]);
        assertThat(s[2]).isZero();
        assertThat(s[3]).isZero();
        assertThat(index.scores("a heist film")[2]).isPositive();
        // A summary's words of its own title are not read: "Sharknado 9 is the ninth Sharknado film" says nothing of sharks.
        assertThat(index.scores("sharknado")[100]).isZero();
        assertThat(index.scores("reef")[1]).isZero();
    }

    @Test
    void wordsEveryPlotUsesAndStopWordsSayNothing() {
        PlotIndex index = PlotIndex.of(corpus());
        // "summer" and "family" are in most plots: they pick no film out.
        assertThat(index.queryWords("something for the family this summer")).isEmpty();
        assertThat(index.scores("something for the family this summer")).containsOnly(0f);
        assertThat(PlotIndex.words("The Sharks' zombies, a boss and a virus")).containsExactly("shark", "zombie", "boss", "virus");
    }
}
