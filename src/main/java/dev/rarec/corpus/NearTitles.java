package dev.rarec.corpus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Well-known titles as people actually type them: with one slip of the keyboard ("Forest Gump", "Godfather"
 * for "The God Father", "Terminater"), shortened to their one distinctive first word ("Shawshank",
 * "Schindler's"), or as their initials ("LOTR", "T2"). Only films with a large audience ({@link #WELL_KNOWN} votes) are reachable this way, since
 * a slip could land on any obscure title.
 */
final class NearTitles {
    /** Audience ({@link Audience}) a film needs to be found through a slip or a shortened title. */
    static final double WELL_KNOWN = 50_000;
    /** A shortened title must name a film this many times better known than any other film it could name. */
    private static final double LEAD_MARGIN = 3;
    /** Keys shorter than this are too close to other words for a slip to be read as them. */
    private static final int MIN_KEY_LENGTH = 7;
    /** "Scary Movie", "The Lego Movie": one letter from "scary movies", "Leo movie" and any talk of movies. */
    private static final java.util.Set<String> GENERIC_ENDS = java.util.Set.of("movie", "movies", "film", "films", "show", "story");

    private final TitleIndex titles;
    private final Map<String, List<Integer>> byDeletion = new HashMap<>();
    /** The title key of each film reachable through a slip, kept so a probe does not normalise titles again. */
    private final Map<Integer, String> keys = new HashMap<>();
    private final Map<String, Integer> byLeadWord = new HashMap<>();
    private final Map<String, Integer> byInitials = new HashMap<>();

    /** {@code ordinary}: words too common to stand for a title by themselves (English words, first names). */
    NearTitles(TitleIndex titles, Predicate<String> ordinary) {
        this.titles = titles;
        Map<String, List<Integer>> leads = new HashMap<>();
        Map<String, Map<String, Integer>> initialed = new HashMap<>();
        for (Movie m : titles.corpus().movies()) {
            if (titles.audience(m.id()) < WELL_KNOWN) continue;
            String key = Titles.key(m.title());
            if (key.length() >= MIN_KEY_LENGTH && !GENERIC_ENDS.contains(key.substring(key.lastIndexOf(' ') + 1))) {
                keys.put(m.id(), key);
                add(byDeletion, key, m.id());
                for (int i = 0; i < key.length(); i++) add(byDeletion, key.substring(0, i) + key.substring(i + 1), m.id());
            }
            String[] words = key.split(" ");
            if (words.length >= 2 && words[0].length() >= 5 && !ordinary.test(words[0])) add(leads, words[0], m.id());
            // A series' films share their initials ("LOTR"): the series' best-known film stands for it.
            String series = Titles.shortKey(m.title());
            String initials = initials(series.isEmpty() ? key : series);
            if (initials != null) {
                Map<String, Integer> bySeries = initialed.computeIfAbsent(initials, k -> new HashMap<>());
                bySeries.merge(series.isEmpty() ? key : series, m.id(), (a, b) -> titles.audience(a) >= titles.audience(b) ? a : b);
            }
        }
        leads.forEach((word, ids) -> clearFavourite(ids).ifPresent(id -> byLeadWord.put(word, id)));
        initialed.forEach((initials, bySeries) -> clearFavourite(new ArrayList<>(bySeries.values())).ifPresent(id -> byInitials.put(initials, id)));
    }

    /** The best-known of {@code ids} if it is {@link #LEAD_MARGIN} times better known than the next. */
    private Optional<Integer> clearFavourite(List<Integer> ids) {
        ids.sort((a, b) -> Double.compare(titles.audience(b), titles.audience(a)));
        boolean clear = ids.size() == 1 || titles.audience(ids.get(0)) >= LEAD_MARGIN * titles.audience(ids.get(1));
        return clear ? Optional.of(ids.get(0)) : Optional.empty();
    }

    /**
     * A title's initials as people write them for a title of two or more words: every word's first letter,
     * at least three ("lord of the rings" → "lotr"), or one letter and a sequel's number ("terminator 2" →
     * "t2"); null for any other shape ("ww2" reads as the war, "12am" as a time).
     */
    static String initials(String key) {
        String[] words = key.split(" ");
        if (words.length < 2) return null;
        StringBuilder out = new StringBuilder();
        int letters = 0;
        for (String w : words) {
            if (w.isEmpty()) return null;
            boolean number = w.chars().allMatch(Character::isDigit);
            if (number) {
                if (letters != 1 || out.length() != 1) return null;
                out.append(w);
            } else {
                if (out.length() > letters) return null;
                out.append(w.charAt(0));
                letters++;
            }
        }
        return letters >= 3 && out.length() == letters || letters == 1 && out.length() > 1 ? out.toString() : null;
    }

    /**
     * The best-known film whose title key is one edit (a letter or space added, dropped, changed, or two
     * swapped) from {@code phrase}, a phrase of normalised words that is not itself a title.
     */
    Optional<Integer> misspelt(String phrase) {
        if (phrase.length() < MIN_KEY_LENGTH - 1) return Optional.empty();
        List<String> probes = new ArrayList<>();
        probes.add(phrase);
        for (int i = 0; i < phrase.length(); i++) probes.add(phrase.substring(0, i) + phrase.substring(i + 1));
        int best = -1;
        for (String probe : probes) {
            for (int id : byDeletion.getOrDefault(probe, List.of())) {
                if (oneEditApart(phrase, keys.get(id))
                        && (best < 0 || titles.audience(id) > titles.audience(best))) best = id;
            }
        }
        return best < 0 ? Optional.empty() : Optional.of(best);
    }

    /** The film a single distinctive word names by itself ("shawshank" → The Shawshank Redemption). */
    Optional<Integer> byLeadWord(String word) {
        return Optional.ofNullable(byLeadWord.get(word));
    }

    /** The film a title's initials name ("lotr" → The Lord of the Rings: The Fellowship of the Ring, "t2"). */
    Optional<Integer> byInitials(String word) {
        return Optional.ofNullable(byInitials.get(word));
    }

    /** Damerau-Levenshtein distance exactly 1. */
    static boolean oneEditApart(String a, String b) {
        if (a.equals(b) || Math.abs(a.length() - b.length()) > 1) return false;
        int i = 0;
        while (i < Math.min(a.length(), b.length()) && a.charAt(i) == b.charAt(i)) i++;
        if (a.length() == b.length()) {
            if (a.substring(i + 1).equals(b.substring(i + 1))) return true;
            return i + 1 < a.length() && a.charAt(i) == b.charAt(i + 1) && a.charAt(i + 1) == b.charAt(i)
                    && a.substring(i + 2).equals(b.substring(i + 2));
        }
        return a.length() > b.length() ? a.substring(i + 1).equals(b.substring(i)) : b.substring(i + 1).equals(a.substring(i));
    }

    private static void add(Map<String, List<Integer>> map, String key, int id) {
        List<Integer> ids = map.computeIfAbsent(key, k -> new ArrayList<>(1));
        if (!ids.contains(id)) ids.add(id);
    }
}
