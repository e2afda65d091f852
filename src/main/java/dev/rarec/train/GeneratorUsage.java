package dev.rarec.train;

import dev.rarec.generator.llm.TokenUsage;

import java.util.function.Supplier;

/**
 * What the generator really spent, when it can tell (an LLM generator counts requests, tokens and
 * cache hits). Given to {@link PreferenceTrainer#optUsage}, it replaces the trainer's own call count and
 * token estimate in the budget: answers served from the response cache cost nothing. The counters are
 * cumulative; the trainer uses their growth during the run (its validations included).
 */
public interface GeneratorUsage {
    /** Calls that reached the endpoint. */
    long requests();

    /** Prompt + completion tokens reported by the endpoint. */
    long tokens();

    /** Answers served from the generator's cache. */
    long cacheHits();

    /** The counters of an LLM generator's chat client: HTTP requests, reported (or, without a report, estimated) tokens, cache hits. */
    static GeneratorUsage of(Supplier<TokenUsage> usage) {
        return new GeneratorUsage() {
            @Override
            public long requests() {
                return usage.get().requests();
            }

            @Override
            public long tokens() {
                return usage.get().totalTokens();
            }

            @Override
            public long cacheHits() {
                return usage.get().cacheHits();
            }
        };
    }
}
