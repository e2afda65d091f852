package dev.rarec.retriever;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/** Partial selection of the k highest scores, O(n log k), with some items masked out. */
public final class TopK {
    private TopK() {}

    public static List<ScoredItem> select(float[] scores, int k, Collection<Integer> masked) {
        Set<Integer> mask = masked instanceof Set<Integer> s ? s : new HashSet<>(masked);
        PriorityQueue<ScoredItem> heap = new PriorityQueue<>(k + 1,
                (a, b) -> a.score() != b.score() ? Float.compare(a.score(), b.score()) : Integer.compare(b.item(), a.item()));
        boolean anyMasked = !mask.isEmpty(); // spares boxing every index of a whole-corpus scan
        for (int i = 0; i < scores.length; i++) {
            if (anyMasked && mask.contains(i)) continue;
            float s = scores[i];
            if (heap.size() < k) {
                heap.add(new ScoredItem(i, s));
            } else if (s > heap.peek().score()) {
                heap.poll();
                heap.add(new ScoredItem(i, s));
            }
        }
        List<ScoredItem> out = new ArrayList<>(heap);
        out.sort((a, b) -> a.score() != b.score() ? Float.compare(b.score(), a.score()) : Integer.compare(a.item(), b.item()));
        return out;
    }
}
