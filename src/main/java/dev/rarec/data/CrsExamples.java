package dev.rarec.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Cuts conversations into recommendation points as section 3.3 prescribes: one example per
 * recommender turn, context = the earlier turns, historyItems = the items mentioned earlier (by
 * either side, ordered by their latest mention, at most {@link CrsExample#MAX_HISTORY}, most recent
 * kept), targets = the items of that turn that were not mentioned earlier. A turn with no target
 * left is not an example; the caller counts those.
 */
public final class CrsExamples {
    private CrsExamples() {}

    /** The examples of one conversation and how many recommender turns yielded none. */
    public record Cut(List<CrsExample> examples, int turnsWithoutTargets) {}

    public static Cut cut(Conversation conversation) {
        List<CrsExample> out = new ArrayList<>();
        int without = 0;
        LinkedHashSet<Integer> mentioned = new LinkedHashSet<>();
        List<Turn> turns = conversation.turns();
        for (int t = 0; t < turns.size(); t++) {
            Turn turn = turns.get(t);
            if (turn.role() == Role.RECOMMENDER && !turn.items().isEmpty()) {
                List<Integer> targets = new ArrayList<>();
                for (int item : turn.items()) if (!mentioned.contains(item)) targets.add(item);
                if (targets.isEmpty()) {
                    without++;
                } else {
                    out.add(new CrsExample(conversation.id(), t, turns.subList(0, t), history(mentioned), targets));
                }
            }
            for (int item : turn.items()) {
                mentioned.remove(item);
                mentioned.add(item);
            }
        }
        return new Cut(out, without);
    }

    /** The most recent {@link CrsExample#MAX_HISTORY} items, oldest first. */
    static List<Integer> history(Set<Integer> mentionedInOrder) {
        List<Integer> all = new ArrayList<>(mentionedInOrder);
        return all.size() <= CrsExample.MAX_HISTORY ? all : all.subList(all.size() - CrsExample.MAX_HISTORY, all.size());
    }

    /** At most {@code n} of {@code all}, a seeded random subset (all of them when n <= 0 or there are fewer). */
    public static List<CrsExample> sample(List<CrsExample> all, int n, long seed) {
        if (n <= 0 || all.size() <= n) return all;
        List<CrsExample> copy = new ArrayList<>(all);
        Collections.shuffle(copy, new Random(seed));
        return copy.subList(0, n);
    }
}
