package dev.rarec.understanding;

import dev.rarec.corpus.Titles;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the explicit constraints of one message: years and decades ("from the 60s", "the seventies",
 * "after 2010", "older", "recent"), genres wanted and excluded in everyday words ("scary", "cartoon",
 * "rom-com", "whodunit"), and people from the corpus ("Tom Hanks", "Spielberg").
 *
 * <p>Negation is a scope: a negator ("not", "no", "without", "I hate", "anything but" ...) reaches to
 * the end of its clause (punctuation, or "but" / "though" / "instead"), and what it covers is excluded
 * rather than wanted. Text the caller masks — the titles of the movies named — is not read, so "Star
 * Wars" asks for no war film and "Heat (1995)" for no year. A pure function of its input.
 */
public final class ConstraintParser {
    private static final String YEAR = "(18[89]\\d|19\\d\\d|20[0-3]\\d)";
    private static final String DECADE = "(?:(1[89]|20)(\\d)0|'?(\\d)0)'?s";
    private static final String DECADE_WORD = "(twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties|noughties|aughts)";
    private static final String PART = "(?:(early|mid|late)[- ]?)?";
    private static final Pattern NEGATOR = Pattern.compile("\\b(?:not|no|never|nothing|none|nor|without|except|excluding|avoid|avoiding|skip|"
            + "hate|hated|hates|dislike|disliked|dislikes|don'?t|do not|doesn'?t|didn'?t|won'?t|isn'?t|aren'?t|wasn'?t|"
            + "can'?t stand|cannot stand|anything but|other than|instead of|rather than|tired of|sick of|enough of|no more|less)\\b");
    private static final Pattern CLAUSE_END = Pattern.compile("[.,;!?\\n()]|\\b(?:but|though|although|however|instead|rather|just|only|prefer|maybe)\\b");
    private static final Pattern DECADE_SPAN = Pattern.compile("\\b" + PART + "(?:the\\s+)?" + "(?:" + DECADE + "|" + DECADE_WORD + ")");
    private static final Pattern AGE_BEFORE = Pattern.compile("(?:\\b(?:my|his|her|their|our|your|mid|late|early)\\s+)$");
    private static final Pattern RANGE = Pattern.compile("\\b(?:between|from)\\s+(?:the\\s+)?(\\S+)\\s+(?:and|to|through|till|until|-)\\s+(?:the\\s+)?(\\S+)"
            + "|\\b(\\S+)(?:\\s*(?:-|\u2013|to)\\s*|\\s+or\\s+)(?:the\\s+)?(\\S+)");
    private static final Pattern NOT_BEFORE = Pattern.compile("\\b(?:nothing|not|no|none)\\s+(?:\\w+\\s+)?(?:older than|before|earlier than|prior to)\\s+" + YEAR);
    private static final Pattern NOT_AFTER = Pattern.compile("\\b(?:nothing|not|no|none)\\s+(?:\\w+\\s+)?(?:newer than|after|later than|more recent than)\\s+" + YEAR);
    private static final Pattern AFTER = Pattern.compile("\\b(?:after|post|later than|newer than|more recent than)\\s*-?\\s*(?:the\\s+)?" + YEAR);
    private static final Pattern SINCE = Pattern.compile("\\b(?:since|from)\\s+" + YEAR + "\\s*(?:on|onwards?|or later|or newer|and later|and up|\\+)|\\bsince\\s+" + YEAR
            + "|\\b" + YEAR + "\\s*(?:onwards?|or later|or newer|and later|and newer|and up|\\+)");
    private static final Pattern BEFORE = Pattern.compile("\\b(?:before|pre|prior to|older than|earlier than)\\s*-?\\s*(?:the\\s+)?" + YEAR
            + "|\\b" + YEAR + "\\s*(?:or earlier|or older|and earlier|and older)");
    private static final Pattern BEFORE_DECADE = Pattern.compile("\\b(?:before|pre|prior to|older than|earlier than)\\s*-?\\s*(?:the\\s+)?" + DECADE);
    private static final Pattern AFTER_DECADE = Pattern.compile("\\b(?:after|post|later than|newer than|since)\\s*-?\\s*(?:the\\s+)?" + DECADE);
    private static final Pattern SILENT = Pattern.compile("\\bsilent (?:films?|movies?|era|cinema|classics?)\\b");
    private static final Pattern UNTIL = Pattern.compile("\\b(?:until|up to|through|till)\\s+" + YEAR);
    private static final Pattern EXACT = Pattern.compile("\\b(?:in|from|of|released in|made in|came out in|year)\\s+" + YEAR + "\\b");
    private static final Pattern AROUND = Pattern.compile("\\b(?:around|circa|about)\\s+" + YEAR + "\\b");
    private static final Pattern OLD = Pattern.compile("\\b(?:older|oldies|old[- ]school|old[- ]fashioned|classics?|vintage|golden age|black and white|b&w)\\b|(?<!years? )\\bold\\b(?!\\s+(?:son|daughter|kids?|boy|girl|man|woman|friend|self))");
    private static final Pattern MODERN = Pattern.compile("\\b(?:modern|this century|21st century)\\b");
    private static final Pattern LAST_YEARS = Pattern.compile("\\b(?:last|past)\\s+(few|couple(?: of)?|\\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty)\\s+years\\b");
    private static final Pattern RECENT = Pattern.compile("\\b(?:recent(?!ly)|latest|newer|newest|new releases?|new (?:movies?|films?|ones)|this decade|current|nowadays|these days|contemporary)\\b");

    /** "Old" reaches back to the end of the 1980s; "recent" covers the last decade of the corpus. */
    static final YearRange OLD_YEARS = new YearRange(YearRange.MIN, 1989);
    static final YearRange RECENT_YEARS = new YearRange(2015, YearRange.MAX);
    static final YearRange MODERN_YEARS = new YearRange(2000, YearRange.MAX);
    /** The last year of the catalogue's releases: "the last 5 years" counts back from it. */
    static final int CATALOGUE_END = 2023;
    /** Sound came to features in 1927-1929. */
    static final int SILENT_ERA_END = 1929;

    private final PersonIndex people;

    /** @param people the corpus' people, or null to read no names */
    public ConstraintParser(PersonIndex people) {
        this.people = people;
    }

    /**
     * Whether this text, named as a film, is rather a person: a capitalised well-known surname
     * ("Big Hitchcock fan" means Alfred Hitchcock, not the 2012 film).
     */
    public boolean namesPerson(String text) {
        String t = text.strip();
        return people != null && !t.isEmpty() && Character.isUpperCase(t.charAt(0)) && people.isSurname(t);
    }

    /** A character span [start, end) of a message. */
    public record Span(int start, int end) {}

    public Constraints parse(String text) {
        return parse(text, List.of());
    }

    /** The constraints of {@code text}, not reading the {@code masked} spans (e.g. the titles named in it). */
    public Constraints parse(String text, List<Span> masked) {
        String plain = plain(text, masked);
        boolean[] negated = negationScopes(plain);

        Set<Genre> wanted = EnumSet.noneOf(Genre.class);
        Set<Genre> excluded = EnumSet.noneOf(Genre.class);
        for (Genre g : Genre.values()) {
            Matcher m = g.words().matcher(plain);
            while (m.find()) (negated[m.start()] ? excluded : wanted).add(g);
        }
        // "I love horror but no slashers": a genre asked for outright stays asked for.
        excluded.removeAll(wanted);

        Set<String> who = new LinkedHashSet<>();
        Set<String> notWho = new LinkedHashSet<>();
        if (people != null) readPeople(text, plain, negated, who, notWho);
        notWho.removeAll(who);

        return new Constraints(years(plain, negated), wanted, excluded, who, notWho);
    }

    /**
     * The message as a text query over the films' descriptions should read it: titles ({@code masked})
     * and what the user rules out ("not animated", "no horror") removed, since an embedding does not
     * understand "not"; each genre word written as the genre's name ("something scary" reads "something
     * horror"), so that the query finds films of the genre, not films whose title repeats the word
     * (Scary Movie).
     */
    public String queryText(String text, List<Span> masked) {
        return asked(text, masked, true);
    }

    /**
     * The words of the message a plot search reads: as {@link #queryText} but with the user's own words
     * for genres kept, since a plot says "heist" or "zombies", not "crime" or "horror".
     */
    public String keywordText(String text, List<Span> masked) {
        return asked(text, masked, false);
    }

    /** The message without its titles and what it rules out; genre words written as genre names if asked. */
    private String asked(String text, List<Span> masked, boolean genreNames) {
        char[] c = plain(text, masked).toCharArray();
        String plain = new String(c);
        boolean[] negated = negationScopes(plain);
        Matcher neg = NEGATOR.matcher(plain);
        while (neg.find()) for (int i = neg.start(); i < neg.end(); i++) negated[i] = true;
        String[] replacement = new String[c.length];
        for (Genre g : genreNames ? Genre.values() : new Genre[0]) {
            Matcher m = g.words().matcher(plain);
            while (m.find()) {
                if (replacement[m.start()] != null) continue;
                replacement[m.start()] = g.noun();
                for (int i = m.start() + 1; i < m.end(); i++) replacement[i] = "";
            }
        }
        StringBuilder out = new StringBuilder(c.length);
        for (int i = 0; i < c.length; i++) {
            if (negated[i]) out.append(' ');
            else out.append(replacement[i] != null ? replacement[i] : String.valueOf(c[i]));
        }
        return out.toString().replaceAll("\\s+", " ").strip();
    }

    /** Lower case, masked spans blanked (same length, so offsets agree with the original). */
    private static String plain(String text, List<Span> masked) {
        char[] c = (text == null ? "" : text).toLowerCase(Locale.ROOT).toCharArray();
        for (Span s : masked) {
            for (int i = Math.max(0, s.start()); i < Math.min(c.length, s.end()); i++) c[i] = ' ';
        }
        for (int i = 0; i < c.length; i++) if (c[i] == '\u2019') c[i] = '\'';
        return new String(c);
    }

    /** For each character: whether a negator before it, in the same clause, covers it. */
    static boolean[] negationScopes(String plain) {
        boolean[] negated = new boolean[plain.length() + 1];
        Matcher neg = NEGATOR.matcher(plain);
        while (neg.find()) {
            Matcher end = CLAUSE_END.matcher(plain);
            int stop = end.find(neg.end()) ? end.start() : plain.length();
            for (int i = neg.end(); i < stop; i++) negated[i] = true;
        }
        return negated;
    }

    private void readPeople(String text, String plain, boolean[] negated, Set<String> who, Set<String> notWho) {
        List<String> tokens = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        List<Boolean> caps = new ArrayList<>();
        int i = 0;
        while (i < plain.length()) {
            if (!Character.isLetterOrDigit(plain.charAt(i))) {
                i++;
                continue;
            }
            int j = i;
            StringBuilder word = new StringBuilder();
            while (j < plain.length() && (Character.isLetterOrDigit(plain.charAt(j)) || plain.charAt(j) == '\'')) {
                if (plain.charAt(j) != '\'') word.append(plain.charAt(j));
                j++;
            }
            List<String> norm = Titles.tokens(word.toString());
            if (!norm.isEmpty()) {
                tokens.add(norm.get(0));
                starts.add(i);
                caps.add(Character.isUpperCase(text.charAt(i)));
            }
            i = j;
        }
        boolean[] capitalised = new boolean[caps.size()];
        for (int k = 0; k < capitalised.length; k++) capitalised[k] = caps.get(k);
        for (PersonIndex.PersonMention p : people.find(tokens, capitalised)) {
            (negated[starts.get(p.start())] ? notWho : who).add(p.name());
        }
    }

    /** The years asked for: closed ranges (decades, years, "between") span; open bounds narrow them. */
    static YearRange years(String plain, boolean[] negated) {
        StringBuilder rest = new StringBuilder(plain);
        List<YearRange> closed = new ArrayList<>();
        int from = YearRange.MIN;
        int to = YearRange.MAX;

        from = Math.max(from, bound(rest, NOT_BEFORE, y -> y, YearRange.MIN));
        to = Math.min(to, bound(rest, NOT_AFTER, y -> y, YearRange.MAX));
        Matcher r = RANGE.matcher(rest);
        while (r.find()) {
            String a = r.group(1) != null ? r.group(1) : r.group(3);
            String b = r.group(1) != null ? r.group(2) : r.group(4);
            YearRange ra = point(a);
            YearRange rb = point(b);
            if (ra != null && rb != null && ra.from() <= rb.to() && !negated[r.start()]) {
                closed.add(ra.span(rb));
                blank(rest, r.start(), r.end());
            }
        }
        // "before the 90s", "after the 80s": a decade as a bound, before it is read as a decade asked for.
        to = Math.min(to, decadeBound(rest, BEFORE_DECADE, true));
        from = Math.max(from, decadeBound(rest, AFTER_DECADE, false));
        if (SILENT.matcher(rest).find()) to = Math.min(to, SILENT_ERA_END);
        Matcher last = LAST_YEARS.matcher(rest);
        if (last.find()) {
            int back = yearsBack(last.group(1));
            // "nothing from the last 10 years" bounds the other end.
            if (negated[last.start()]) to = Math.min(to, CATALOGUE_END - back);
            else from = Math.max(from, CATALOGUE_END - back + 1);
            blank(rest, last.start(), last.end());
        }
        from = Math.max(from, bound(rest, AFTER, y -> y + 1, YearRange.MIN));
        from = Math.max(from, bound(rest, SINCE, y -> y, YearRange.MIN));
        to = Math.min(to, bound(rest, BEFORE, y -> y - 1, YearRange.MAX));
        to = Math.min(to, bound(rest, UNTIL, y -> y, YearRange.MAX));

        Matcher d = DECADE_SPAN.matcher(rest);
        while (d.find()) {
            if (negated[d.start()] || AGE_BEFORE.matcher(rest.substring(Math.max(0, d.start() - 12), d.start())).find()) continue;
            YearRange decade = decade(d);
            if (decade != null) closed.add(decade);
        }
        Matcher around = AROUND.matcher(rest);
        while (around.find()) {
            int y = Integer.parseInt(around.group(1));
            closed.add(new YearRange(y - 2, y + 2));
            blank(rest, around.start(), around.end());
        }
        Matcher exact = EXACT.matcher(rest);
        while (exact.find()) {
            if (!negated[exact.start()]) closed.add(new YearRange(Integer.parseInt(exact.group(1)), Integer.parseInt(exact.group(1))));
        }

        YearRange range = YearRange.ANY;
        for (YearRange c : closed) range = range.span(c);
        if (closed.isEmpty() && from == YearRange.MIN && to == YearRange.MAX) {
            String s = rest.toString();
            if (RECENT.matcher(s).find()) range = RECENT_YEARS;
            else if (MODERN.matcher(s).find()) range = MODERN_YEARS;
            else if (OLD.matcher(s).find()) range = OLD_YEARS;
        }
        int lo = Math.max(range.from(), from);
        int hi = Math.min(range.to(), to);
        if (lo > hi) return range;
        return new YearRange(lo, hi);
    }

    private static final Map<String, Integer> COUNT_WORDS = Map.ofEntries(Map.entry("couple", 2), Map.entry("couple of", 2),
            Map.entry("few", 3), Map.entry("two", 2), Map.entry("three", 3), Map.entry("four", 4), Map.entry("five", 5),
            Map.entry("six", 6), Map.entry("seven", 7), Map.entry("eight", 8), Map.entry("nine", 9), Map.entry("ten", 10),
            Map.entry("fifteen", 15), Map.entry("twenty", 20));

    /** How many years "the last N years" counts: a number, or a word for one ("few" is 3, "couple" 2). */
    private static int yearsBack(String n) {
        return Character.isDigit(n.charAt(0)) ? Math.max(1, Integer.parseInt(n)) : COUNT_WORDS.get(n);
    }

    /** The bound a decade gives ("before the 90s" → 1989, "after the 80s" → 1990), blanking the matches. */
    private static int decadeBound(StringBuilder rest, Pattern p, boolean before) {
        Matcher m = p.matcher(rest);
        int out = before ? YearRange.MAX : YearRange.MIN;
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            int start = m.group(1) != null ? Integer.parseInt(m.group(1)) * 100 + Integer.parseInt(m.group(2)) * 10
                    : Integer.parseInt(m.group(3)) <= 1 ? 2000 + Integer.parseInt(m.group(3)) * 10 : 1900 + Integer.parseInt(m.group(3)) * 10;
            out = before ? Math.min(out, start - 1) : Math.max(out, start + 10);
            spans.add(new int[] {m.start(), m.end()});
        }
        for (int[] s : spans) blank(rest, s[0], s[1]);
        return out;
    }

    /** The tightest bound the pattern's matches give, blanking them; {@code none} when none. */
    private static int bound(StringBuilder rest, Pattern p, Function<Integer, Integer> toBound, int none) {
        Matcher m = p.matcher(rest);
        int out = none;
        List<int[]> spans = new ArrayList<>();
        while (m.find()) {
            String g = null;
            for (int i = 1; i <= m.groupCount() && g == null; i++) g = m.group(i);
            if (g == null) continue;
            int b = toBound.apply(Integer.parseInt(g));
            out = none == YearRange.MIN ? Math.max(out, b) : Math.min(out, b);
            spans.add(new int[] {m.start(), m.end()});
        }
        for (int[] s : spans) blank(rest, s[0], s[1]);
        return out;
    }

    private static void blank(StringBuilder s, int start, int end) {
        for (int i = start; i < end; i++) s.setCharAt(i, ' ');
    }

    /** A year or a decade as a range, or null when the word is neither. */
    private static YearRange point(String word) {
        String w = word.replaceAll("[^0-9a-z's]", "");
        if (w.matches(YEAR)) {
            int y = Integer.parseInt(w);
            return new YearRange(y, y);
        }
        Matcher d = DECADE_SPAN.matcher(w);
        return d.matches() ? decade(d) : null;
    }

    private static YearRange decade(Matcher d) {
        int start;
        if (d.group(2) != null) {
            start = Integer.parseInt(d.group(2)) * 100 + Integer.parseInt(d.group(3)) * 10;
        } else if (d.group(4) != null) {
            int tens = Integer.parseInt(d.group(4));
            start = tens <= 1 ? 2000 + tens * 10 : 1900 + tens * 10;
        } else if (d.group(5) != null) {
            start = switch (d.group(5)) {
                case "twenties" -> 1920;
                case "thirties" -> 1930;
                case "forties" -> 1940;
                case "fifties" -> 1950;
                case "sixties" -> 1960;
                case "seventies" -> 1970;
                case "eighties" -> 1980;
                case "nineties" -> 1990;
                default -> 2000;
            };
        } else {
            return null;
        }
        String part = d.group(1);
        if (part == null) return YearRange.decade(start);
        return switch (part) {
            case "early" -> new YearRange(start, start + 3);
            case "mid" -> new YearRange(start + 3, start + 6);
            default -> new YearRange(start + 6, start + 9);
        };
    }
}
