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
 * @param withoutUsage      answers whose endpoint reported no token usage
 * @param estimatedTokens   the tokens of those answers and their prompts, estimated from their length
 */
public record TokenUsage(long requests, long completions, long cacheHits, long promptTokens, long completionTokens,
                         long retries, long failures, long withoutUsage, long estimatedTokens) {

    /** Reported tokens plus the estimate for answers that came without a count. */
    public long totalTokens() {
        return promptTokens + completionTokens + estimatedTokens;
    }

    /** One line for the console: what the endpoint was asked and what it cost. */
    public String describe() {
        return String.format(java.util.Locale.ROOT, "%,d requests (%,d retries), %,d answers, %,d cache hits, %,d failed; "
                        + "%,d prompt + %,d completion tokens%s",
                requests, retries, completions, cacheHits, failures, promptTokens, completionTokens,
                withoutUsage == 0 ? "" : String.format(java.util.Locale.ROOT, " + ~%,d estimated for %,d answers without usage",
                        estimatedTokens, withoutUsage));
    }
}
