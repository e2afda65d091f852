package dev.rarec.train;

/**
 * What an LLM-feedback run will cost, estimated before it starts so the user can set a budget: the calls
 * and tokens an endpoint sees when no answer is cached (a warm response cache makes a re-run far cheaper,
 * and candidate sets that repeat within a group are asked once).
 *
 * @param examples         training examples per epoch after the cap
 * @param epochs           epochs
 * @param groupSize        candidate sets per example
 * @param trainingCalls    examples × epochs × group size
 * @param maxTrainingCalls the upper bound with every pair re-drawn up to the resample limit
 * @param validations      validation runs (at the start, every evalEvery steps, after every epoch)
 * @param validationCalls  validations × validation examples that have a target left to find
 * @param tokensPerCall    prompt + answer tokens of one call: figure 5's prompt as sent, with the retriever's
 *                         top-k candidates of the examples, at {@code ChatClient.CHARS_PER_TOKEN} characters a token
 */
public record BudgetEstimate(int examples, int epochs, int groupSize, long trainingCalls, long maxTrainingCalls,
                             int validations, long validationCalls, long tokensPerCall) {

    /** Training and validation calls. */
    public long expectedCalls() {
        return trainingCalls + validationCalls;
    }

    /** The same with every pair re-drawn as often as allowed. */
    public long maxCalls() {
        return maxTrainingCalls + validationCalls;
    }

    public long expectedTokens() {
        return expectedCalls() * tokensPerCall;
    }

    public long maxTokens() {
        return maxCalls() * tokensPerCall;
    }

    /** One line for the CLI. */
    public String describe() {
        return String.format("%,d examples x %d epochs x %d sets = %,d training calls (at most %,d with resampling) + %d validations "
                        + "= %,d validation calls: %,d generator calls, ~%,d tokens (at most %,d calls, ~%,d tokens; ~%,d tokens a call) "
                        + "when nothing is cached",
                examples, epochs, groupSize, trainingCalls, maxTrainingCalls, validations, validationCalls, expectedCalls(),
                expectedTokens(), maxCalls(), maxTokens(), tokensPerCall);
    }
}
