package dev.rarec.data;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A small corpus the dataset tests link their fixture conversations to. */
final class DataFixtures {
    static final List<String> KNOWN = List.of("movielens", "tmdb5000", "imdb5000");
    static final int HEAT = 0;
    static final int MATRIX = 1;
    static final int TOY_STORY = 2;
    static final int SEVEN = 3;
    static final int ALIEN = 4;
    static final int KNIVES_OUT = 5;

    private DataFixtures() {}

    static Corpus corpus() {
        List<Movie> movies = new ArrayList<>();
        movies.add(movie(HEAT, "tt0113277", "Heat", 1995));
        movies.add(movie(MATRIX, "tt0133093", "The Matrix", 1999));
        movies.add(movie(TOY_STORY, "tt0114709", "Toy Story", 1995));
        movies.add(movie(SEVEN, "tt0114369", "Seven", 1995));
        movies.add(movie(ALIEN, "tt0078748", "Alien", 1979));
        movies.add(movie(KNIVES_OUT, "tt8946378", "Knives Out", 2019));
        return new Corpus(movies, Map.of(SEVEN, List.of("Se7en")));
    }

    private static Movie movie(int id, String imdb, String title, int year) {
        return new Movie(id, imdb, title, year, List.of("Drama"), "", List.of(), "", KNOWN);
    }
}
