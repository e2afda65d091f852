package dev.rarec.train;

/**
 * What an LLM-feedback run will cost, estimated before it starts so the user can set a budget.
 * Calls are generator calls without any cache; a warm generator cache makes a re-run far cheaper.
 *
 * @param examples         training examples per epoch after the cap
 * @param epochs           epochs
 * @param groupSize        candidate sets per example
 * @param expectedCalls    examples × epochs × group size
 * @param maxCalls         the upper bound with every pair re-drawn up to the resample limit
 * @param tokensPerCall    estimated prompt + completion tokens of one call (figure 5's prompt with k candidates)
 * @param expectedTokens   expectedCalls × tokensPerCall
 * @param maxTokens        maxCalls × tokensPerCall
 */
public record BudgetEstimate(int examples, int epochs, int groupSize, long expectedCalls, long maxCalls,
                             long tokensPerCall, long expectedTokens, long maxTokens) {

    /** One line for the CLI. */
    public String describe() {
        return String.format("%,d examples x %d epochs x %d sets: %,d generator calls (at most %,d with resampling), "
                        + "~%,d tokens (at most ~%,d; ~%,d per call)",
                examples, epochs, groupSize, expectedCalls, maxCalls, expectedTokens, maxTokens, tokensPerCall);
    }
}
