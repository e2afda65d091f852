package dev.rarec.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * One corpus entry with the metadata of the paper's Table 7.
 *
 * @param id       stable integer id, equal to the movie's index in its {@link Corpus}
 * @param imdbId   IMDb id ({@code tt0111161}), or empty when no source knows it
 * @param title    title without the year
 * @param year     release year, or 0 when unknown
 * @param genres   genres, most informative source first
 * @param director director(s), comma separated, or empty
 * @param cast     leading cast members, billing order
 * @param plot     a short synopsis, or empty
 * @param sources  names of the sources that contributed to this record
 * @param votes    popularity as an IMDb-vote-equivalent count (see {@link Popularity}), 0 when no source
 *                 counts the movie's audience; not part of {@link #keyValueText()}, so it never moves embeddings
 */
public record Movie(int id, String imdbId, String title, int year, List<String> genres,
                   String director, List<String> cast, String plot, List<String> sources, int votes) {

    public Movie {
        imdbId = imdbId == null ? "" : imdbId;
        title = title == null ? "" : title;
        genres = List.copyOf(genres == null ? List.of() : genres);
        director = director == null ? "" : director;
        cast = List.copyOf(cast == null ? List.of() : cast);
        plot = plot == null ? "" : plot;
        sources = List.copyOf(sources == null ? List.of() : sources);
        if (votes < 0) throw new IllegalArgumentException("votes " + votes + " of " + title + ": must be >= 0");
    }

    /** A movie whose popularity no source counts. */
    public Movie(int id, String imdbId, String title, int year, List<String> genres,
                 String director, List<String> cast, String plot, List<String> sources) {
        this(id, imdbId, title, year, genres, director, cast, plot, sources, 0);
    }

    /** "Title (Year)", the way datasets and people write a movie. */
    public String displayTitle() {
        return year > 0 ? title + " (" + year + ")" : title;
    }

    /** This movie with another id (used when a corpus is re-numbered). */
    public Movie withId(int newId) {
        return new Movie(newId, imdbId, title, year, genres, director, cast, plot, sources, votes);
    }

    /**
     * The key-value text of appendix A.2 that item embeddings are computed from and that the
     * generator's prompt shows for each candidate. Missing fields are left out rather than
     * written as "unknown", so they add no noise to the embedding.
     */
    public String keyValueText() {
        List<String> parts = new ArrayList<>();
        parts.add("title: " + title);
        if (year > 0) parts.add("year: " + year);
        if (!genres.isEmpty()) parts.add("genre: " + String.join(", ", genres));
        if (!director.isEmpty()) parts.add("director: " + director);
        if (!cast.isEmpty()) parts.add("cast: " + String.join(", ", cast.subList(0, Math.min(5, cast.size()))));
        if (!plot.isEmpty()) parts.add("plot: " + plot);
        return String.join("; ", parts);
    }
}
