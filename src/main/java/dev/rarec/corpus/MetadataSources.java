package dev.rarec.corpus;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.util.DataDir;
import dev.rarec.util.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * One reader per metadata source of the corpus (appendix A.1). Each turns its file into
 * {@link SourceMovie}s and reports the records it cannot use as {@link BadRecord}s.
 */
final class MetadataSources {
    static final String MOVIELENS_SOURCE = "https://grouplens.org/datasets/movielens/latest/";
    static final String REDIAL_SOURCE = "https://redialdata.github.io/website/ (iEvaLM-CRS processing: github.com/RUCAIBox/iEvaLM-CRS)";

    private final Path dataDir;
    private final List<BadRecord> bad;
    private final Set<String> unknownGenreLabels = new TreeSet<>();

    MetadataSources(Path dataDir, List<BadRecord> bad) {
        this.dataDir = dataDir;
        this.bad = bad;
    }

    private void bad(String file, long line, String reason) {
        bad.add(new BadRecord(file, line, reason));
    }

    /** Source genre labels as {@link Genres} vocabulary; labels it does not know are noted for the build report. */
    private List<String> genres(List<String> labels) {
        for (String label : labels) if (!Genres.known(label)) unknownGenreLabels.add(Titles.collapse(label));
        return Genres.normalise(labels);
    }

    /** Genre labels seen in the sources that {@link Genres} does not map (dropped from the corpus). */
    Set<String> unknownGenreLabels() {
        return unknownGenreLabels;
    }

    /** ml-latest (2023) movies + links + IMDb-derived directors: the corpus backbone. Returns tmdbId → imdbId. */
    Map<String, String> movieLens(Consumer<SourceMovie> sink) {
        Path movies = DataDir.require(dataDir, "movielens/ml-latest-2023/movies.csv.gz", MOVIELENS_SOURCE);
        Path links = DataDir.require(dataDir, "movielens/ml-latest-2023/links.csv.gz", MOVIELENS_SOURCE);
        Map<String, String> imdbByMovie = new HashMap<>();
        Map<String, String> tmdbByMovie = new HashMap<>();
        Map<String, String> imdbByTmdb = new HashMap<>();
        try (Csv csv = Csv.open(links)) {
            for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                Csv.Row row = r.get();
                String imdb = SourceMovie.imdb(row.get("imdbId"));
                if (imdb.isEmpty()) {
                    bad(links.toString(), row.line(), "imdbId '" + row.get("imdbId") + "' is not an IMDb id");
                    continue;
                }
                imdbByMovie.put(row.get("movieId").strip(), imdb);
                String tmdb = row.get("tmdbId").strip();
                if (!tmdb.isEmpty()) {
                    tmdbByMovie.put(row.get("movieId").strip(), tmdb);
                    imdbByTmdb.putIfAbsent(tmdb, imdb);
                }
            }
        }
        Map<String, List<String>> directors = new HashMap<>();
        Path dirFile = dataDir.resolve("movie_metadata/ml_latest_2023_imdb_enrichment/movie_directors.csv.gz");
        if (Files.exists(dirFile)) {
            try (Csv csv = Csv.open(dirFile)) {
                for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                    String d = Titles.collapse(r.get().get("director"));
                    if (!d.isEmpty()) directors.computeIfAbsent(r.get().get("movieId").strip(), k -> new ArrayList<>(2)).add(d);
                }
            }
        }
        try (Csv csv = Csv.open(movies)) {
            for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                Csv.Row row = r.get();
                String movieId = row.get("movieId").strip();
                Titles.TitleYear ty = Titles.parse(row.get("title"));
                if (movieId.isEmpty() || ty.title().isEmpty()) {
                    bad(movies.toString(), row.line(), "missing movieId or title");
                    continue;
                }
                List<String> genres = genres(Arrays.asList(row.get("genres").split("\\|")));
                String director = String.join(", ", directors.getOrDefault(movieId, List.of()));
                sink.accept(new SourceMovie("movielens", imdbByMovie.getOrDefault(movieId, ""), tmdbByMovie.getOrDefault(movieId, ""),
                        Titles.withAliases(ty.title()), ty.year(), genres, director, List.of(), ""));
            }
        }
        return imdbByTmdb;
    }

    /** iEvaLM's id2info: ReDial movies with IMDb id, genres, plot, director, stars. */
    void redialId2Info(Consumer<SourceMovie> sink) {
        Path file = dataDir.resolve("redial/ievalm/id2info.json.gz");
        if (!Files.exists(file)) return;
        JsonNode root = readJson(file);
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            Titles.TitleYear ty = Titles.parse(v.path("name").asText(""));
            if (ty.title().isEmpty()) {
                bad(file.toString(), 1, "ReDial id " + e.getKey() + ": no name");
                continue;
            }
            sink.accept(new SourceMovie("redial-id2info", SourceMovie.imdb(v.path("imdb_id").asText("")), "",
                    List.of(Titles.display(ty.title())), ty.year(), genres(texts(v.path("genre"))),
                    String.join(", ", texts(v.path("director"))), texts(v.path("star")), v.path("plot").asText("")));
        }
    }

    /** CRB-CRS combined_metadata: ReDial movies with IMDb id, genres, directors, actors, year. */
    void redialCombined(Consumer<SourceMovie> sink) {
        Path file = dataDir.resolve("redial/mappings/combined_metadata.csv.gz");
        if (!Files.exists(file)) return;
        try (Csv csv = Csv.open(file)) {
            for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                Csv.Row row = r.get();
                String title = row.get("title");
                if (Titles.collapse(title).isEmpty()) {
                    bad(file.toString(), row.line(), "empty title");
                    continue;
                }
                sink.accept(new SourceMovie("redial-crb", SourceMovie.imdb(row.get("imdbID")), "",
                        List.of(Titles.display(title)), parseYear(row.get("year")),
                        genres(Arrays.asList(row.get("genres").split("\\|"))),
                        row.get("directors"), splitNames(row.get("actors")), ""));
            }
        }
    }

    /** Kaggle IMDB 5000 (semicolon-delimited): director, three actors, genres, IMDb id. */
    void imdb5000(Consumer<SourceMovie> sink) {
        Path file = dataDir.resolve("movie_metadata/imdb_5000/movie_metadata.csv.gz");
        if (!Files.exists(file)) return;
        try (Csv csv = Csv.open(file, ';', true)) {
            for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                Csv.Row row = r.get();
                String imdb = SourceMovie.imdb(row.get("movie_imdb_link"));
                String title = Titles.collapse(row.get("movie_title"));
                if (imdb.isEmpty() || title.isEmpty()) {
                    bad(file.toString(), row.line(), "no IMDb id in movie_imdb_link or empty movie_title");
                    continue;
                }
                List<String> cast = new ArrayList<>();
                for (String c : List.of("actor_1_name", "actor_2_name", "actor_3_name")) {
                    String a = Titles.collapse(row.get(c));
                    if (!a.isEmpty()) cast.add(a);
                }
                sink.accept(new SourceMovie("imdb5000", imdb, "", List.of(title), parseYear(row.get("title_year")),
                        genres(Arrays.asList(row.get("genres").split("\\|"))), row.get("director_name"), cast, "",
                        count(row.get("num_voted_users"))));
            }
        }
    }

    /** Kaggle TMDB 5000: overview and genres, joined through the TMDB id. */
    void tmdb5000(Consumer<SourceMovie> sink) {
        Path file = dataDir.resolve("movie_metadata/tmdb_5000/tmdb_5000_movies.csv.gz");
        if (!Files.exists(file)) return;
        try (Csv csv = Csv.open(file)) {
            for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                Csv.Row row = r.get();
                String title = Titles.collapse(row.get("title"));
                if (title.isEmpty()) {
                    bad(file.toString(), row.line(), "empty title");
                    continue;
                }
                List<String> genres;
                try {
                    genres = new ArrayList<>();
                    for (JsonNode g : Json.MAPPER.readTree(row.get("genres").isBlank() ? "[]" : row.get("genres"))) {
                        genres.add(g.path("name").asText(""));
                    }
                } catch (IOException e) {
                    bad(file.toString(), row.line(), "field genres is not a JSON list: " + e.getMessage());
                    continue;
                }
                sink.accept(new SourceMovie("tmdb5000", "", row.get("id"), List.of(title), parseYear(row.get("release_date")),
                        genres(genres), "", List.of(), row.get("overview"), count(row.get("vote_count"))));
            }
        }
    }

    /** Wikipedia American films by decade: cast, genres, lead paragraph. Also returns href → (title, year). */
    Map<String, Titles.TitleYear> wikipedia(Consumer<SourceMovie> sink) {
        Map<String, Titles.TitleYear> byHref = new LinkedHashMap<>();
        Path dir = dataDir.resolve("movie_metadata/wikipedia_american_movies");
        if (!Files.isDirectory(dir)) return byHref;
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.getFileName().toString().matches("movies-\\d{4}s\\.json\\.gz")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        for (Path file : files) {
            JsonNode root = readJson(file);
            int index = 0;
            for (JsonNode m : root) {
                index++;
                String title = Titles.collapse(m.path("title").asText(""));
                int year = m.path("year").asInt(0);
                if (title.isEmpty()) {
                    bad(file.toString(), index, "array element " + index + ": empty title");
                    continue;
                }
                String href = m.path("href").asText("");
                if (!href.isEmpty()) byHref.putIfAbsent(href, new Titles.TitleYear(title, year));
                sink.accept(new SourceMovie("wikipedia", "", "", List.of(title), year,
                        genres(texts(m.path("genres"))), "", texts(m.path("cast")), m.path("extract").asText("")));
            }
        }
        return byHref;
    }

    /** Reddit-Movie item vocabulary: "Title (Year)" → IMDb id. */
    void redditVocabulary(Consumer<SourceMovie> sink) {
        Path file = dataDir.resolve("reddit_movie/he2023_cikm/entity2id.json.gz");
        if (!Files.exists(file)) return;
        for (Iterator<Map.Entry<String, JsonNode>> it = readJson(file).fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            Titles.TitleYear ty = Titles.parse(e.getKey());
            String imdb = SourceMovie.imdb(e.getValue().asText(""));
            if (imdb.isEmpty() || ty.title().isEmpty()) {
                bad(file.toString(), 1, "entry '" + e.getKey() + "': no IMDb id or title");
                continue;
            }
            sink.accept(titleOnly("reddit", imdb, ty.title(), ty.year()));
        }
    }

    /** Amazon Prime, Disney+ and Netflix catalogues (movies only): director, cast, description. */
    void streaming(Consumer<SourceMovie> sink) {
        String[][] files = {{"amazon_prime_titles.csv.gz", "amazon"}, {"disney_plus_titles.csv.gz", "disney"}, {"netflixData.csv.gz", "netflix"}};
        for (String[] f : files) {
            Path file = dataDir.resolve("movie_metadata/ott_catalogs").resolve(f[0]);
            if (!Files.exists(file)) continue;
            try (Csv csv = Csv.open(file)) {
                for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                    Csv.Row row = r.get();
                    String type = row.get("type").strip();
                    boolean movie = type.equals("Movie") || (type.isEmpty() && row.get("duration").endsWith("min"));
                    if (!movie) continue;
                    String title = Titles.collapse(row.get("title"));
                    int year = parseYear(row.get("release_year"));
                    if (title.isEmpty()) {
                        bad(file.toString(), row.line(), "empty title");
                        continue;
                    }
                    sink.accept(new SourceMovie(f[1], "", "", List.of(title), year,
                            genres(Arrays.asList(row.get("genre").replace(Genres.ARTS, "").split(","))), row.get("director"),
                            splitNames(row.get("cast")), row.get("description")));
                }
            }
        }
    }

    /**
     * ml-latest-small (2018), ml-100k and ml-1m catalogues: older MovieLens titles with genres. The
     * 2018 release lists ~150 TV films that ml-latest 2023 dropped; its IMDb links keep them.
     */
    void olderMovieLens(Consumer<SourceMovie> sink) {
        Path small = dataDir.resolve("movielens/ml-latest-small/movies.csv");
        Path smallLinks = dataDir.resolve("movielens/ml-latest-small/links.csv");
        if (Files.exists(small) && Files.exists(smallLinks)) {
            Map<String, String> imdb = new HashMap<>();
            try (Csv csv = Csv.open(smallLinks)) {
                for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                    imdb.put(r.get().get("movieId").strip(), SourceMovie.imdb(r.get().get("imdbId")));
                }
            }
            Map<String, Integer> ratings = new HashMap<>();
            Path ratingsFile = dataDir.resolve("movielens/ml-latest-small/ratings.csv.gz");
            if (Files.exists(ratingsFile)) {
                try (Csv csv = Csv.open(ratingsFile)) {
                    for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) ratings.merge(r.get().get("movieId").strip(), 1, Integer::sum);
                }
            }
            try (Csv csv = Csv.open(small)) {
                for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                    Csv.Row row = r.get();
                    Titles.TitleYear ty = Titles.parse(row.get("title"));
                    if (ty.title().isEmpty()) {
                        bad(small.toString(), row.line(), "empty title");
                        continue;
                    }
                    sink.accept(new SourceMovie("ml-latest-small", imdb.getOrDefault(row.get("movieId").strip(), ""), "",
                            Titles.withAliases(ty.title()), ty.year(), genres(Arrays.asList(row.get("genres").split("\\|"))),
                            "", List.of(), "", ratings.getOrDefault(row.get("movieId").strip(), 0)));
                }
            }
        }
        Path item = dataDir.resolve("movielens/ml-100k/u.item");
        if (Files.exists(item)) {
            Map<String, Integer> ratings = new HashMap<>();
            Path data = dataDir.resolve("movielens/ml-100k/u.data.gz");
            if (Files.exists(data)) readLines(data, StandardCharsets.UTF_8, (lineNo, line) -> ratings.merge(line.split("\t", 3)[1], 1, Integer::sum));
            String[] genreNames = {"unknown", "Action", "Adventure", "Animation", "Children", "Comedy", "Crime", "Documentary", "Drama",
                "Fantasy", "Film-Noir", "Horror", "Musical", "Mystery", "Romance", "Sci-Fi", "Thriller", "War", "Western"};
            readLines(item, StandardCharsets.ISO_8859_1, (lineNo, line) -> {
                String[] p = line.split("\\|", -1);
                if (p.length < 5 + genreNames.length) {
                    bad(item.toString(), lineNo, "expected 24 '|'-separated fields, found " + p.length);
                    return;
                }
                List<String> genres = new ArrayList<>();
                for (int g = 1; g < genreNames.length; g++) if (p[5 + g].equals("1")) genres.add(genreNames[g]);
                Titles.TitleYear ty = Titles.parse(p[1]);
                if (ty.title().isEmpty() || ty.title().equals("unknown")) return;
                sink.accept(new SourceMovie("ml-100k", "", "", Titles.withAliases(ty.title()), ty.year(), genres(genres), "", List.of(), "",
                        ratings.getOrDefault(p[0], 0)));
            });
        }
        Path dat = dataDir.resolve("movielens/ml-1m/movies.dat");
        if (Files.exists(dat)) {
            Map<String, Integer> ratings = new HashMap<>();
            Path sequences = dataDir.resolve("movielens/ml-1m/sequences_lrurec_min5.tsv.gz");
            if (Files.exists(sequences)) {
                readLines(sequences, StandardCharsets.UTF_8, (lineNo, line) -> {
                    if (lineNo == 1) return;
                    String[] cells = line.split("\t", 2);
                    if (cells.length == 2) for (String id : cells[1].split(" ")) ratings.merge(id, 1, Integer::sum);
                });
            }
            readLines(dat, StandardCharsets.ISO_8859_1, (lineNo, line) -> {
                String[] p = line.split("::", -1);
                if (p.length != 3) {
                    bad(dat.toString(), lineNo, "expected MovieID::Title::Genres, found " + p.length + " fields");
                    return;
                }
                Titles.TitleYear ty = Titles.parse(p[1]);
                sink.accept(new SourceMovie("ml-1m", "", "", Titles.withAliases(ty.title()), ty.year(),
                        genres(Arrays.asList(p[2].split("\\|"))), "", List.of(), "", ratings.getOrDefault(p[0], 0)));
            });
        }
    }

    /** Titles only the CRS datasets know: ReDial's mention list, INSPIRED titles, the Reddit-v2 catalogue. */
    void datasetTitles(Consumer<SourceMovie> sink) {
        Path mentions = dataDir.resolve("redial/original/movies_with_mentions.csv");
        if (Files.exists(mentions)) {
            try (Csv csv = Csv.open(mentions)) {
                for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                    Titles.TitleYear ty = Titles.parse(r.get().get("movieName"));
                    if (ty.title().isEmpty()) {
                        bad(mentions.toString(), r.get().line(), "empty movieName");
                        continue;
                    }
                    // nbMentions counts the test conversations too: as popularity it would hand the
                    // evaluation its answers, so the audience stays uncounted.
                    sink.accept(new SourceMovie("redial", "", "", List.of(Titles.display(ty.title())), ty.year(), List.of(), "", List.of(), "", 0));
                }
            }
        }
        for (String split : List.of("train_partial_100", "dev", "test")) {
            Path file = dataDir.resolve("inspired/unicrs_format/" + split + ".jsonl.gz");
            if (!Files.exists(file)) continue;
            readLines(file, StandardCharsets.UTF_8, (lineNo, line) -> {
                try {
                    for (JsonNode turn : Json.MAPPER.readTree(line)) {
                        for (JsonNode t : turn.path("movie")) {
                            Titles.TitleYear ty = Titles.parse(t.asText(""));
                            if (!ty.title().isEmpty()) sink.accept(titleOnly("inspired", "", ty.title(), ty.year()));
                        }
                    }
                } catch (IOException e) {
                    bad(file.toString(), lineNo, "not a JSON array of turns: " + e.getMessage());
                }
            });
        }
        for (String split : List.of("dev", "test")) {
            Path file = dataDir.resolve("inspired/original/dialog_data/" + split + ".tsv.gz");
            if (!Files.exists(file)) continue;
            try (Csv csv = Csv.openTsv(file, true)) {
                for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                    for (String t : r.get().get("movies").split(";")) {
                        Titles.TitleYear ty = Titles.parse(t);
                        if (!ty.title().isEmpty()) sink.accept(titleOnly("inspired", "", ty.title(), ty.year()));
                    }
                }
            }
        }
        Path v2 = dataDir.resolve("reddit_movie/reddit_v2_catalog/gt_catalog.tsv");
        if (Files.exists(v2)) {
            try (Csv csv = Csv.openTsv(v2, true)) {
                for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                    String title = Titles.collapse(r.get().get(0));
                    if (title.isEmpty()) {
                        bad(v2.toString(), r.get().line(), "empty title");
                        continue;
                    }
                    sink.accept(titleOnly("reddit-v2", "", title, parseYear(r.get().get(1))));
                }
            }
        }
    }

    private static SourceMovie titleOnly(String source, String imdb, String title, int year) {
        return new SourceMovie(source, imdb, "", List.of(Titles.display(title)), year, List.of(), "", List.of(), "");
    }

    interface LineHandler {
        void accept(long lineNo, String line);
    }

    static void readLines(Path file, java.nio.charset.Charset charset, LineHandler handler) {
        try (BufferedReader r = TextFiles.open(file, charset)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (!line.isBlank()) handler.accept(n, line);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    static JsonNode readJson(Path file) {
        try (BufferedReader r = TextFiles.open(file)) {
            return Json.MAPPER.readTree(r);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }

    static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            String s = Titles.collapse(n.asText(""));
            if (!s.isEmpty()) out.add(s);
        }
        return out;
    }

    static List<String> splitNames(String joined) {
        List<String> out = new ArrayList<>();
        for (String s : joined.split(",")) {
            String t = Titles.collapse(s);
            if (!t.isEmpty()) out.add(t);
        }
        return out;
    }

    /** A non-negative count from "1234" or "1234.0"; 0 when blank or not a number. */
    static int count(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.endsWith(".0")) s = s.substring(0, s.length() - 2);
        if (s.isEmpty() || s.length() > 9 || !s.chars().allMatch(Character::isDigit)) return 0;
        return Integer.parseInt(s);
    }

    /** The first 4-digit year in "2009", "2009.0", "2009-12-10"; 0 when none. */
    static int parseYear(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.length() >= 4 && s.substring(0, 4).chars().allMatch(Character::isDigit)) {
            int y = Integer.parseInt(s.substring(0, 4));
            if (y >= 1870 && y <= 2035) return y;
        }
        return 0;
    }
}
