package dev.rarec.data;

import dev.rarec.corpus.BadRecord;
import dev.rarec.corpus.Csv;
import dev.rarec.corpus.TextFiles;
import dev.rarec.corpus.Titles;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Readers for the MovieLens files of the data dir: ratings with timestamps (ml-latest-small CSV,
 * ml-100k {@code u.data}), catalogues ({@code movies.csv}, {@code u.item}) and IMDb links
 * ({@code links.csv}). Malformed rows are reported, not dropped silently.
 */
public final class MovieLens {
    public static final String OFFICIAL_SOURCE = "https://grouplens.org/datasets/movielens/";

    private MovieLens() {}

    /** One rating event. */
    public record Rating(int user, int movie, float rating, long timestamp) {}

    /** A catalogue entry: MovieLens id and "Title (Year)" as MovieLens writes it. */
    public record CatalogueMovie(int movieId, String title, int year, List<String> genres) {}

    /** What a reader produced and what it could not read. */
    public record Read<T>(List<T> records, List<BadRecord> malformed) {}

    /** ml-latest(-small) {@code ratings.csv(.gz)}: userId,movieId,rating,timestamp. */
    public static Read<Rating> ratingsCsv(Path file) {
        List<Rating> out = new ArrayList<>();
        List<BadRecord> bad = new ArrayList<>();
        try (Csv csv = Csv.open(file)) {
            for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                Csv.Row row = r.get();
                try {
                    out.add(new Rating(Integer.parseInt(row.get("userId").strip()), Integer.parseInt(row.get("movieId").strip()),
                            Float.parseFloat(row.get("rating").strip()), Long.parseLong(row.get("timestamp").strip())));
                } catch (NumberFormatException e) {
                    bad.add(new BadRecord(file.toString(), row.line(), "expected numeric userId,movieId,rating,timestamp: " + e.getMessage()));
                }
            }
        }
        return new Read<>(out, bad);
    }

    /** ml-100k {@code u.data(.gz)}: user TAB item TAB rating TAB timestamp. */
    public static Read<Rating> ratings100k(Path file) {
        List<Rating> out = new ArrayList<>();
        List<BadRecord> bad = new ArrayList<>();
        try (BufferedReader r = TextFiles.open(file)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                String[] p = line.split("\t");
                try {
                    if (p.length != 4) throw new NumberFormatException("expected 4 tab-separated fields, found " + p.length);
                    out.add(new Rating(Integer.parseInt(p[0].strip()), Integer.parseInt(p[1].strip()), Float.parseFloat(p[2].strip()),
                            Long.parseLong(p[3].strip())));
                } catch (NumberFormatException e) {
                    bad.add(new BadRecord(file.toString(), n, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new Read<>(out, bad);
    }

    /** {@code links.csv(.gz)}: movieId → IMDb id ({@code tt} + 7 digits). */
    public static Read<Map.Entry<Integer, String>> links(Path file) {
        List<Map.Entry<Integer, String>> out = new ArrayList<>();
        List<BadRecord> bad = new ArrayList<>();
        try (Csv csv = Csv.open(file)) {
            for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                Csv.Row row = r.get();
                String imdb = row.get("imdbId").strip();
                try {
                    int movie = Integer.parseInt(row.get("movieId").strip());
                    if (imdb.isEmpty() || !imdb.chars().allMatch(Character::isDigit)) throw new NumberFormatException("imdbId '" + imdb + "'");
                    out.add(Map.entry(movie, "tt" + "0".repeat(Math.max(0, 7 - imdb.length())) + imdb));
                } catch (NumberFormatException e) {
                    bad.add(new BadRecord(file.toString(), row.line(), "malformed movieId or imdbId: " + e.getMessage()));
                }
            }
        }
        return new Read<>(out, bad);
    }

    /** ml-latest {@code movies.csv(.gz)}: movieId,title,genres. */
    public static Read<CatalogueMovie> catalogue(Path file) {
        List<CatalogueMovie> out = new ArrayList<>();
        List<BadRecord> bad = new ArrayList<>();
        try (Csv csv = Csv.open(file)) {
            for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                Csv.Row row = r.get();
                Titles.TitleYear ty = Titles.parse(row.get("title"));
                try {
                    int id = Integer.parseInt(row.get("movieId").strip());
                    if (ty.title().isEmpty()) throw new NumberFormatException("empty title");
                    out.add(new CatalogueMovie(id, ty.title(), ty.year(), genres(row.get("genres"), "\\|")));
                } catch (NumberFormatException e) {
                    bad.add(new BadRecord(file.toString(), row.line(), "malformed movieId or title: " + e.getMessage()));
                }
            }
        }
        return new Read<>(out, bad);
    }

    /** ml-100k {@code u.item} (latin-1, '|'-separated, 19 genre flags). */
    public static Read<CatalogueMovie> catalogue100k(Path file) {
        String[] names = {"unknown", "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama",
            "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"};
        List<CatalogueMovie> out = new ArrayList<>();
        List<BadRecord> bad = new ArrayList<>();
        try (BufferedReader r = TextFiles.open(file, StandardCharsets.ISO_8859_1)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                String[] p = line.split("\\|", -1);
                try {
                    if (p.length != 5 + names.length) throw new NumberFormatException("expected 24 '|'-separated fields, found " + p.length);
                    List<String> genres = new ArrayList<>();
                    for (int g = 0; g < names.length; g++) if (p[5 + g].equals("1")) genres.add(names[g]);
                    Titles.TitleYear ty = Titles.parse(p[1]);
                    out.add(new CatalogueMovie(Integer.parseInt(p[0].strip()), ty.title(), ty.year(), genres));
                } catch (NumberFormatException e) {
                    bad.add(new BadRecord(file.toString(), n, e.getMessage()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        return new Read<>(out, bad);
    }

    private static List<String> genres(String cell, String sep) {
        List<String> out = new ArrayList<>();
        for (String g : cell.split(sep)) if (!g.isBlank() && !g.equals("(no genres listed)")) out.add(g.strip());
        return out;
    }
}
