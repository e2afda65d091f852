package dev.rarec.bench;

import dev.rarec.corpus.Movie;

import java.util.Arrays;
import java.util.List;

/**
 * What the checker knows about one recommended film: the metadata its expectations are tested on.
 *
 * @param imdbId    IMDb id, or empty
 * @param title     title without the year
 * @param year      release year, 0 when unknown
 * @param genres    genre labels, in whatever vocabulary the corpus uses
 * @param directors director names
 * @param cast      cast names
 */
record FilmFacts(String imdbId, String title, int year, List<String> genres, List<String> directors, List<String> cast) {
    FilmFacts {
        imdbId = imdbId == null ? "" : imdbId;
        title = title == null ? "" : title;
        genres = List.copyOf(genres == null ? List.of() : genres);
        directors = List.copyOf(directors == null ? List.of() : directors);
        cast = List.copyOf(cast == null ? List.of() : cast);
    }

    static FilmFacts of(Movie m) {
        return new FilmFacts(m.imdbId(), m.title(), m.year(), m.genres(), directors(m.director()), m.cast());
    }

    /** The facts the API's answer carries itself (its cast is cut to the leading names). */
    static FilmFacts of(ApiAnswer.Item item) {
        return new FilmFacts(item.imdbId(), item.title(), item.year() == null ? 0 : item.year(), item.genres(),
                directors(item.director()), item.cast());
    }

    /** "Joel Coen, Ethan Coen" → both names. */
    static List<String> directors(String field) {
        if (field == null || field.isBlank()) return List.of();
        return Arrays.stream(field.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    String display() {
        return (year > 0 ? title + " (" + year + ")" : title) + (imdbId.isEmpty() ? "" : " " + imdbId);
    }
}
