package dev.rarec.generator;

import dev.rarec.retriever.ScoredItem;

import java.util.List;

/**
 * The result of one {@link Pipeline} call.
 *
 * @param ranked     the generator's order, best first; score = 1 / (rank + 1)
 * @param candidates what the retriever proposed (C_t), best first, with retriever scores
 * @param ranking    the generator's raw answer (hallucination count, reasons)
 * @param retrieveMillis time spent retrieving
 * @param generateMillis time spent generating
 */
public record Recommendation(List<ScoredItem> ranked, List<ScoredItem> candidates, Ranking ranking,
                             double retrieveMillis, double generateMillis) {
    public Recommendation {
        ranked = List.copyOf(ranked);
        candidates = List.copyOf(candidates);
    }
}
