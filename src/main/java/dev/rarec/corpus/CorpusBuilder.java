package dev.rarec.corpus;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Builds the unified movie corpus (section 3.2, appendix A.1) from every metadata source in the
 * data dir and every title only a dataset knows.
 *
 * <p>De-duplication: a source record joins an existing movie by IMDb id, else by TMDB id, else by
 * normalised title ({@link Titles#key}) and year (exact, then ±1 year, since sources disagree on
 * release vs. festival year), never joining two different IMDb ids. Conflicts: title and year come
 * from the first source that has them (MovieLens first); genres, cast and director take the value
 * with the most entries, plot the longest text ("most informative"); ties keep the earlier source.
 *
 * <p>Then {@link Duplicates} merges second entries of one film whose titles differ by a brand,
 * an edition or a language remark, and {@link Popularity} turns the audience counts of the
 * sources into {@link Movie#votes()}.
 *
 * <p>Stable ids: movies are sorted by IMDb id (numerically), then those without one by title key
 * and year, so rebuilding from the same data gives the same ids.
 */
public final class CorpusBuilder {
    private final List<Draft> drafts = new ArrayList<>();
    private final Map<String, Draft> byImdb = new HashMap<>();
    private final Map<String, Draft> byTmdb = new HashMap<>();
    private final Map<String, List<Draft>> byKeyYear = new HashMap<>();
    private final Map<String, List<Draft>> byKey = new HashMap<>();
    private final Map<String, List<Draft>> byShortKeyYear = new HashMap<>();
    private final Map<String, String> imdbByTmdb = new HashMap<>();
    private int conflicts;
    private List<Duplicates.Merge> merges = List.of();
    private Popularity popularity;

    /**
     * The corpus and what the build left out or merged.
     *
     * @param unknownGenreLabels source genre labels {@link Genres} does not map (dropped)
     * @param merges             duplicate entries merged into another ("absorbed → into [rule]")
     * @param popularityFactors  source → factor that turns its audience counts into IMDb votes
     */
    public record Result(Corpus corpus, List<BadRecord> badRecords, Map<String, Integer> recordsPerSource,
                         Set<String> unknownGenreLabels, List<String> merges, Map<String, Double> popularityFactors) {}

    CorpusBuilder() {}

    /** Builds the corpus; progress messages go to {@code progress}. */
    public static Corpus build(Path dataDir, Consumer<String> progress) {
        return run(dataDir, progress).corpus();
    }

    /** {@link #build} with the bad records and per-source counts, for the build report. */
    public static Result run(Path dataDir, Consumer<String> progress) {
        List<BadRecord> bad = new ArrayList<>();
        MetadataSources sources = new MetadataSources(dataDir, bad);
        CorpusBuilder b = new CorpusBuilder();
        Map<String, Integer> counts = new LinkedHashMap<>();
        Consumer<SourceMovie> sink = s -> {
            counts.merge(s.source(), 1, Integer::sum);
            b.add(s);
        };
        long t0 = System.nanoTime();
        b.imdbByTmdb.putAll(sources.movieLens(sink));
        step(progress, "MovieLens ml-latest-2023", b, t0);
        sources.redialId2Info(sink);
        sources.redialCombined(sink);
        step(progress, "ReDial metadata", b, t0);
        sources.imdb5000(sink);
        sources.tmdb5000(sink);
        step(progress, "IMDB 5000 + TMDB 5000", b, t0);
        sources.redditVocabulary(sink);
        sources.wikipedia(sink);
        step(progress, "Reddit vocabulary + Wikipedia", b, t0);
        sources.streaming(sink);
        sources.olderMovieLens(sink);
        sources.datasetTitles(sink);
        step(progress, "streaming catalogues + dataset titles", b, t0);
        Corpus corpus = b.corpus();
        progress.accept(String.format("corpus: %,d movies from %,d source records (%d bad records, %d id joins rejected as title+year conflicts, %d duplicates merged)",
                corpus.size(), counts.values().stream().mapToInt(Integer::intValue).sum(), bad.size(), b.conflicts, b.merges.size()));
        return new Result(corpus, List.copyOf(bad), counts, Set.copyOf(sources.unknownGenreLabels()),
                b.merges.stream().map(Duplicates.Merge::toString).toList(), b.popularity.factors());
    }

    private static void step(Consumer<String> progress, String what, CorpusBuilder b, long t0) {
        progress.accept(String.format("%-40s %,7d movies  %5.1fs", what, b.drafts.size(), (System.nanoTime() - t0) / 1e9));
    }

    void add(SourceMovie s) {
        String imdb = s.imdbId();
        if (imdb.isEmpty() && !s.tmdbId().isEmpty()) imdb = imdbByTmdb.getOrDefault(s.tmdbId(), "");
        Draft d = imdb.isEmpty() ? null : byImdb.get(imdb);
        if (d == null && !s.tmdbId().isEmpty()) d = byTmdb.get(s.tmdbId());
        if (d != null && !d.agrees(s)) {
            conflicts++;
            d = null;
            imdb = "";
            s = new SourceMovie(s.source(), "", "", s.titles(), s.year(), s.genres(), s.director(), s.cast(), s.plot(), s.audience());
        }
        if (d == null) d = matchByTitle(s, imdb);
        if (d == null) {
            d = new Draft();
            drafts.add(d);
        }
        d.merge(s, imdb);
        register(d, s);
    }

    private Draft matchByTitle(SourceMovie s, String imdb) {
        for (String t : s.titles()) {
            String key = Titles.key(t);
            if (key.isEmpty()) continue;
            if (s.year() > 0) {
                for (int delta : new int[] {0, -1, 1}) {
                    Draft d = firstCompatible(byKeyYear.get(key + "|" + (s.year() + delta)), imdb);
                    if (d != null) return d;
                }
                Draft yearless = firstCompatible(byKeyYear.get(key + "|0"), imdb);
                if (yearless != null) return yearless;
                Draft longer = onlyCompatible(byShortKeyYear.get(key + "|" + s.year()), imdb);
                if (longer != null) return longer;
                String shortKey = Titles.shortKey(t);
                if (!shortKey.isEmpty()) {
                    Draft shorter = onlyCompatible(byKeyYear.get(shortKey + "|" + s.year()), imdb);
                    if (shorter != null) return shorter;
                }
            } else {
                Draft best = null;
                for (Draft d : byKey.getOrDefault(key, List.of())) {
                    if (compatible(d, imdb) && (best == null || d.informativeness() > best.informativeness())) best = d;
                }
                if (best != null) return best;
            }
        }
        return null;
    }

    /**
     * The one compatible candidate of a subtitle match ("Star Wars" 1977 ↔ "Star Wars: Episode IV -
     * A New Hope" 1977); none when several films of that year share the short title.
     */
    private static Draft onlyCompatible(List<Draft> candidates, String imdb) {
        if (candidates == null) return null;
        Draft only = null;
        for (Draft d : candidates) {
            if (!compatible(d, imdb)) continue;
            if (only != null && only != d) return null;
            only = d;
        }
        return only;
    }

    private static Draft firstCompatible(List<Draft> candidates, String imdb) {
        if (candidates == null) return null;
        for (Draft d : candidates) if (compatible(d, imdb)) return d;
        return null;
    }

    private static boolean compatible(Draft d, String imdb) {
        return imdb.isEmpty() || d.imdbId.isEmpty() || d.imdbId.equals(imdb);
    }

    private void register(Draft d, SourceMovie s) {
        if (!d.imdbId.isEmpty()) byImdb.putIfAbsent(d.imdbId, d);
        if (!s.tmdbId().isEmpty()) byTmdb.putIfAbsent(s.tmdbId(), d);
        for (String t : s.titles()) {
            String key = Titles.key(t);
            if (key.isEmpty()) continue;
            List<Draft> k = byKey.computeIfAbsent(key, x -> new ArrayList<>(1));
            if (!k.contains(d)) k.add(d);
            int year = d.year > 0 ? d.year : s.year();
            List<Draft> ky = byKeyYear.computeIfAbsent(key + "|" + year, x -> new ArrayList<>(1));
            if (!ky.contains(d)) ky.add(d);
            String shortKey = Titles.shortKey(t);
            if (!shortKey.isEmpty() && year > 0) {
                List<Draft> sk = byShortKeyYear.computeIfAbsent(shortKey + "|" + year, x -> new ArrayList<>(1));
                if (!sk.contains(d)) sk.add(d);
            }
        }
    }

    Corpus corpus() {
        if (popularity == null) {
            merges = Duplicates.merge(drafts);
            popularity = Popularity.calibrate(drafts.stream().map(d -> d.audience).toList());
        }
        List<Draft> sorted = sorted();
        List<Movie> movies = new ArrayList<>(sorted.size());
        Map<Integer, List<String>> alternatives = new HashMap<>();
        for (Draft d : sorted) {
            int id = movies.size();
            movies.add(d.toMovie(id, popularity.votes(d.audience)));
            List<String> alt = d.alternativeTitles();
            if (!alt.isEmpty()) alternatives.put(id, alt);
        }
        return new Corpus(movies, alternatives);
    }

    List<Movie> movies() {
        return corpus().movies();
    }

    private List<Draft> sorted() {
        List<Draft> sorted = new ArrayList<>(drafts);
        for (Draft d : sorted) d.sortKey = Titles.key(d.title);
        sorted.sort(Comparator.comparing((Draft d) -> d.imdbId.isEmpty())
                .thenComparingLong(d -> d.imdbId.isEmpty() ? 0 : Long.parseLong(d.imdbId.substring(2)))
                .thenComparing(d -> d.sortKey)
                .thenComparingInt(d -> d.year)
                .thenComparing(d -> d.title)
                .thenComparing(d -> String.join("|", d.sources)));
        return sorted;
    }

    /** A movie being assembled from several sources. */
    static final class Draft {
        String imdbId = "";
        String title = "";
        String sortKey = "";
        /** title key → [votes, order of first appearance]; the title most sources agree on wins. */
        private final Map<String, int[]> titleVotes = new LinkedHashMap<>();
        private final Map<String, String> spelling = new LinkedHashMap<>();
        int year;
        List<String> genres = List.of();
        String director = "";
        List<String> cast = List.of();
        String plot = "";
        final Set<String> sources = new LinkedHashSet<>();
        /** Source → the audience it counts for this movie (see {@link Popularity}); sorted, so builds repeat exactly. */
        final Map<String, Integer> audience = new TreeMap<>();

        void merge(SourceMovie s, String imdb) {
            if (imdbId.isEmpty()) imdbId = imdb;
            for (int i = 0; i < s.titles().size(); i++) {
                String t = s.titles().get(i);
                String key = Titles.key(t);
                if (key.isEmpty()) continue;
                spelling.putIfAbsent(key, t);
                int[] v = titleVotes.computeIfAbsent(key, k -> new int[] {0, titleVotes.size()});
                if (i == 0 && !sources.contains(s.source())) v[0]++;
            }
            title = bestTitle();
            if (title.isEmpty()) title = s.title();
            if (year == 0) year = s.year();
            if (s.genres().size() > genres.size()) genres = s.genres();
            if (names(s.director()) > names(director)) director = s.director();
            if (s.cast().size() > cast.size()) cast = s.cast();
            if (s.plot().length() > plot.length()) plot = s.plot();
            sources.add(s.source());
            if (s.audience() > 0) audience.merge(s.source(), s.audience(), Math::max);
        }

        /**
         * Takes in a second entry of this film (see {@link Duplicates}): title votes add up, the
         * other entry fills only the fields this one lacks (a wrong merge then costs little).
         */
        void absorb(Draft other) {
            if (imdbId.isEmpty()) imdbId = other.imdbId;
            for (Map.Entry<String, int[]> e : other.titleVotes.entrySet()) {
                spelling.putIfAbsent(e.getKey(), other.spelling.get(e.getKey()));
                int[] v = titleVotes.computeIfAbsent(e.getKey(), k -> new int[] {0, titleVotes.size()});
                v[0] += e.getValue()[0];
            }
            title = bestTitle();
            if (year == 0) year = other.year;
            if (genres.isEmpty()) genres = other.genres;
            if (director.isEmpty()) director = other.director;
            if (cast.isEmpty()) cast = other.cast;
            if (plot.isEmpty()) plot = other.plot;
            sources.addAll(other.sources);
            other.audience.forEach((source, n) -> audience.merge(source, n, Math::max));
        }

        /** Which of two entries of one film keeps its place: more sources, then an IMDb id, then the shorter title. */
        static Draft survivor(Draft a, Draft b) {
            if (a.sources.size() != b.sources.size()) return a.sources.size() > b.sources.size() ? a : b;
            if (a.imdbId.isEmpty() != b.imdbId.isEmpty()) return a.imdbId.isEmpty() ? b : a;
            return b.title.length() < a.title.length() ? b : a;
        }

        /** Every title a source gave this movie, main title first. */
        List<String> spellings() {
            List<String> out = new ArrayList<>(spelling.size() + 1);
            out.add(title);
            for (String t : spelling.values()) if (!t.equals(title)) out.add(t);
            return out;
        }

        String displayTitle() {
            return year > 0 ? title + " (" + year + ")" : title;
        }

        boolean imdbCompatible(Draft other) {
            return imdbId.isEmpty() || other.imdbId.isEmpty() || imdbId.equals(other.imdbId);
        }

        /** Both directors known and at least one name in common. */
        boolean sharesDirector(Draft other) {
            Set<String> mine = directorKeys();
            mine.retainAll(other.directorKeys());
            return !mine.isEmpty();
        }

        /** Both directors known and no name in common. */
        boolean contradictsDirector(Draft other) {
            return !director.isEmpty() && !other.director.isEmpty() && !sharesDirector(other);
        }

        private Set<String> directorKeys() {
            Set<String> out = new java.util.HashSet<>();
            for (String name : director.split(",")) {
                String k = Titles.key(name);
                if (!k.isEmpty()) out.add(k);
            }
            return out;
        }

        private String bestTitle() {
            String best = null;
            int[] bv = null;
            for (Map.Entry<String, int[]> e : titleVotes.entrySet()) {
                int[] v = e.getValue();
                if (bv == null || v[0] > bv[0] || (v[0] == bv[0] && v[1] < bv[1])) {
                    best = e.getKey();
                    bv = v;
                }
            }
            return best == null ? title : spelling.get(best);
        }

        /** Every other spelling under which a source listed this movie. */
        List<String> alternativeTitles() {
            String main = Titles.key(title);
            List<String> out = new ArrayList<>();
            for (Map.Entry<String, String> e : spelling.entrySet()) if (!e.getKey().equals(main)) out.add(e.getValue());
            return out;
        }

        private static int names(String joined) {
            return joined.isEmpty() ? 0 : joined.split(",").length;
        }

        /**
         * Whether a record joined by id describes this movie: the same title key (also before a
         * subtitle, or without spaces), else years at most one apart and, for the ReDial metadata,
         * at least half of the shorter title's words in common. The ReDial metadata found its IMDb
         * ids by title search and holds wrong ones (iEvaLM's "It (1990)" under Goodfellas' IMDb id);
         * catalogues keep the year rule alone, since foreign and English titles differ. A record
         * that does not agree is matched by title instead.
         */
        boolean agrees(SourceMovie s) {
            double overlap = 0;
            for (String t : s.titles()) {
                String key = Titles.key(t);
                String shortKey = Titles.shortKey(t);
                if (titleVotes.containsKey(key) || (!shortKey.isEmpty() && titleVotes.containsKey(shortKey))) return true;
                for (String mine : titleVotes.keySet()) {
                    if (Titles.shortKey(spelling.get(mine)).equals(key) || mine.replace(" ", "").equals(key.replace(" ", ""))) return true;
                    overlap = Math.max(overlap, overlap(mine, key));
                }
            }
            if (year > 0 && s.year() > 0 && Math.abs(year - s.year()) > 1) return false;
            if (overlap >= 0.5) return true;
            return !s.source().startsWith("redial-");
        }

        /** Shared words over the words of the shorter title ("The Butler" vs "Lee Daniels' The Butler": 1). */
        private static double overlap(String a, String b) {
            Set<String> x = new java.util.HashSet<>(List.of(a.split(" ")));
            Set<String> y = new java.util.HashSet<>(List.of(b.split(" ")));
            int min = Math.min(x.size(), y.size());
            x.retainAll(y);
            return min == 0 ? 0 : x.size() / (double) min;
        }

        int informativeness() {
            return sources.size() * 8 + (genres.isEmpty() ? 0 : 1) + (director.isEmpty() ? 0 : 1)
                    + (cast.isEmpty() ? 0 : 1) + (plot.isEmpty() ? 0 : 1) + (imdbId.isEmpty() ? 0 : 2);
        }

        Movie toMovie(int id, int votes) {
            return new Movie(id, imdbId, title, year, genres, director, cast, plot, new ArrayList<>(sources), votes);
        }
    }
}
