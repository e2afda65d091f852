package dev.rarec.generator;

import java.util.List;

/**
 * What a generator returns: the candidates re-ordered, best first, as corpus ids.
 *
 * @param items          ranked corpus ids; every candidate appears once (those the generator did not
 *                       place are appended in the retriever's order, so nothing is lost)
 * @param lines          how many recommendations the generator produced
 * @param hallucinations how many of those matched no candidate (fuzzy similarity below 0.85)
 * @param reasons        for each ranked item, a short reason grounded in its metadata (may be empty)
 */
public record Ranking(List<Integer> items, int lines, int hallucinations, List<String> reasons) {
    public Ranking {
        items = List.copyOf(items);
        reasons = List.copyOf(reasons == null ? List.of() : reasons);
    }

    public static Ranking of(List<Integer> items) {
        return new Ranking(items, items.size(), 0, List.of());
    }
}
