package dev.rarec.corpus;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads the Python reprs that INSPIRED's TSV stores in cells: a list of strings
 * ({@code ['Knives Out (2019)', "Schindler's List (1993)"]}) or the keys of a dict
 * ({@code {'Hustlers (2019)': 0, ...}}). Only string literals are extracted.
 */
public final class PyLiteral {
    private PyLiteral() {}

    /** The string literals in {@code text}, in order; for a dict only the keys. */
    public static List<String> strings(String text) {
        List<String> out = new ArrayList<>();
        if (text == null) return out;
        boolean dict = text.strip().startsWith("{");
        int i = 0;
        int n = text.length();
        boolean expectKey = true;
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\'' || c == '"') {
                StringBuilder sb = new StringBuilder();
                i++;
                while (i < n && text.charAt(i) != c) {
                    char d = text.charAt(i);
                    if (d == '\\' && i + 1 < n) {
                        i++;
                        d = text.charAt(i);
                    }
                    sb.append(d);
                    i++;
                }
                if (i >= n) throw new IllegalArgumentException("unterminated string literal in " + text);
                if (!dict || expectKey) out.add(sb.toString());
            } else if (c == ':') {
                expectKey = false;
            } else if (c == ',') {
                expectKey = true;
            }
            i++;
        }
        return out;
    }
}
