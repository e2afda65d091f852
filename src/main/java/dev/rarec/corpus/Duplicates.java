package dev.rarec.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Second corpus entries of one film that matching at insertion could not join, because one source
 * writes the title with more words than the others: a brand before it ("Marvel Studios' The
 * Avengers"), an edition or language after it ("Blade Runner (The Final Cut)", "Saaho (Malayalam)",
 * "Apocalypse Now Redux"). An entry B is merged into an entry A of the same year when B's title is
 * A's title plus
 * <ul>
 *   <li>a parenthesised remark, or an edition phrase from {@link #EDITIONS}, and their directors do
 *       not contradict each other (one may be unknown); or</li>
 *   <li>any words before or after it, and both directors are known and share a name.</li>
 * </ul>
 * With a shared director the years may also be one apart (catalogues give the year of their
 * release), except for words after the title: "Prep &amp; Landing: Operation Secret Santa" (2010)
 * is the sequel of "Prep &amp; Landing" (2009) by the same director.
 * The extra words must not mark a different film of a series (a number, "Part", "Vol.", "Chapter",
 * "Episode", "Season"), the pair must be the only one of its kind on both sides ("Che: Part One"
 * and "Che: Part Two" both contain "Che": neither is merged), and two different IMDb ids are never
 * merged.
 */
final class Duplicates {
    /** One merge: the entry that was absorbed and the one that absorbed it, as "Title (Year)". */
    record Merge(String absorbed, String into, String rule) {
        @Override
        public String toString() {
            return absorbed + " → " + into + " [" + rule + "]";
        }
    }

    private static final Set<String> EDITIONS = keys("Director's Cut", "Directors Cut", "Extended Cut", "Extended Edition",
            "Special Edition", "Theatrical Cut", "Final Cut", "The Final Cut", "Unrated", "Uncut", "Redux", "Remastered",
            "Anniversary Edition", "Collector's Edition", "Ultimate Edition", "Unrated Edition", "Uncut Version", "3D", "IMAX",
            "4K", "4K UHD", "Restored", "Restored Version", "Original Cut", "Extended Version");
    private static final Set<String> SERIES_MARKERS = Set.of("part", "pt", "vol", "volume", "chapter", "episode", "season",
            "series", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x");
    private static final Pattern PARENTHESISED = Pattern.compile("^(.*\\S)\\s*\\(([^()]+)\\)$");

    private final Map<String, List<CorpusBuilder.Draft>> byKeyYear = new HashMap<>();

    private Duplicates(List<CorpusBuilder.Draft> drafts) {
        for (CorpusBuilder.Draft d : drafts) {
            if (d.year <= 0) continue;
            for (String t : d.spellings()) {
                List<CorpusBuilder.Draft> list = byKeyYear.computeIfAbsent(Titles.key(t) + "|" + d.year, k -> new ArrayList<>(1));
                if (!list.contains(d)) list.add(d);
            }
        }
    }

    /** Merges the duplicates among {@code drafts} (removing the absorbed ones from the list) and returns what it merged. */
    static List<Merge> merge(List<CorpusBuilder.Draft> drafts) {
        Duplicates dup = new Duplicates(drafts);
        Map<CorpusBuilder.Draft, Proposal> proposals = new LinkedHashMap<>();
        Map<CorpusBuilder.Draft, Integer> proposers = new IdentityHashMap<>();
        for (CorpusBuilder.Draft b : drafts) {
            Proposal p = dup.proposal(b);
            if (p == null) continue;
            proposals.put(b, p);
            proposers.merge(p.into, 1, Integer::sum);
        }
        List<Merge> merges = new ArrayList<>();
        Set<CorpusBuilder.Draft> absorbed = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        for (Map.Entry<CorpusBuilder.Draft, Proposal> e : proposals.entrySet()) {
            CorpusBuilder.Draft b = e.getKey();
            CorpusBuilder.Draft a = e.getValue().into;
            // one proposal per target, and no chains: a film absorbed here does not absorb others
            if (proposers.get(a) != 1 || proposals.containsKey(a) || proposers.containsKey(b)) continue;
            CorpusBuilder.Draft survivor = CorpusBuilder.Draft.survivor(a, b);
            CorpusBuilder.Draft other = survivor == a ? b : a;
            String from = b.displayTitle();
            String to = a.displayTitle();
            survivor.absorb(other);
            absorbed.add(other);
            merges.add(new Merge(from, to, e.getValue().rule));
        }
        drafts.removeIf(absorbed::contains);
        return merges;
    }

    private record Proposal(CorpusBuilder.Draft into, String rule) {}

    /** The one entry {@code b} duplicates, with the rule that says so; null when none or several. */
    private Proposal proposal(CorpusBuilder.Draft b) {
        if (b.year <= 0) return null;
        Set<CorpusBuilder.Draft> found = new HashSet<>();
        String rule = null;
        for (String t : b.spellings()) {
            List<String> words = List.of(Titles.key(t).split(" "));
            Matcher m = PARENTHESISED.matcher(t);
            if (m.matches() && !marksSeries(Titles.key(m.group(2)))) {
                rule = collect(found, b, Titles.key(m.group(1)), false, true, "parenthesised remark", rule);
            }
            for (int i = 1; i < words.size(); i++) {
                String head = String.join(" ", words.subList(0, i));
                String tail = String.join(" ", words.subList(i, words.size()));
                if (EDITIONS.contains(tail)) rule = collect(found, b, head, false, true, "edition", rule);
                if (!marksSeries(tail)) rule = collect(found, b, head, true, false, "same director, words after", rule);
                if (!marksSeries(head)) rule = collect(found, b, tail, true, true, "same director, words before", rule);
            }
        }
        return found.size() == 1 ? new Proposal(found.iterator().next(), rule) : null;
    }

    /** Adds the entries of {@code key} that {@code b} may duplicate under a rule; returns the first rule that found one. */
    private String collect(Set<CorpusBuilder.Draft> found, CorpusBuilder.Draft b, String key, boolean needDirector,
                           boolean yearApart, String rule, String firstRule) {
        if (key.isBlank()) return firstRule;
        String result = firstRule;
        for (int delta : yearApart ? new int[] {0, -1, 1} : new int[] {0}) {
            for (CorpusBuilder.Draft a : byKeyYear.getOrDefault(key + "|" + (b.year + delta), List.of())) {
                if (a == b || !a.imdbCompatible(b)) continue;
                boolean sameDirector = a.sharesDirector(b);
                if (needDirector || delta != 0 ? !sameDirector : a.contradictsDirector(b)) continue;
                if (found.add(a) && result == null) result = rule;
            }
        }
        return result;
    }

    /** Whether extra title words name another film of a series: a number, "Part", "Vol.", a roman numeral. */
    private static boolean marksSeries(String key) {
        for (String w : key.split(" ")) {
            if (SERIES_MARKERS.contains(w) || (!w.isEmpty() && w.chars().allMatch(Character::isDigit))) return true;
        }
        return false;
    }

    private static Set<String> keys(String... phrases) {
        Set<String> out = new HashSet<>();
        for (String p : phrases) out.add(Titles.key(p).toLowerCase(Locale.ROOT));
        return Set.copyOf(out);
    }
}
