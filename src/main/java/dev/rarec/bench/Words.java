package dev.rarec.bench;

import java.text.Normalizer;
import java.util.Locale;

/** The one text normalisation of the checker, for genre labels, names and titles. */
final class Words {
    private Words() {}

    /** Lower case ASCII words separated by single spaces: "Kids' TV" → "kids tv", "Timothée" → "timothee". */
    static String of(String s) {
        String ascii = Normalizer.normalize(s == null ? "" : s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "");
        return ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", " ").strip();
    }
}
