package dev.rarec.train;

import dev.rarec.retriever.Retriever;
import dev.rarec.retriever.SequentialRetriever;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Leave-one-out ranking metrics of a retriever: each example is a sequence whose last item is the target
 * and whose prefix is the history. The target is ranked among all items with the history masked out (the
 * LRURec protocol); ties count against the target, so a constant scorer gets no credit.
 */
public final class SequenceMetrics {
    public static final int[] CUTOFFS = {10, 20};

    private SequenceMetrics() {}

    /** Mean NDCG@k and Recall@k (k in {@link #CUTOFFS}) as "ndcg@10", "recall@10", ...; the whole history is masked. */
    public static Map<String, Double> evaluate(Retriever retriever, List<int[]> examples, int batchSize) {
        return evaluate(retriever, examples, batchSize, 0);
    }

    /**
     * As {@link #evaluate(Retriever, List, int)}, masking only the history's last {@code maskedItems} items when
     * that is above 0: the LRURec code masks the items of the model's input window only, so a long history's
     * earlier items compete with the target there.
     */
    public static Map<String, Double> evaluate(Retriever retriever, List<int[]> examples, int batchSize, int maskedItems) {
        double[] ndcg = new double[CUTOFFS.length];
        double[] recall = new double[CUTOFFS.length];
        int n = 0;
        // shortest first, so each batch is padded only to a length close to its own
        List<int[]> sorted = new ArrayList<>(examples);
        sorted.sort((a, b) -> Integer.compare(a.length, b.length));
        for (int start = 0; start < sorted.size(); start += batchSize) {
            List<int[]> batch = sorted.subList(start, Math.min(sorted.size(), start + batchSize));
            List<List<Integer>> histories = new ArrayList<>(batch.size());
            for (int[] e : batch) histories.add(history(e));
            float[][] scores = scoreAll(retriever, histories);
            for (int i = 0; i < batch.size(); i++) {
                int[] e = batch.get(i);
                List<Integer> h = histories.get(i);
                int rank = rank(scores[i], e[e.length - 1], maskedItems > 0 && h.size() > maskedItems ? h.subList(h.size() - maskedItems, h.size()) : h);
                for (int c = 0; c < CUTOFFS.length; c++) {
                    if (rank < CUTOFFS[c]) {
                        recall[c] += 1;
                        ndcg[c] += 1 / (Math.log(rank + 2) / Math.log(2));
                    }
                }
                n++;
            }
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (int c = 0; c < CUTOFFS.length; c++) {
            out.put("ndcg@" + CUTOFFS[c], n == 0 ? 0 : ndcg[c] / n);
            out.put("recall@" + CUTOFFS[c], n == 0 ? 0 : recall[c] / n);
        }
        return out;
    }

    /** 0-based rank of the target among items not in the history; ties rank above the target. */
    static int rank(float[] scores, int target, List<Integer> history) {
        float t = scores[target];
        boolean[] masked = new boolean[scores.length];
        for (int h : history) masked[h] = true;
        int rank = 0;
        for (int j = 0; j < scores.length; j++) {
            if (j != target && !masked[j] && scores[j] >= t) rank++;
        }
        return rank;
    }

    private static float[][] scoreAll(Retriever retriever, List<List<Integer>> histories) {
        if (retriever instanceof SequentialRetriever s) return s.scoreBatch(histories);
        float[][] out = new float[histories.size()][];
        for (int i = 0; i < out.length; i++) out[i] = retriever.score(histories.get(i));
        return out;
    }

    private static List<Integer> history(int[] example) {
        List<Integer> h = new ArrayList<>(example.length - 1);
        for (int i = 0; i < example.length - 1; i++) h.add(example[i]);
        return h;
    }
}
