package dev.rarec.corpus;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Finds the titles a person names in free text, looking each phrase up in a {@link TitleIndex}: the longest
 * phrase that is a title wins, and a year right after it ("Heat (1995)") picks the movie.
 *
 * <p>Free text is full of words that are also titles ("It", "Her", "Up", "Holiday", "Tom Cruise").
 * Without a year, a title counts only if the movie is reasonably well known, the words are not part of a
 * person's name from the corpus cast and director lists, and either the person capitalised it deliberately
 * (not a sentence start, not a message in capitals) or it holds a word that is not ordinary English
 * (ordinary = frequent in ReDial chat, or seen in lower case in the corpus plots). Titles made only of
 * ordinary words need at least three of them in lower case.
 */
public final class TitleMentionDetector implements MentionDetector {
    /** Popularity a movie needs to be detected by title alone (no year in the text). */
    static final int MIN_POPULARITY_WITHOUT_YEAR = 3;
    /** Popularity a two-word title of ordinary words typed in lower case needs ("pulp fiction", not "like blood"). */
    static final int MIN_POPULARITY_LOWER_CASE_PHRASE = 8;
    /** Popularity a one-word title that is an everyday chat word ("It", "Up") needs even when capitalised. */
    static final int MIN_POPULARITY_CHAT_WORD = 4;
    /** Lower-case occurrences in the corpus plots that make a word ordinary English. */
    static final int ENGLISH_WORD_MIN_COUNT = 5;
    private static final Set<String> CONNECTORS = Set.of("of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "by", "with", "from", "or");
    private static final Set<String> YEAR_WORDS = Set.of("after", "before", "since", "in", "from", "until", "till", "than", "around",
            "of", "circa", "pre", "post", "to", "between", "and", "or", "year");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");

    private final TitleIndex titles;
    private final Set<String> personNames = new HashSet<>();
    private final Set<String> personPrefixes = new HashSet<>();
    private final Set<String> chatWords;
    private final Set<String> englishWords = new HashSet<>();

    private TitleMentionDetector(TitleIndex titles, Set<String> chatWords) {
        this.titles = titles;
        this.chatWords = chatWords;
        Map<String, Integer> lowerCase = new HashMap<>();
        for (Movie m : titles.corpus().movies()) {
            for (String name : m.cast()) addPerson(name);
            for (String name : m.director().split(",")) addPerson(name);
            countLowerCaseWords(m.plot(), lowerCase);
        }
        lowerCase.forEach((w, n) -> {
            if (n >= ENGLISH_WORD_MIN_COUNT) englishWords.add(w);
        });
    }

    /** A detector over the titles of {@code titles}' corpus, with ReDial's everyday chat words. */
    public static TitleMentionDetector of(TitleIndex titles) {
        return new TitleMentionDetector(titles, loadChatWords());
    }

    public TitleIndex titles() {
        return titles;
    }

    @Override
    public List<Integer> detect(String text) {
        List<Integer> ids = new ArrayList<>();
        for (Mention m : mentions(text)) ids.add(m.item());
        return ids;
    }

    @Override
    public List<Mention> mentions(String text) {
        String t = decodeKeepingOffsets(text == null ? "" : text);
        List<Token> tokens = tokenize(t, shouting(t));
        boolean[] inPerson = personSpans(tokens);
        Map<Integer, Mention> found = new LinkedHashMap<>();
        int i = 0;
        while (i < tokens.size()) {
            int consumed = 0;
            int best = -1;
            StringBuilder phrase = new StringBuilder();
            List<Integer> ends = new ArrayList<>();
            for (int j = i; j < tokens.size() && j - i < TitleIndex.MAX_TOKENS; j++) {
                if (j > i) phrase.append(' ');
                phrase.append(tokens.get(j).norm);
                String p = phrase.toString();
                if (!titles.isPrefix(p)) break;
                if (titles.hasKey(p)) ends.add(j);
            }
            boolean article = i > 0 && TitleIndex.ARTICLES.contains(tokens.get(i - 1).norm);
            for (int m = ends.size() - 1; m >= 0 && best < 0; m--) {
                int end = ends.get(m);
                String key = joinNorm(tokens, i, end);
                int year = yearAfter(tokens, end);
                if (year > 0) {
                    Optional<Integer> withYear = titles.findKey(key, year, article, true);
                    if (withYear.isPresent()) {
                        best = withYear.get();
                        consumed = end - i + 2;
                        break;
                    }
                }
                Optional<Integer> id = titles.findKey(key, 0, article, false);
                if (id.isPresent() && acceptWithoutYear(tokens, i, end, id.get(), inPerson)) {
                    best = id.get();
                    consumed = end - i + 1;
                }
            }
            if (best >= 0) {
                found.putIfAbsent(best, new Mention(best, tokens.get(i).start, tokens.get(i + consumed - 1).end));
                i += consumed;
            } else {
                i++;
            }
        }
        return List.copyOf(found.values());
    }

    /** Whether a title the text names without a year is meant as a title (see the class comment). */
    private boolean acceptWithoutYear(List<Token> tokens, int start, int end, int id, boolean[] inPerson) {
        if (titles.popularity(id) < MIN_POPULARITY_WITHOUT_YEAR) return false;
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
            // "after 2010", "in 1917": a number after such a word is a year, not the film of that name.
            if (w.chars().allMatch(Character::isDigit) && start > 0 && YEAR_WORDS.contains(tokens.get(start - 1).norm)) return false;
            if (w.length() < 2 || chat == 1 && !deliberate) return false;
            if (deliberate) return chat == 0 || titles.popularity(id) >= MIN_POPULARITY_CHAT_WORD;
            return ordinary == 0 && w.length() >= 4;
        }
        if (deliberate || ordinary < content) return true;
        return chat < content && (content >= 3 || titles.popularity(id) >= MIN_POPULARITY_LOWER_CASE_PHRASE);
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

    /**
     * A word of the text: normalised as in {@link Titles#tokens}, how the person wrote it, and where it
     * stands in the text ([start, end) character offsets).
     */
    private record Token(String norm, boolean capitalised, boolean sentenceStart, int start, int end) {}

    private static List<Token> tokenize(String text, boolean shouting) {
        List<Token> out = new ArrayList<>();
        StringBuilder tok = new StringBuilder();
        boolean cap = false;
        boolean upper = true;
        boolean sentenceStart = true;
        boolean nextStartsSentence = true;
        int start = 0;
        int n = text.length();
        for (int i = 0; i <= n; i++) {
            char raw = i < n ? text.charAt(i) : ' ';
            // Accents go (as in Titles.tokens), one character at a time so that offsets stay the text's own.
            String folded = raw > 127 && Character.isLetter(raw)
                    ? MARKS.matcher(Normalizer.normalize(String.valueOf(raw), Normalizer.Form.NFD)).replaceAll("") : null;
            char c = folded != null && folded.length() == 1 ? folded.charAt(0) : raw;
            if (Character.isLetterOrDigit(c)) {
                if (tok.length() == 0) {
                    cap = Character.isUpperCase(c) || Character.isDigit(c);
                    upper = true;
                    sentenceStart = nextStartsSentence;
                    start = i;
                }
                if (Character.isLetter(c) && !Character.isUpperCase(c)) upper = false;
                tok.append(Character.toLowerCase(c));
            } else if (c == '\'' || c == '\u2019' || c == '`') {
                continue;
            } else {
                if (tok.length() > 0) {
                    String norm = tok.toString();
                    boolean shouted = shouting || (tok.length() >= 2 && upper);
                    out.add(new Token(Titles.NUMBERS.getOrDefault(norm, norm), cap && !shouted, sentenceStart, start, i));
                    tok.setLength(0);
                    nextStartsSentence = false;
                }
                if (c == '.' || c == '!' || c == '?' || c == '\n') nextStartsSentence = true;
                if (c == '&') out.add(new Token("and", false, false, i, i + 1));
            }
        }
        return out;
    }

    /**
     * HTML and URL escapes that datasets leave in text ("&amp;", "%27") decoded as {@link Titles#collapse}
     * does, padded to their own length so that offsets into the text stay right: the padding is
     * spaces, or apostrophes where an apostrophe was meant (apostrophes join words).
     */
    private static String decodeKeepingOffsets(String text) {
        if (text.indexOf('&') < 0 && text.indexOf('%') < 0) return text;
        String[][] escapes = {{"&quot;", "\""}, {"&amp;", "&"}, {"&#39;", "'"}, {"&apos;", "'"}, {"%22", "\""}, {"%27", "'"},
                {"%3F", "?"}, {"%26", "&"}, {"%2C", ","}, {"%3A", ":"}, {"%21", "!"}};
        String s = text;
        for (String[] e : escapes) {
            String pad = (e[1].equals("'") ? "'" : " ").repeat(e[0].length() - 1);
            s = s.replace(e[0], e[1] + pad);
        }
        return s;
    }

    /** The everyday chat words of ReDial (resource {@code common-words.txt}), which other readers of chat share. */
    public static Set<String> loadChatWords() {
        Set<String> words = new HashSet<>();
        try (InputStream in = TitleMentionDetector.class.getResourceAsStream("common-words.txt")) {
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
