package dev.rarec.train;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.data.Turn;
import dev.rarec.generator.LlmGenerator;
import dev.rarec.generator.llm.ChatClient;

import java.util.List;

/**
 * The token count of one generator call: figure 5's prompt exactly as {@link LlmGenerator} sends it, and a
 * numbered list of the candidates' titles as the answer, at {@link ChatClient#CHARS_PER_TOKEN} characters a
 * token (the same rule the client applies to answers whose endpoint reports no usage). Good enough to
 * budget a run, not to bill it: a tokeniser may count names and punctuation more densely.
 */
final class PromptSize {
    /** "12. " and the newline around each title of the answer. */
    private static final int ANSWER_LINE_CHARS = 5;

    private PromptSize() {}

    static long tokens(List<Turn> context, List<Movie> candidates) {
        long chars = LlmGenerator.prompt(context, candidates).length();
        for (Movie m : candidates) chars += m.displayTitle().length() + ANSWER_LINE_CHARS;
        return perToken(chars);
    }

    /** The same estimate with k candidates of the corpus's average size, for when the candidates are not known yet. */
    static long tokens(List<Turn> context, int k, double averageCandidateChars) {
        long chars = LlmGenerator.prompt(context, List.of()).length() + Math.round(k * averageCandidateChars);
        return perToken(chars);
    }

    /** Mean prompt line + answer line length of a candidate over the corpus. */
    static double averageCandidateChars(Corpus corpus) {
        if (corpus.size() == 0) return 0;
        long total = 0;
        for (Movie m : corpus.movies()) total += LlmGenerator.candidateLine(m).length() + 1 + m.displayTitle().length() + ANSWER_LINE_CHARS;
        return total / (double) corpus.size();
    }

    private static long perToken(long chars) {
        return (chars + ChatClient.CHARS_PER_TOKEN - 1) / ChatClient.CHARS_PER_TOKEN;
    }
}
