package dev.rarec.corpus;

import java.util.List;

/**
 * One movie as one metadata source describes it, before de-duplication.
 *
 * @param source   short source name recorded in {@link Movie#sources()}
 * @param imdbId   IMDb id ({@code tt0111161}) or empty
 * @param tmdbId   TMDB id or empty (joined to IMDb through MovieLens links)
 * @param titles   main title first, then alternative titles (all without year)
 * @param audience how many people this source counts for the movie in its own unit (IMDb votes,
 *                 TMDB votes, MovieLens ratings, ReDial mentions), 0 when it counts none; see {@link Popularity}
 */
record SourceMovie(String source, String imdbId, String tmdbId, List<String> titles, int year,
                   List<String> genres, String director, List<String> cast, String plot, int audience) {

    SourceMovie {
        imdbId = imdbId == null ? "" : imdbId.strip();
        tmdbId = tmdbId == null ? "" : tmdbId.strip();
        titles = List.copyOf(titles);
        genres = genres == null ? List.of() : List.copyOf(genres);
        director = director == null ? "" : Titles.collapse(director);
        cast = cast == null ? List.of() : List.copyOf(cast);
        plot = plot == null ? "" : Titles.collapse(plot);
        audience = Math.max(0, audience);
    }

    /** A record of a source that counts no audience. */
    SourceMovie(String source, String imdbId, String tmdbId, List<String> titles, int year,
                List<String> genres, String director, List<String> cast, String plot) {
        this(source, imdbId, tmdbId, titles, year, genres, director, cast, plot, 0);
    }

    private static final java.util.regex.Pattern TT = java.util.regex.Pattern.compile("tt(\\d+)");

    String title() {
        return titles.get(0);
    }

    /** "tt" + at least 7 digits, from "0114709", "114709", "tt0114709" or an IMDb URL; empty when absent. */
    static String imdb(String raw) {
        if (raw == null) return "";
        String s = raw.strip();
        java.util.regex.Matcher m = TT.matcher(s);
        if (m.find()) s = m.group(1);
        if (s.endsWith(".0")) s = s.substring(0, s.length() - 2);
        if (s.isEmpty() || !s.chars().allMatch(Character::isDigit)) return "";
        long n = Long.parseLong(s);
        if (n <= 0) return "";
        String digits = Long.toString(n);
        return "tt" + "0".repeat(Math.max(0, 7 - digits.length())) + digits;
    }
}
