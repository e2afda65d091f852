package dev.rarec.data;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Csv;
import dev.rarec.corpus.Movie;
import dev.rarec.corpus.TextFiles;
import dev.rarec.corpus.TitleIndex;
import dev.rarec.corpus.Titles;
import dev.rarec.util.Json;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Maps every id scheme of the datasets to corpus ids (section 3.2): ReDial movieIds, "Title (Year)"
 * strings, DBpedia URIs (He et al., UniCRS), IMDb ids (Reddit-Movie) and MovieLens movieIds.
 * Tables are read from the data dir on first use and kept.
 */
public final class EntityLinker {
    private static final Pattern DBPEDIA = Pattern.compile("<?https?://dbpedia\\.org/resource/([^>]+)>?");
    private static final Pattern FILM_SUFFIX = Pattern.compile("^(.*?)\\s*\\((?:(\\d{4})\\s+)?(?:[A-Za-z ]*\\s)?film(?: series)?\\)$");

    private final Corpus corpus;
    private final TitleIndex titles;
    private final Path dataDir;
    private Map<String, ReDialMovie> redial;
    private Map<Integer, String> movieLensImdb;
    private Map<String, Titles.TitleYear> wikipedia;

    /** What the data dir says about one ReDial movieId. */
    record ReDialMovie(String imdbFromId2Info, String imdbFromCrb, int movieLensId, String name) {}

    public EntityLinker(Corpus corpus, TitleIndex titles, Path dataDir) {
        this.corpus = corpus;
        this.titles = titles;
        this.dataDir = dataDir;
    }

    public Corpus corpus() {
        return corpus;
    }

    public TitleIndex titles() {
        return titles;
    }

    /** A "Title (Year)" string (year optional). */
    public Optional<Integer> title(String titleWithOptionalYear) {
        return titles.find(titleWithOptionalYear);
    }

    /** An IMDb id ({@code tt0111161}; digits alone are accepted). */
    public Optional<Integer> imdb(String imdbId) {
        String s = imdbId.strip();
        if (!s.startsWith("tt")) s = "tt" + "0".repeat(Math.max(0, 7 - s.length())) + s;
        return corpus.byImdbId(s).map(Movie::id);
    }

    /** A MovieLens movieId (ml-latest ids; stable across MovieLens releases), via links.csv. */
    public Optional<Integer> movieLens(int movieId) {
        String imdb = movieLensImdb().get(movieId);
        return imdb == null ? Optional.empty() : imdb(imdb);
    }

    /**
     * A ReDial movieId ({@code @123} in the text). Tried in order: the IMDb id of iEvaLM's id2info,
     * the title as this conversation writes it (or as movies_with_mentions does), the ReDial →
     * MovieLens map, the IMDb id of CRB-CRS combined_metadata (last: it holds a few wrong matches).
     */
    public Optional<Integer> redial(String movieId, String titleAsWritten) {
        ReDialMovie m = redialTable().get(movieId.strip());
        String title = titleAsWritten != null && !titleAsWritten.isBlank() ? titleAsWritten : m == null ? "" : m.name;
        Optional<Integer> viaImdb = m == null || m.imdbFromId2Info.isEmpty() ? Optional.empty() : imdb(m.imdbFromId2Info);
        if (viaImdb.isPresent() && (title.isEmpty() || agrees(viaImdb.get(), title))) return viaImdb;
        if (!title.isEmpty()) {
            Optional<Integer> hit = titles.find(title);
            if (hit.isPresent()) return hit;
        }
        if (viaImdb.isPresent()) return viaImdb;
        if (m == null) return Optional.empty();
        if (m.movieLensId > 0) {
            Optional<Integer> hit = movieLens(m.movieLensId);
            if (hit.isPresent()) return hit;
        }
        return m.imdbFromCrb.isEmpty() ? Optional.empty() : imdb(m.imdbFromCrb);
    }

    /**
     * Whether a corpus movie is the one a "Title (Year)" string names: one of its titles has the
     * same key (or the short key before a subtitle) and the years differ by at most one. id2info's
     * IMDb ids come from a title search and hold a few wrong films ("Ring (1998)" → "Spring 1941");
     * those lose to the title as the conversation writes it.
     */
    boolean agrees(int id, String titleWithYear) {
        Titles.TitleYear ty = Titles.parse(titleWithYear);
        Movie movie = corpus.get(id);
        if (ty.year() > 0 && movie.year() > 0 && Math.abs(ty.year() - movie.year()) > 1) return false;
        String key = Titles.key(ty.title());
        List<String> all = new ArrayList<>(corpus.alternativeTitles(id));
        all.add(movie.title());
        for (String t : all) {
            if (Titles.key(t).equals(key) || Titles.shortKey(t).equals(key) || Titles.key(t).equals(Titles.shortKey(ty.title()))) return true;
        }
        return false;
    }

    /** The title movies_with_mentions.csv gives a ReDial movieId ("Title (Year)"), if any. */
    public Optional<String> redialName(String movieId) {
        ReDialMovie m = redialTable().get(movieId.strip());
        return m == null || m.name.isEmpty() ? Optional.empty() : Optional.of(m.name);
    }

    /**
     * A DBpedia URI ({@code <http://dbpedia.org/resource/Heat_(1995_film)>}): through the Wikipedia
     * film list (its {@code href} is the URI's local name, and it gives the year), else by the
     * title and year the local name spells.
     */
    public Optional<Integer> dbpedia(String uri) {
        Matcher m = DBPEDIA.matcher(uri.strip());
        String local = m.matches() ? m.group(1) : uri.strip();
        Titles.TitleYear wiki = wikipedia().get(local);
        if (wiki != null) {
            Optional<Integer> hit = titles.find(wiki.title(), wiki.year());
            if (hit.isPresent()) return hit;
        }
        String name = URLDecoder.decode(local.replace("+", "%2B"), StandardCharsets.UTF_8).replace('_', ' ');
        Matcher f = FILM_SUFFIX.matcher(name);
        if (f.matches()) {
            int year = f.group(2) == null ? 0 : Integer.parseInt(f.group(2));
            return titles.find(f.group(1), year);
        }
        return titles.find(name, 0);
    }

    private synchronized Map<String, ReDialMovie> redialTable() {
        if (redial != null) return redial;
        Map<String, String> id2info = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        Path info = dataDir.resolve("redial/ievalm/id2info.json.gz");
        if (Files.exists(info)) {
            JsonNode root = readJson(info);
            for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                id2info.put(e.getKey(), e.getValue().path("imdb_id").asText(""));
            }
        }
        Path mentions = dataDir.resolve("redial/original/movies_with_mentions.csv");
        if (Files.exists(mentions)) {
            try (Csv csv = Csv.open(mentions)) {
                for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                    names.put(r.get().get("movieId").strip(), Titles.collapse(r.get().get("movieName")));
                }
            }
        }
        Map<String, String> crb = new HashMap<>();
        Path combined = dataDir.resolve("redial/mappings/combined_metadata.csv.gz");
        if (Files.exists(combined)) {
            try (Csv csv = Csv.open(combined)) {
                for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                    String digits = r.get().get("imdbID").strip().replace(".0", "");
                    if (!digits.isEmpty()) crb.put(r.get().get("databaseId").strip(), digits);
                }
            }
        }
        Map<String, Integer> ml = new HashMap<>();
        Path merged = dataDir.resolve("redial/mappings/movies_merged.csv.gz");
        if (Files.exists(merged)) {
            try (Csv csv = Csv.open(merged)) {
                for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                    try {
                        int id = Integer.parseInt(r.get().get("movieId").strip());
                        if (id > 0) ml.put(r.get().get("databaseId").strip(), id);
                    } catch (NumberFormatException e) {
                        // a row without a MovieLens match ("-1" or empty) simply has no bridge
                    }
                }
            }
        }
        Map<String, ReDialMovie> table = new HashMap<>();
        Set<String> ids = new HashSet<>(id2info.keySet());
        ids.addAll(names.keySet());
        ids.addAll(crb.keySet());
        ids.addAll(ml.keySet());
        for (String id : ids) {
            table.put(id, new ReDialMovie(id2info.getOrDefault(id, ""), crb.getOrDefault(id, ""), ml.getOrDefault(id, 0), names.getOrDefault(id, "")));
        }
        redial = table;
        return redial;
    }

    private synchronized Map<Integer, String> movieLensImdb() {
        if (movieLensImdb != null) return movieLensImdb;
        Map<Integer, String> map = new HashMap<>();
        for (String rel : List.of("movielens/ml-latest-2023/links.csv.gz", "movielens/ml-latest-small/links.csv")) {
            Path file = dataDir.resolve(rel);
            if (!Files.exists(file)) continue;
            try (Csv csv = Csv.open(file)) {
                for (Optional<Csv.Row> r = csv.next(); r.isPresent(); r = csv.next()) {
                    try {
                        map.putIfAbsent(Integer.parseInt(r.get().get("movieId").strip()), r.get().get("imdbId").strip());
                    } catch (NumberFormatException e) {
                        // the MovieLens readers report malformed link rows; here they only lack a bridge
                    }
                }
            }
        }
        movieLensImdb = map;
        return map;
    }

    private synchronized Map<String, Titles.TitleYear> wikipedia() {
        if (wikipedia != null) return wikipedia;
        Map<String, Titles.TitleYear> map = new HashMap<>();
        Path dir = dataDir.resolve("movie_metadata/wikipedia_american_movies");
        if (Files.isDirectory(dir)) {
            try (Stream<Path> s = Files.list(dir)) {
                for (Path file : s.filter(p -> p.getFileName().toString().endsWith(".json.gz")).sorted().toList()) {
                    for (JsonNode m : readJson(file)) {
                        String href = m.path("href").asText("");
                        if (!href.isEmpty()) map.putIfAbsent(href, new Titles.TitleYear(m.path("title").asText(""), m.path("year").asInt(0)));
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + dir, e);
            }
        }
        wikipedia = map;
        return map;
    }

    static JsonNode readJson(Path file) {
        try (BufferedReader r = TextFiles.open(file)) {
            return Json.MAPPER.readTree(r);
        } catch (IOException e) {
            throw new IllegalStateException(file + ": not valid JSON: " + e.getMessage(), e);
        }
    }
}
