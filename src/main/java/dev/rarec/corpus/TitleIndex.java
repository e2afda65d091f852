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

/**
 * Finds corpus movies by title: {@link #find} links a "Title (Year)" string written by a dataset,
 * {@link #detect} finds the titles a person names in free text.
 *
 * <p>Both compare {@link Titles#key title keys}, so case, punctuation, accents, double spaces and a
 * leading or trailing "The" do not matter. When several movies share a key, the year decides
 * (exact, then ±1); without a year the most popular candidate wins. Popularity counts only
 * metadata catalogues (TMDB/IMDB 5000 weigh most, being lists of well-known films), never the
 * CRS datasets' own title lists, so that evaluating detection on a dataset does not favour the
 * movies of that dataset.
 *
 * <p>Free text is full of words that are also titles ("It", "Her", "Up", "Thank You"). Without a
 * year, {@link #detect} accepts a title only if the movie is well known and, when every word of it
 * is an ordinary chat word (or a number), only when the person capitalised it and it does not open
 * a sentence.
 */
public final class TitleIndex implements MentionDetector {
    private static final int MAX_TOKENS = 12;
    private static final Map<String, Integer> SOURCE_POPULARITY = Map.ofEntries(
            Map.entry("tmdb5000", 4), Map.entry("imdb5000", 4), Map.entry("wikipedia", 1), Map.entry("movielens", 1),
            Map.entry("ml-100k", 2), Map.entry("ml-1m", 2), Map.entry("amazon", 1), Map.entry("disney", 1), Map.entry("netflix", 1));
    /** Popularity a movie needs to be detected by title alone (no year in the text). */
    static final int MIN_POPULARITY_WITHOUT_YEAR = 3;

    private final Corpus corpus;
    private final Map<String, int[]> byKey = new HashMap<>();
    private final Set<String> prefixes = new HashSet<>();
    private final int[] popularity;
    private final Set<String> commonWords;

    private TitleIndex(Corpus corpus, Set<String> commonWords) {
        this.corpus = corpus;
        this.commonWords = commonWords;
        this.popularity = new int[corpus.size()];
        Map<String, List<Integer>> keys = new HashMap<>();
        for (Movie m : corpus.movies()) {
            popularity[m.id()] = popularity(m);
            String key = Titles.key(m.title());
            if (key.isEmpty()) continue;
            keys.computeIfAbsent(key, k -> new ArrayList<>(1)).add(m.id());
        }
        for (Map.Entry<String, List<Integer>> e : keys.entrySet()) {
            int[] ids = e.getValue().stream().sorted((a, b) -> popularity[b] != popularity[a]
                    ? Integer.compare(popularity[b], popularity[a]) : Integer.compare(a, b)).mapToInt(Integer::intValue).toArray();
            byKey.put(e.getKey(), ids);
            String[] toks = e.getKey().split(" ");
            StringBuilder p = new StringBuilder();
            for (int i = 0; i < Math.min(toks.length, MAX_TOKENS); i++) {
                if (i > 0) p.append(' ');
                p.append(toks[i]);
                prefixes.add(p.toString());
            }
        }
    }

    public static TitleIndex of(Corpus corpus) {
        return new TitleIndex(corpus, loadCommonWords());
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
            Optional<Integer> hit = find(Titles.key(title), ty.year());
            if (hit.isPresent()) return hit;
        }
        return Optional.empty();
    }

    /** Like {@link #find(String)} with the title and year given apart (year 0 = unknown). */
    public Optional<Integer> find(String title, int year) {
        int[] ids = byKey.get(Titles.key(title));
        if (ids == null) return Optional.empty();
        if (year <= 0) return Optional.of(ids[0]);
        for (int delta = 0; delta <= 2; delta++) {
            for (int id : ids) {
                if (Math.abs(corpus.get(id).year() - year) == delta) return Optional.of(id);
            }
        }
        for (int id : ids) if (corpus.get(id).year() == 0) return Optional.of(id);
        return Optional.empty();
    }

    /** All movies with this title key, most popular first. */
    public List<Integer> candidates(String title) {
        int[] ids = byKey.get(Titles.key(title));
        return ids == null ? List.of() : Arrays.stream(ids).boxed().toList();
    }

    @Override
    public List<Integer> detect(String text) {
        List<Token> tokens = tokenize(text == null ? "" : text);
        Set<Integer> found = new LinkedHashSet<>();
        int i = 0;
        while (i < tokens.size()) {
            int consumed = 0;
            int best = -1;
            StringBuilder phrase = new StringBuilder();
            List<int[]> matches = new ArrayList<>();
            for (int j = i; j < tokens.size() && j - i < MAX_TOKENS; j++) {
                if (j > i) phrase.append(' ');
                phrase.append(tokens.get(j).norm);
                String p = phrase.toString();
                if (!prefixes.contains(p)) break;
                if (byKey.containsKey(p)) matches.add(new int[] {j});
            }
            for (int m = matches.size() - 1; m >= 0 && best < 0; m--) {
                int end = matches.get(m)[0];
                String key = joinNorm(tokens, i, end);
                int[] ids = byKey.get(key);
                int year = yearAfter(tokens, end);
                if (year > 0) {
                    Optional<Integer> withYear = find(key, year);
                    if (withYear.isPresent()) {
                        best = withYear.get();
                        consumed = end - i + 2;
                        break;
                    }
                }
                if (acceptWithoutYear(tokens, i, end, ids[0])) {
                    best = ids[0];
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

    private boolean acceptWithoutYear(List<Token> tokens, int start, int end, int id) {
        if (popularity[id] < MIN_POPULARITY_WITHOUT_YEAR) return false;
        boolean ordinary = true;
        for (int k = start; k <= end && ordinary; k++) {
            String t = tokens.get(k).norm;
            ordinary = commonWords.contains(t) || t.chars().allMatch(Character::isDigit) || t.length() <= 2;
        }
        if (!ordinary) return true;
        Token first = tokens.get(start);
        if (!first.capitalised || first.sentenceStart) return false;
        for (int k = start + 1; k <= end; k++) {
            Token t = tokens.get(k);
            if (!t.capitalised && t.norm.length() > 3) return false;
        }
        return true;
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

    /** A word of the text: normalised as in {@link Titles#tokens}, plus how the person wrote it. */
    private record Token(String norm, boolean capitalised, boolean sentenceStart) {}

    private static List<Token> tokenize(String text) {
        String s = Normalizer.normalize(Titles.collapse(text), Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
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
                    out.add(new Token(tok.toString(), cap, sentenceStart));
                    tok.setLength(0);
                    nextStartsSentence = false;
                }
                if (c == '.' || c == '!' || c == '?' || c == '\n') nextStartsSentence = true;
                if (c == '&') out.add(new Token("and", false, false));
            }
        }
        return out;
    }

    private static Set<String> loadCommonWords() {
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
