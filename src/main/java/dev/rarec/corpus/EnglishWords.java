package dev.rarec.corpus;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The corpus' ordinary English words: those its plot summaries write in lower case at least
 * {@link #MIN_COUNT} times. A word people also use every day ("heat", "short", "wood") needs more than
 * a capital letter to stand for a title or a person.
 */
public final class EnglishWords {
    static final int MIN_COUNT = 5;

    private EnglishWords() {}

    /** Lower-case words of three letters or more written at least {@link #MIN_COUNT} times in the plots. */
    public static Set<String> of(Corpus corpus) {
        Map<String, Integer> counts = new HashMap<>();
        for (Movie m : corpus.movies()) count(m.plot(), counts);
        Set<String> words = new HashSet<>();
        counts.forEach((w, n) -> {
            if (n >= MIN_COUNT) words.add(w);
        });
        return words;
    }

    private static void count(String plot, Map<String, Integer> counts) {
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
}
