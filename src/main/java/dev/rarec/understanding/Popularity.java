package dev.rarec.understanding;

import dev.rarec.corpus.Movie;

/**
 * How well known a movie is, on a log scale: what the catalogues that list it say. People asking for
 * "a western from the 60s" mean the westerns others watched, not the most obscure match.
 */
public final class Popularity {
    private Popularity() {}

    /** A value >= 0, larger for better-known movies. */
    public static double of(Movie m) {
        double p = 0;
        for (String s : m.sources()) {
            p += switch (s) {
                case "tmdb5000", "imdb5000" -> 2;
                case "ml-100k", "ml-1m", "ml-latest-small" -> 1;
                default -> 0.25;
            };
        }
        return p;
    }
}
