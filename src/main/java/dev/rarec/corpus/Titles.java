package dev.rarec.corpus;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How movie titles are written and compared. Every source spells titles its own way
 * ("Shawshank Redemption, The (1994)", "Police Academy  (1984)", "Se7en", "The Matrix"), so
 * de-duplication, linking, mention detection and the generator's title matching all go through the one
 * normaliser ({@link #normalise}, {@link #key}) and the one year parser ({@link #findYear}, {@link #parse})
 * defined here.
 */
public final class Titles {
    /** A year in brackets, "(1995)", "[1995]", or the start of a range, "(1999-2003)". */
    private static final Pattern YEAR = Pattern.compile("[(\\[]\\s*(\\d{4})(?:\\s*[-\u2013]\\s*(?:\\d{4})?)?\\s*[)\\]]");
    private static final int FIRST_YEAR = 1870;
    private static final int LAST_YEAR = 2035;
    private static final Pattern TRAILING_ARTICLE = Pattern.compile(
            "^(.*), (The|A|An|Les|La|Le|L'|Il|El|Die|Der|Das|Los|Las|Un|Une|Uno|Una|Lo|Gli|I|O|Os|As|Det|Den|De|Het|Ett|En)$",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Set<String> LEADING_ARTICLES = Set.of("the", "a", "an");

    private Titles() {}

    /** A title split from its year; year 0 when the text has none. */
    public record TitleYear(String title, int year) {}

    /** Where a bracketed year stands in a text: {@code text.substring(start, end)} is "(1995)". */
    public record YearSpan(int start, int end, int year) {}

    /** The first bracketed year (1870-2035) in {@code text}, anywhere: "Heat (1995): a heist film" → 1995. */
    public static Optional<YearSpan> findYear(String text) {
        Matcher m = YEAR.matcher(text);
        while (m.find()) {
            Optional<YearSpan> span = span(m);
            if (span.isPresent()) return span;
        }
        return Optional.empty();
    }

    private static Optional<YearSpan> span(Matcher m) {
        int year = Integer.parseInt(m.group(1));
        return year >= FIRST_YEAR && year <= LAST_YEAR ? Optional.of(new YearSpan(m.start(), m.end(), year)) : Optional.empty();
    }

    /** Splits "Title (Year)" (also "Title (1999-2003)"): the year must end the text; whitespace runs collapse to one space. */
    public static TitleYear parse(String text) {
        String s = collapse(text);
        Matcher m = YEAR.matcher(s);
        while (m.find()) {
            if (m.end() != s.length()) continue;
            Optional<YearSpan> span = span(m);
            if (span.isPresent()) return new TitleYear(s.substring(0, m.start()).strip(), span.get().year());
        }
        return new TitleYear(s, 0);
    }

    /** "Shawshank Redemption, The" → "The Shawshank Redemption"; other titles unchanged but trimmed. */
    public static String display(String title) {
        String s = collapse(title);
        if (!s.contains(", ")) return s;
        Matcher m = TRAILING_ARTICLE.matcher(s);
        if (m.matches()) {
            String article = m.group(2);
            return article.endsWith("'") ? article + m.group(1) : article + " " + m.group(1);
        }
        return s;
    }

    /**
     * A MovieLens title without its year, split into the main title and the alternative titles it
     * carries in parentheses: "City of Lost Children, The (Cité des enfants perdus, La)" →
     * ["The City of Lost Children", "La Cité des enfants perdus"]; "Seven (a.k.a. Se7en)" →
     * ["Seven", "Se7en"]. The first element is the main title.
     */
    public static List<String> withAliases(String title) {
        String s = collapse(title);
        List<String> out = new ArrayList<>();
        List<String> alts = new ArrayList<>();
        while (s.endsWith(")")) {
            int open = matchingOpen(s);
            if (open <= 0 || s.charAt(open - 1) != ' ') break;
            String alt = s.substring(open + 1, s.length() - 1).strip();
            s = s.substring(0, open).strip();
            if (alt.toLowerCase(Locale.ROOT).startsWith("a.k.a.")) alt = alt.substring(6).strip();
            if (!alt.isEmpty()) alts.add(0, alt);
        }
        if (s.isEmpty()) return List.of(display(title));
        out.add(display(s));
        for (String a : alts) out.add(display(a));
        return out;
    }

    private static int matchingOpen(String s) {
        int depth = 0;
        for (int i = s.length() - 1; i >= 0; i--) {
            char c = s.charAt(i);
            if (c == ')') depth++;
            else if (c == '(' && --depth == 0) return i;
        }
        return -1;
    }

    /**
     * The normal form of a title: accents dropped, lower case, "&" read as "and", apostrophes removed,
     * other punctuation as space, number words as digits, a trailing article moved to the front.
     * "Matrix, The" and "the  matrix!" are both "the matrix".
     */
    public static String normalise(String title) {
        return String.join(" ", tokens(display(title)));
    }

    /**
     * The comparison key of a title: its {@link #normalise normal form} without a leading English article.
     * "The Matrix", "Matrix, The" and "the  matrix" share one key.
     */
    public static String key(String title) {
        List<String> tokens = tokens(display(title));
        if (tokens.size() > 1 && LEADING_ARTICLES.contains(tokens.get(0))) tokens = tokens.subList(1, tokens.size());
        return String.join(" ", tokens);
    }

    /**
     * The key of the part before a subtitle ("Star Wars: Episode IV - A New Hope" → "star wars"),
     * or empty when the title has no subtitle. People often name a film by this short form.
     */
    public static String shortKey(String title) {
        String s = display(title);
        int cut = s.indexOf(": ");
        int dash = s.indexOf(" - ");
        if (cut < 0 || (dash > 0 && dash < cut)) cut = dash;
        if (cut <= 0) return "";
        String k = key(s.substring(0, cut));
        return k.equals(key(s)) ? "" : k;
    }

    /** The lower-case word tokens of a text, normalised as in {@link #key} (no article removal). */
    public static List<String> tokens(String text) {
        String s = text;
        if (!isAscii(s)) s = MARKS.matcher(Normalizer.normalize(text, Normalizer.Form.NFD)).replaceAll("");
        List<String> out = new ArrayList<>();
        StringBuilder tok = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                tok.append(Character.toLowerCase(c));
            } else if (c == '\'' || c == '\u2019' || c == '`') {
                continue;
            } else {
                if (tok.length() > 0) {
                    out.add(tok.toString());
                    tok.setLength(0);
                }
                if (c == '&') out.add("and");
            }
        }
        if (tok.length() > 0) out.add(tok.toString());
        for (int i = 0; i < out.size(); i++) {
            String n = NUMBERS.get(out.get(i));
            if (n != null) out.set(i, n);
        }
        return out;
    }

    /** Number words and roman numerals as digits, so "Chapter Two", "Chapter 2" and "Rocky II"/"Rocky 2" agree. */
    static final java.util.Map<String, String> NUMBERS = java.util.Map.ofEntries(
            java.util.Map.entry("two", "2"), java.util.Map.entry("three", "3"), java.util.Map.entry("four", "4"),
            java.util.Map.entry("five", "5"), java.util.Map.entry("six", "6"), java.util.Map.entry("seven", "7"),
            java.util.Map.entry("eight", "8"), java.util.Map.entry("nine", "9"), java.util.Map.entry("ten", "10"), java.util.Map.entry("eleven", "11"), java.util.Map.entry("twelve", "12"),
            java.util.Map.entry("ii", "2"), java.util.Map.entry("iii", "3"), java.util.Map.entry("iv", "4"),
            java.util.Map.entry("vi", "6"), java.util.Map.entry("vii", "7"), java.util.Map.entry("viii", "8"),
            java.util.Map.entry("ix", "9"));

    /** Already collapsed: no leading/trailing/double/odd whitespace, nothing to decode. */
    private static boolean isClean(String s) {
        int n = s.length();
        if (n == 0) return true;
        if (s.charAt(0) == ' ' || s.charAt(n - 1) == ' ') return false;
        char prev = 'x';
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c == '%' || c == '&' || c == '\u00A0' || (c < ' ') || (c == ' ' && prev == ' ') || Character.isWhitespace(c) && c != ' ') return false;
            prev = c;
        }
        return true;
    }

    private static boolean isAscii(String s) {
        for (int i = 0; i < s.length(); i++) if (s.charAt(i) > 127) return false;
        return true;
    }

    /** Whitespace runs (incl. non-breaking spaces) as one space, trimmed; HTML quote entities decoded. */
    public static String collapse(String text) {
        if (text == null) return "";
        if (isClean(text)) return text;
        String s = text.replace('\u00A0', ' ');
        if (s.indexOf('%') >= 0) {
            s = s.replace("%22", "\"").replace("%27", "'").replace("%3F", "?").replace("%26", "&").replace("%2C", ",")
                    .replace("%3A", ":").replace("%21", "!");
        }
        if (s.indexOf('&') >= 0) {
            s = s.replace("&quot;", "\"").replace("&amp;", "&").replace("&#39;", "'").replace("&apos;", "'");
        }
        return WHITESPACE.matcher(s.strip()).replaceAll(" ");
    }
}
