package dev.rarec.generator;

import dev.rarec.corpus.Movie;
import dev.rarec.data.Turn;

import java.util.List;

/**
 * The second stage of RAR, f_llm: ranks retrieved candidates given the conversation so far.
 * Implementations: {@link LlmGenerator} (any OpenAI-compatible chat endpoint) and
 * {@link SemanticReranker} (built in, no network).
 */
public interface Generator {

    /** A short name for reports and cache keys, e.g. {@code builtin} or {@code llm:gpt-5-mini}. */
    String name();

    /**
     * Ranks {@code candidates} (in the retriever's order) given {@code context} (the turns s_1..s_{t-1}).
     * Throws {@link GeneratorException} when no ranking could be obtained for this call (e.g. the endpoint failed
     * after retries, or its answer was cut short), and {@link GeneratorUnavailableException} when no call can
     * succeed (e.g. the endpoint refused the key): the caller counts the former and stops at the latter.
     */
    Ranking rank(List<Turn> context, List<Movie> candidates);
}
