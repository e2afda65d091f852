package dev.rarec.generator;

import dev.rarec.corpus.Movie;
import dev.rarec.corpus.Titles;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the generator's ranked lines into ranked candidate ids (section 4, appendix A.2): each line is
 * fuzzy-matched to the candidate titles and a line whose best similarity is below the paper's 0.85 is a
 * hallucination. Similarity is the ratio of Python's {@code thefuzz.fuzz.ratio} (2·LCS / total length,
 * the indel similarity) on titles normalised by {@link Titles}, compared with the year when both sides have one.
 *
 * <p>A candidate is also known by its title without the parenthetical or subtitle it carries in the corpus
 * ("Star Wars: The Force Awakens" for "Star Wars: The Force Awakens (Episode VII)", "Alien" for "Alien:
 * Covenant"), slightly behind its full title so that "Alien" still prefers the film called just that.
 *
 * <p>A line that matches a candidate already placed is a duplicate and ignored. Candidates the generator
 * did not place are appended in the retriever's order, so the ranking always holds every candidate once.
 */
public final class TitleMatcher {
    public static final double DEFAULT_THRESHOLD = 0.85;

    /** How far a match on a shortened form of a candidate's title stays behind a match on the full title. */
    private static final double SHORT_FORM_PENALTY = 0.01;
    private static final Pattern SUBTITLE = Pattern.compile("^(.+?):\\s+(.+?)\\s+[-–—]\\s+(.+)$");
    private static final Pattern SEPARATOR = Pattern.compile("\\s+[-–—]\\s+|\\s*[–—]\\s*|:\\s|,\\s|\\s\\(|;\\s");

    private final double threshold;

    public TitleMatcher(double threshold) {
        if (!(threshold > 0 && threshold <= 1)) throw new IllegalArgumentException("threshold must be in (0, 1], got " + threshold);
        this.threshold = threshold;
    }

    public TitleMatcher() {
        this(DEFAULT_THRESHOLD);
    }

    public double threshold() {
        return threshold;
    }

    /** Parses {@code answer} with {@link RankedListParser} and matches it; see {@link #match(List, List)}. */
    public Ranking match(String answer, List<Movie> candidates) {
        return match(RankedListParser.parse(answer), candidates);
    }

    /**
     * Ranked candidate ids for the parsed lines: matched lines first in the generator's order, then the
     * unplaced candidates in the retriever's order. {@code lines} is the number of parsed lines and
     * {@code hallucinations} those that matched no candidate.
     */
    public Ranking match(List<RankedListParser.Entry> entries, List<Movie> candidates) {
        List<List<Key>> keys = new ArrayList<>(candidates.size());
        for (Movie m : candidates) keys.add(forms(m));
        boolean[] placed = new boolean[candidates.size()];
        List<Integer> items = new ArrayList<>(candidates.size());
        int hallucinations = 0;
        for (RankedListParser.Entry entry : entries) {
            List<Key> variants = variants(entry);
            int best = -1;
            double bestScore = -1;
            int bestLength = -1;
            for (int c = 0; c < keys.size(); c++) {
                double score = -1;
                int length = -1;
                List<Key> forms = keys.get(c);
                for (Key v : variants) {
                    for (int f = 0; f < forms.size(); f++) {
                        double s = forms.get(f).similarity(v) - (f == 0 ? 0 : SHORT_FORM_PENALTY);
                        if (s > score || (s == score && v.title.length() > length)) {
                            score = s;
                            length = v.title.length();
                        }
                    }
                }
                // Ties go to the longer matched variant ("It: Chapter Two" over "It"), then to an
                // unplaced candidate (two films of the same name), then to the retriever's order.
                boolean better = score > bestScore
                        || (score == bestScore && length > bestLength)
                        || (score == bestScore && length == bestLength && best >= 0 && placed[best] && !placed[c]);
                if (better) {
                    best = c;
                    bestScore = score;
                    bestLength = length;
                }
            }
            if (best < 0 || bestScore < threshold) {
                hallucinations++;
            } else if (!placed[best]) {
                placed[best] = true;
                items.add(candidates.get(best).id());
            }
        }
        for (int c = 0; c < candidates.size(); c++) {
            if (!placed[c]) items.add(candidates.get(c).id());
        }
        return new Ranking(items, entries.size(), hallucinations, List.of());
    }

    /**
     * A candidate's title as written first, then without its trailing parentheticals (and each of them
     * as an alias), without the middle of "Main: Sub - Part" ("Main: Part"), and without its subtitle.
     */
    private static List<Key> forms(Movie movie) {
        Set<String> texts = new LinkedHashSet<>();
        texts.add(movie.title());
        List<String> aliases = Titles.withAliases(movie.title());
        texts.addAll(aliases);
        String main = aliases.get(0);
        Matcher subtitle = SUBTITLE.matcher(main);
        if (subtitle.matches()) texts.add(subtitle.group(1) + ": " + subtitle.group(3));
        int cut = main.indexOf(": ");
        if (cut > 0) texts.add(main.substring(0, cut));
        List<Key> keys = new ArrayList<>(texts.size());
        for (String t : texts) {
            Key k = Key.of(t, movie.year());
            if (!k.title.isEmpty()) keys.add(k);
        }
        return keys;
    }

    /** The parser's title guess, the whole line, and the line cut at each separator a title may end at. */
    private static List<Key> variants(RankedListParser.Entry entry) {
        Set<String> texts = new LinkedHashSet<>();
        texts.add(entry.title());
        texts.add(entry.line());
        Matcher sep = SEPARATOR.matcher(entry.line());
        while (sep.find()) {
            if (sep.start() > 0) texts.add(entry.line().substring(0, sep.start()));
        }
        // A year right after a cut ("Heat (1995): a heist ...") belongs to the title, so keep it too.
        Optional<Titles.YearSpan> year = Titles.findYear(entry.line()).filter(y -> y.start() > 0);
        year.ifPresent(y -> texts.add(entry.line().substring(0, y.end())));
        int lineYear = year.map(Titles.YearSpan::year).orElse(0);
        List<Key> keys = new ArrayList<>(texts.size());
        for (String t : texts) {
            Key k = Key.parse(t);
            // The line's year holds for every cut of it, so "The Lion King (2019)" cut before the
            // year still prefers the 2019 film.
            if (k.year == 0 && lineYear > 0) k = new Key(k.title, k.bare, lineYear);
            if (!k.title.isEmpty()) keys.add(k);
        }
        return keys;
    }

    /**
     * The similarity of two titles in [0, 1]: {@code thefuzz.fuzz.ratio / 100} of their normalised forms,
     * with a year written in either string used only when both have one.
     */
    public static double similarity(String a, String b) {
        return Key.parse(a).similarity(Key.parse(b));
    }

    /** Indel similarity 2·LCS(a, b) / (|a| + |b|), what thefuzz's {@code fuzz.ratio} computes. */
    static double ratio(String a, String b) {
        if (a.isEmpty() && b.isEmpty()) return 1;
        if (a.isEmpty() || b.isEmpty()) return 0;
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int i = 1; i <= a.length(); i++) {
            char ca = a.charAt(i - 1);
            for (int j = 1; j <= b.length(); j++) {
                cur[j] = ca == b.charAt(j - 1) ? prev[j - 1] + 1 : Math.max(prev[j], cur[j - 1]);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return 2.0 * prev[b.length()] / (a.length() + b.length());
    }

    /** A normalised title without its year, and the year (0 when none was written). */
    private record Key(String title, String bare, int year) {
        static Key of(String title, int year) {
            return new Key(Titles.normalise(title), Titles.key(title), year);
        }

        static Key parse(String text) {
            String title = text.strip();
            Optional<Titles.YearSpan> span = Titles.findYear(title);
            if (span.isEmpty()) return of(title, 0);
            String without = (title.substring(0, span.get().start()) + " " + title.substring(span.get().end())).strip();
            // A title that is only a year ("1917", "2012") keeps it as its title.
            return Titles.normalise(without).isEmpty() ? of(title, 0) : of(without, span.get().year());
        }

        double similarity(Key other) {
            double s = Math.max(ratio(title, other.title), ratio(bare, other.bare));
            if (year > 0 && other.year > 0) {
                s = Math.max(ratio(title + " " + year, other.title + " " + other.year),
                        ratio(bare + " " + year, other.bare + " " + other.year));
            }
            return s;
        }
    }
}
