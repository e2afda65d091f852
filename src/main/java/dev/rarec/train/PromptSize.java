package dev.rarec.train;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.data.Turn;

import java.util.List;

/**
 * A rough token count of one generator call with the prompt of figure 5 (instructions, the candidates'
 * key-value metadata, the conversation) and a numbered list of titles as the answer, at about four
 * characters per token. Good enough to budget a run, not to bill it.
 */
final class PromptSize {
    private static final int INSTRUCTION_CHARS = 450;
    private static final int CHARS_PER_TOKEN = 4;

    private PromptSize() {}

    static long tokens(List<Turn> context, List<Movie> candidates) {
        long chars = INSTRUCTION_CHARS + contextChars(context);
        for (Movie m : candidates) chars += m.keyValueText().length() + m.displayTitle().length() + 12;
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /** The same estimate with k candidates of the corpus's average size. */
    static long tokens(List<Turn> context, int k, double averageCandidateChars) {
        long chars = INSTRUCTION_CHARS + contextChars(context) + Math.round(k * averageCandidateChars);
        return (chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN;
    }

    /** Mean metadata + answer-line length of a candidate over the corpus. */
    static double averageCandidateChars(Corpus corpus) {
        if (corpus.size() == 0) return 0;
        long total = 0;
        for (Movie m : corpus.movies()) total += m.keyValueText().length() + m.displayTitle().length() + 12;
        return total / (double) corpus.size();
    }

    private static long contextChars(List<Turn> context) {
        long chars = 0;
        for (Turn t : context) chars += t.text().length() + 10;
        return chars;
    }
}
