package dev.rarec.generator.llm;

/**
 * What a {@link ChatClient} has spent so far.
 *
 * @param requests          HTTP requests sent (retries included)
 * @param completions       answers obtained from the endpoint (not from the cache)
 * @param cacheHits         answers served from the {@link ResponseCache}, which cost nothing
 * @param promptTokens      prompt tokens the endpoint reported
 * @param completionTokens  completion tokens the endpoint reported
 * @param retries           requests repeated after a 429, 5xx, timeout or connection error
 * @param failures          calls that failed for good
 * @param withoutUsage      answers whose endpoint reported no token usage (their tokens are not counted)
 */
public record TokenUsage(long requests, long completions, long cacheHits, long promptTokens, long completionTokens,
                         long retries, long failures, long withoutUsage) {

    public long totalTokens() {
        return promptTokens + completionTokens;
    }
}
