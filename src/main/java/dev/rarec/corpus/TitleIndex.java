package dev.rarec.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds corpus movies by title: {@link #find} links a "Title (Year)" string written by a dataset,
 * {@link #detect} finds the titles a person names in free text.
 *
 * <p>Both compare {@link Titles#key title keys}, so case, punctuation, accents, double spaces, number
 * words and a leading or trailing "The" do not matter; every title a source gave a movie counts
 * ({@link Corpus#alternativeTitles}). When several movies share a key, the year decides (exact,
 * then ±1, ±2); without a year the most popular candidate wins. Popularity counts only metadata
 * catalogues (TMDB/IMDB 5000 weigh most, being lists of well-known films), never the CRS datasets'
 * own title lists, so that evaluating detection on a dataset does not favour that dataset's movies.
 *
 * <p>Free text is full of words that are also titles ("It", "Her", "Up", "Holiday", "Tom Cruise").
 * Without a year, {@link #detect} accepts a title only if the movie is reasonably well known, the
 * words are not part of a person's name from the corpus cast and director lists, and either the
 * person capitalised it deliberately (not a sentence start, not a message in capitals) or it holds
 * a word that is not ordinary English (ordinary = frequent in ReDial chat, or seen in lower case in
 * the corpus plots). Titles made only of ordinary words need at least three of them in lower case.
 */
public final class TitleIndex implements MentionDetector {
    private static final int MAX_TOKENS = 12;
    private static final Map<String, Integer> SOURCE_POPULARITY = Map.ofEntries(
            Map.entry("tmdb5000", 4), Map.entry("imdb5000", 4), Map.entry("wikipedia", 1), Map.entry("movielens", 1),
            Map.entry("ml-100k", 2), Map.entry("ml-1m", 2), Map.entry("ml-latest-small", 2), Map.entry("amazon", 1), Map.entry("disney", 1), Map.entry("netflix", 1));
    /** Popularity a movie needs to be detected by title alone (no year in the text). */
    static final int MIN_POPULARITY_WITHOUT_YEAR = 3;
    /** Popularity a two-word title of ordinary words typed in lower case needs ("pulp fiction", not "like blood"). */
    static final int MIN_POPULARITY_LOWER_CASE_PHRASE = 8;
    /** Popularity a one-word title that is an everyday chat word ("It", "Up") needs even when capitalised. */
    static final int MIN_POPULARITY_CHAT_WORD = 4;
    /** Lower-case occurrences in the corpus plots that make a word ordinary English. */
    static final int ENGLISH_WORD_MIN_COUNT = 5;
    private static final Set<String> ARTICLES = Set.of("the", "a", "an");
    private static final Set<String> CONNECTORS = Set.of("of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "by", "with", "from", "or");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final Corpus corpus;
    private final Map<String, int[]> byKey = new HashMap<>();
    private final Map<String, int[]> byShortKey = new HashMap<>();
    private final Set<String> prefixes = new HashSet<>();
    private final Set<String> personNames = new HashSet<>();
    private final Set<String> personPrefixes = new HashSet<>();
    private final Set<Long> mainTitles = new HashSet<>();
    private final int[] popularity;
    private final Set<String> chatWords;
    private final Set<String> englishWords;

    private TitleIndex(Corpus corpus, Set<String> chatWords) {
        this.corpus = corpus;
        this.chatWords = chatWords;
        this.popularity = new int[corpus.size()];
        Map<String, List<Integer>> keys = new HashMap<>();
        Map<String, List<Integer>> shortKeys = new HashMap<>();
        Map<String, Integer> lowerCase = new HashMap<>();
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
            for (String name : m.cast()) addPerson(name);
            for (String name : m.director().split(",")) addPerson(name);
            countLowerCaseWords(m.plot(), lowerCase);
        }
        this.englishWords = new HashSet<>();
        lowerCase.forEach((w, n) -> {
            if (n >= ENGLISH_WORD_MIN_COUNT) englishWords.add(w);
        });
        index(keys, byKey);
        index(shortKeys, byShortKey);
    }

    public static TitleIndex of(Corpus corpus) {
        return new TitleIndex(corpus, loadChatWords());
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

    /** All movies with this title key, most popular first. */
    public List<Integer> candidates(String title) {
        int[] ids = byKey.get(Titles.key(title));
        if (ids == null) ids = byShortKey.get(Titles.key(title));
        return ids == null ? List.of() : Arrays.stream(ids).boxed().toList();
    }

    private Optional<Integer> findKey(String key, int year, boolean article, boolean allowShort) {
        int[] full = byKey.get(key);
        int[] shortened = allowShort ? byShortKey.get(key) : null;
        if (full == null && shortened == null) return Optional.empty();
        if (year <= 0) return Optional.of(choose(key, full != null ? full : shortened, article));
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
     * The most popular of several same-key movies; writing or omitting the article ("Arrival" is
     * the 2016 film, "The Arrival" the 1996 one) counts two points, being the movie's main title
     * (not an alternative one) one point.
     */
    private int choose(String key, int[] ids, boolean article) {
        int best = ids[0];
        int bestScore = Integer.MIN_VALUE;
        for (int id : ids) {
            int score = 2 * popularity[id];
            if (startsWithArticle(Titles.tokens(corpus.get(id).title())) == article) score += 4;
            if (mainTitles.contains(((long) key.hashCode() << 32) | id)) score += 2;
            if (score > bestScore) {
                best = id;
                bestScore = score;
            }
        }
        return best;
    }

    private static boolean startsWithArticle(List<String> tokens) {
        return tokens.size() > 1 && ARTICLES.contains(tokens.get(0));
    }

    @Override
    public List<Integer> detect(String text) {
        String t = text == null ? "" : text;
        List<Token> tokens = tokenize(t, shouting(t));
        boolean[] inPerson = personSpans(tokens);
        Set<Integer> found = new LinkedHashSet<>();
        int i = 0;
        while (i < tokens.size()) {
            int consumed = 0;
            int best = -1;
            StringBuilder phrase = new StringBuilder();
            List<Integer> ends = new ArrayList<>();
            for (int j = i; j < tokens.size() && j - i < MAX_TOKENS; j++) {
                if (j > i) phrase.append(' ');
                phrase.append(tokens.get(j).norm);
                String p = phrase.toString();
                if (!prefixes.contains(p)) break;
                if (byKey.containsKey(p) || byShortKey.containsKey(p)) ends.add(j);
            }
            boolean article = i > 0 && ARTICLES.contains(tokens.get(i - 1).norm);
            for (int m = ends.size() - 1; m >= 0 && best < 0; m--) {
                int end = ends.get(m);
                String key = joinNorm(tokens, i, end);
                int year = yearAfter(tokens, end);
                if (year > 0) {
                    Optional<Integer> withYear = findKey(key, year, article, true);
                    if (withYear.isPresent()) {
                        best = withYear.get();
                        consumed = end - i + 2;
                        break;
                    }
                }
                Optional<Integer> id = findKey(key, 0, article, false);
                if (id.isPresent() && acceptWithoutYear(tokens, i, end, id.get(), inPerson)) {
                    best = id.get();
                    consumed = end - i + 1;
                }
            }
            if (best >= 0) {
                found.add(best);
                i += consumed;
            } else {
                i++;
            }
        }
        return List.copyOf(found);
    }

    /** Whether a title the text names without a year is meant as a title (see the class comment). */
    private boolean acceptWithoutYear(List<Token> tokens, int start, int end, int id, boolean[] inPerson) {
        if (popularity[id] < MIN_POPULARITY_WITHOUT_YEAR) return false;
        boolean allInPerson = true;
        int content = 0;
        int ordinary = 0;
        int chat = 0;
        boolean capitalised = true;
        for (int k = start; k <= end; k++) {
            Token t = tokens.get(k);
            if (!inPerson[k]) allInPerson = false;
            if (CONNECTORS.contains(t.norm) && k > start) continue;
            content++;
            if (isOrdinary(t.norm)) ordinary++;
            if (isChat(t.norm)) chat++;
            if (!t.capitalised || (t.norm.equals("i") && k == start)) capitalised = false;
        }
        if (allInPerson) return false;
        boolean deliberate = capitalised && (content > 1 || !tokens.get(start).sentenceStart);
        if (content == 1) {
            String w = tokens.get(start).norm;
            if (w.length() < 2 || chat == 1 && !deliberate) return false;
            if (deliberate) return chat == 0 || popularity[id] >= MIN_POPULARITY_CHAT_WORD;
            return ordinary == 0 && w.length() >= 4;
        }
        if (deliberate || ordinary < content) return true;
        return chat < content && (content >= 3 || popularity[id] >= MIN_POPULARITY_LOWER_CASE_PHRASE);
    }

    private boolean isOrdinary(String norm) {
        return isChat(norm) || englishWords.contains(norm);
    }

    private boolean isChat(String norm) {
        return chatWords.contains(norm) || norm.length() <= 2 || norm.chars().allMatch(Character::isDigit);
    }

    /** Tokens that belong to a person's name (2-4 words) from the corpus cast and director lists. */
    private boolean[] personSpans(List<Token> tokens) {
        boolean[] in = new boolean[tokens.size()];
        for (int i = 0; i < tokens.size(); i++) {
            StringBuilder p = new StringBuilder();
            int longest = -1;
            for (int j = i; j < tokens.size() && j - i < 4; j++) {
                if (j > i) p.append(' ');
                p.append(tokens.get(j).norm);
                String s = p.toString();
                if (!personPrefixes.contains(s)) break;
                if (j > i && personNames.contains(s)) longest = j;
            }
            for (int k = i; k <= longest; k++) in[k] = true;
        }
        return in;
    }

    private void addPerson(String name) {
        List<String> toks = Titles.tokens(name);
        if (toks.size() < 2 || toks.size() > 4) return;
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < toks.size(); i++) {
            if (i > 0) p.append(' ');
            p.append(toks.get(i));
            personPrefixes.add(p.toString());
        }
        personNames.add(p.toString());
    }

    private static void countLowerCaseWords(String plot, Map<String, Integer> counts) {
        if (plot.isEmpty()) return;
        int n = plot.length();
        int i = 0;
        while (i < n) {
            char c = plot.charAt(i);
            if (Character.isLowerCase(c)) {
                int j = i;
                while (j < n && Character.isLetter(plot.charAt(j))) j++;
                boolean wordStart = i == 0 || !Character.isLetterOrDigit(plot.charAt(i - 1));
                if (wordStart && j - i >= 3) counts.merge(plot.substring(i, j).toLowerCase(), 1, Integer::sum);
                i = j + 1;
            } else {
                i++;
            }
        }
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

    private static String joinNorm(List<Token> tokens, int start, int end) {
        StringBuilder sb = new StringBuilder();
        for (int k = start; k <= end; k++) {
            if (k > start) sb.append(' ');
            sb.append(tokens.get(k).norm);
        }
        return sb.toString();
    }

    private static int yearAfter(List<Token> tokens, int end) {
        if (end + 1 >= tokens.size()) return 0;
        String t = tokens.get(end + 1).norm;
        if (t.length() == 4 && t.chars().allMatch(Character::isDigit)) {
            int y = Integer.parseInt(t);
            if (y >= 1870 && y <= 2035) return y;
        }
        return 0;
    }

    /** A message typed mostly in capitals says nothing through its capitals. */
    private static boolean shouting(String text) {
        int letters = 0;
        int upper = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isLetter(c)) {
                letters++;
                if (Character.isUpperCase(c)) upper++;
            }
        }
        return letters >= 8 && upper > 0.6 * letters;
    }

    /** A word of the text: normalised as in {@link Titles#tokens}, plus how the person wrote it. */
    private record Token(String norm, boolean capitalised, boolean sentenceStart) {}

    private static List<Token> tokenize(String text, boolean shouting) {
        String s = MARKS.matcher(Normalizer.normalize(Titles.collapse(text), Normalizer.Form.NFD)).replaceAll("");
        List<Token> out = new ArrayList<>();
        StringBuilder tok = new StringBuilder();
        boolean cap = false;
        boolean sentenceStart = true;
        boolean nextStartsSentence = true;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : ' ';
            if (Character.isLetterOrDigit(c)) {
                if (tok.length() == 0) {
                    cap = Character.isUpperCase(c) || Character.isDigit(c);
                    sentenceStart = nextStartsSentence;
                }
                tok.append(Character.toLowerCase(c));
            } else if (c == '\'' || c == '\u2019' || c == '`') {
                continue;
            } else {
                if (tok.length() > 0) {
                    String norm = tok.toString();
                    boolean shouted = shouting || (tok.length() >= 2 && allUpper(s, i - tok.length(), i));
                    out.add(new Token(Titles.NUMBERS.getOrDefault(norm, norm), cap && !shouted, sentenceStart));
                    tok.setLength(0);
                    nextStartsSentence = false;
                }
                if (c == '.' || c == '!' || c == '?' || c == '\n') nextStartsSentence = true;
                if (c == '&') out.add(new Token("and", false, false));
            }
        }
        return out;
    }

    private static boolean allUpper(String s, int from, int to) {
        for (int k = Math.max(0, from); k < to; k++) {
            char c = s.charAt(k);
            if (Character.isLetter(c) && !Character.isUpperCase(c)) return false;
        }
        return true;
    }

    private static Set<String> loadChatWords() {
        Set<String> words = new HashSet<>();
        try (InputStream in = TitleIndex.class.getResourceAsStream("common-words.txt")) {
            if (in == null) throw new IllegalStateException("resource dev/rarec/corpus/common-words.txt is missing from the build");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = r.readLine()) != null) {
                if (!line.isBlank() && !line.startsWith("#")) words.add(line.strip());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return words;
    }
}
