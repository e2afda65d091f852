package dev.rarec.train;

import java.util.Collection;
import java.util.List;
import java.util.OptionalInt;

/**
 * The reward r of eq. 1: NDCG of the generator's ranking for the conversation's target items, with binary
 * relevance and the ideal DCG of min(|targets|, |ranking|) hits. Targets absent from the candidate set
 * cannot be ranked, so a set without any target earns 0.
 */
public final class Reward {
    private Reward() {}

    public static double ndcg(List<Integer> ranked, Collection<Integer> targets) {
        if (targets.isEmpty() || ranked.isEmpty()) return 0;
        double dcg = 0;
        for (int i = 0; i < ranked.size(); i++) {
            if (targets.contains(ranked.get(i))) dcg += 1 / log2(i + 2);
        }
        double ideal = 0;
        int hits = Math.min(targets.size(), ranked.size());
        for (int i = 0; i < hits; i++) ideal += 1 / log2(i + 2);
        return dcg / ideal;
    }

    /** The position (0 = first) of the best-ranked target, if any target was ranked. */
    public static OptionalInt bestTargetRank(List<Integer> ranked, Collection<Integer> targets) {
        for (int i = 0; i < ranked.size(); i++) {
            if (targets.contains(ranked.get(i))) return OptionalInt.of(i);
        }
        return OptionalInt.empty();
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }
}
