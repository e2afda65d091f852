package dev.rarec.corpus;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds corpus movies by title: {@link #find} links a "Title (Year)" string written by a dataset,
 * {@link #candidates} lists every movie of a title, {@link #popularity} says how well known each is.
 * Detection of titles in free text is {@link TitleMentionDetector}, which looks titles up here.
 *
 * <p>Lookups compare {@link Titles#key title keys}, so case, punctuation, accents, double spaces, number
 * words and a leading or trailing "The" do not matter; every title a source gave a movie counts
 * ({@link Corpus#alternativeTitles}). When several movies share a key, the year decides (exact,
 * then ±1, ±2); without a year the most popular candidate wins. Popularity counts only metadata
 * catalogues (TMDB/IMDB 5000 weigh most, being lists of well-known films), never the CRS datasets'
 * own title lists, so that evaluating detection on a dataset does not favour that dataset's movies.
 */
public final class TitleIndex {
    /** Longest title, in tokens, that a phrase of free text is matched against. */
    static final int MAX_TOKENS = 12;
    private static final Map<String, Integer> SOURCE_POPULARITY = Map.ofEntries(
            Map.entry("tmdb5000", 4), Map.entry("imdb5000", 4), Map.entry("wikipedia", 1), Map.entry("movielens", 1),
            Map.entry("ml-100k", 2), Map.entry("ml-1m", 2), Map.entry("ml-latest-small", 2), Map.entry("amazon", 1), Map.entry("disney", 1), Map.entry("netflix", 1));
    static final Set<String> ARTICLES = Set.of("the", "a", "an");

    private final Corpus corpus;
    private final Map<String, int[]> byKey = new HashMap<>();
    private final Map<String, int[]> byShortKey = new HashMap<>();
    private final Set<String> prefixes = new HashSet<>();
    private final Set<Long> mainTitles = new HashSet<>();
    private final int[] popularity;
    private final Audience audience;

    private TitleIndex(Corpus corpus) {
        this.corpus = corpus;
        this.popularity = new int[corpus.size()];
        this.audience = Audience.of(corpus);
        Map<String, List<Integer>> keys = new HashMap<>();
        Map<String, List<Integer>> shortKeys = new HashMap<>();
        for (Movie m : corpus.movies()) {
            popularity[m.id()] = popularity(m);
            List<String> titles = new ArrayList<>();
            titles.add(m.title());
            titles.addAll(corpus.alternativeTitles(m.id()));
            for (String t : titles) {
                String key = Titles.key(t);
                if (!key.isEmpty()) addOnce(keys, key, m.id());
                String shortKey = Titles.shortKey(t);
                if (!shortKey.isEmpty()) addOnce(shortKeys, shortKey, m.id());
            }
            mainTitles.add(((long) Titles.key(m.title()).hashCode() << 32) | m.id());
        }
        index(keys, byKey);
        index(shortKeys, byShortKey);
    }

    public static TitleIndex of(Corpus corpus) {
        return new TitleIndex(corpus);
    }

    /** How well known a movie is, from the catalogues that list it and the metadata they give. */
    static int popularity(Movie m) {
        int p = 0;
        for (String s : m.sources()) p += SOURCE_POPULARITY.getOrDefault(s, 0);
        if (!m.plot().isEmpty()) p++;
        if (!m.cast().isEmpty()) p++;
        return p;
    }

    public Corpus corpus() {
        return corpus;
    }

    /** How well known corpus movie {@code id} is (see {@link #popularity(Movie)}). */
    public int popularity(int id) {
        return popularity[id];
    }

    /** How many people know corpus movie {@code id} ({@link Audience}). */
    public double audience(int id) {
        return audience.votes(id);
    }

    /** Whether some title key starts with these whole tokens ("star", "star wars"): a phrase worth extending. */
    boolean isPrefix(String tokens) {
        return prefixes.contains(tokens);
    }

    /** Whether a title key or a short key (the part before a subtitle) is exactly {@code key}. */
    boolean hasKey(String key) {
        return byKey.containsKey(key) || byShortKey.containsKey(key);
    }

    /**
     * The corpus movie a dataset's "Title (Year)" string names (year optional). With a year, a
     * movie of that year (else ±1, else ±2) is required; without one, the most popular movie of
     * that title is returned.
     */
    public Optional<Integer> find(String titleWithOptionalYear) {
        Titles.TitleYear ty = Titles.parse(titleWithOptionalYear);
        for (String title : Titles.withAliases(ty.title())) {
            Optional<Integer> hit = find(title, ty.year());
            if (hit.isPresent()) return hit;
        }
        return Optional.empty();
    }

    /**
     * Like {@link #find(String)} with the title and year given apart (year 0 = unknown). Full titles
     * (main or alternative) come before short ones (the part before a subtitle), and a closer year
     * before a farther one.
     */
    public Optional<Integer> find(String title, int year) {
        return findKey(Titles.key(title), year, startsWithArticle(Titles.tokens(Titles.display(title))), true);
    }

    /** Number of movies sharing this title key (full titles, else short ones). */
    int sharing(String key) {
        int[] ids = byKey.get(key);
        if (ids == null) ids = byShortKey.get(key);
        return ids == null ? 0 : ids.length;
    }

    /** All movies with this title key, most popular first. */
    public List<Integer> candidates(String title) {
        int[] ids = byKey.get(Titles.key(title));
        if (ids == null) ids = byShortKey.get(Titles.key(title));
        return ids == null ? List.of() : Arrays.stream(ids).boxed().toList();
    }

    /**
     * The movie of a title key: with a year, the closest year within 2 (full titles before short keys);
     * without one, the most popular ({@link #choose}). {@code article}: the text wrote a leading article.
     */
    Optional<Integer> findKey(String key, int year, boolean article, boolean allowShort) {
        return findKey(key, year, article, allowShort, Set.of());
    }

    /**
     * Like {@link #findKey(String, int, boolean, boolean)}, where {@code context} holds the normalised words of the
     * rest of the conversation (people's full names, and surnames written with a capital): a movie whose director or lead actor the text names ("Crash, the Paul Haggis one",
     * "Scream by Wes Craven") is the one meant, whatever its audience.
     */
    Optional<Integer> findKey(String key, int year, boolean article, boolean allowShort, Set<String> context) {
        int[] full = byKey.get(key);
        int[] shortened = allowShort ? byShortKey.get(key) : null;
        if (full == null && shortened == null) return Optional.empty();
        if (year <= 0) return Optional.of(choose(key, full != null ? full : shortened, article, context));
        for (int delta = 0; delta <= 2; delta++) {
            for (int[] ids : new int[][] {full, shortened}) {
                if (ids == null) continue;
                for (int id : ids) {
                    if (Math.abs(corpus.get(id).year() - year) == delta) return Optional.of(id);
                }
            }
        }
        if (full != null) for (int id : full) if (corpus.get(id).year() == 0) return Optional.of(id);
        return Optional.empty();
    }

    /**
     * The film people mean among several same-key movies: the best known — six points per tenfold of its
     * audience ({@link Movie#votes()}), so "Heat" is the 1995 film rather than "The Heat" (2013) and an
     * original beats a remake fewer people saw; a movie no audience count covers is judged by the
     * catalogues that list it, as a small audience. Writing or omitting the article ("Arrival" is the
     * 2016 film, "The Arrival" the 1996 one) counts four points, being the movie's main title (not an
     * alternative one) two; a tie goes to the older film. A film whose people the conversation names
     * ({@code context}, see {@link #findKey(String, int, boolean, boolean, Set)}) comes first.
     */
    private int choose(String key, int[] ids, boolean article, Set<String> context) {
        int best = ids[0];
        double bestScore = Double.NEGATIVE_INFINITY;
        for (int id : ids) {
            Movie m = corpus.get(id);
            double votes = audience.votes(id);
            double fame = votes > 0 ? Math.log10(1 + votes) : popularity[id] / 4.0;
            double score = 6 * fame;
            if (ids.length > 1 && namesItsPeople(m, context)) score += 100;
            if (startsWithArticle(Titles.tokens(m.title())) == article) score += 4;
            if (mainTitles.contains(((long) key.hashCode() << 32) | id)) score += 2;
            if (score > bestScore || score == bestScore && m.year() > 0 && m.year() < corpus.get(best).year()) {
                best = id;
                bestScore = score;
            }
        }
        return best;
    }

    /** Whether {@code context} holds the name or the surname of the movie's director or of one of its three leads. */
    private static boolean namesItsPeople(Movie m, Set<String> context) {
        if (context.isEmpty()) return false;
        for (String person : people(m)) {
            List<String> name = Titles.tokens(person);
            if (name.size() >= 2 && (context.contains(String.join(" ", name)) || context.contains(name.get(name.size() - 1)))) return true;
        }
        return false;
    }

    /** The movie's director(s) and its three leads, as the corpus writes them. */
    static List<String> people(Movie m) {
        List<String> people = new ArrayList<>();
        for (String d : m.director().split(",")) if (!d.isBlank()) people.add(d.strip());
        people.addAll(m.cast().subList(0, Math.min(3, m.cast().size())));
        return people;
    }

    static boolean startsWithArticle(List<String> tokens) {
        return tokens.size() > 1 && ARTICLES.contains(tokens.get(0));
    }

    private static void addOnce(Map<String, List<Integer>> map, String key, int id) {
        List<Integer> ids = map.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (!ids.contains(id)) ids.add(id);
    }

    private void index(Map<String, List<Integer>> keys, Map<String, int[]> target) {
        for (Map.Entry<String, List<Integer>> e : keys.entrySet()) {
            int[] ids = e.getValue().stream().sorted((a, b) -> popularity[b] != popularity[a]
                    ? Integer.compare(popularity[b], popularity[a])
                    : corpus.get(b).year() != corpus.get(a).year() ? Integer.compare(corpus.get(b).year(), corpus.get(a).year())
                    : Integer.compare(a, b)).mapToInt(Integer::intValue).toArray();
            target.put(e.getKey(), ids);
            String[] toks = e.getKey().split(" ");
            StringBuilder p = new StringBuilder();
            for (int i = 0; i < Math.min(toks.length, MAX_TOKENS); i++) {
                if (i > 0) p.append(' ');
                p.append(toks[i]);
                prefixes.add(p.toString());
            }
        }
    }

}
