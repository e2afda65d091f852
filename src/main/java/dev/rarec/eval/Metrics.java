package dev.rarec.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The ranking metrics of the paper, computed as in He et al. (2023): every ground-truth target is
 * its own row, so an example with three targets weighs three times; NDCG@k of a row is
 * {@code 1 / log2(rank + 2)} when the target's 0-based rank is below k, and Recall@k is a hit.
 * MRR@k ({@code 1 / (rank + 1)}) comes along because He et al. report it.
 * A target the conversation already mentioned is no row at all: recommending it back would reward a
 * shortcut, not a recommendation.
 */
public final class Metrics {

    /** The cut-offs reported by default (the paper's tables use 5 and 10; 1 and 20 come free). */
    public static final List<Integer> DEFAULT_KS = List.of(1, 5, 10, 20);

    /** z for a two-sided 95% normal interval. */
    static final double Z95 = 1.96;

    private static final double LN2 = Math.log(2);

    private Metrics() {}

    /** NDCG@k of one target with a single relevant item: the ideal DCG is 1, so this is just the DCG. */
    public static double ndcg(int rank, int k) {
        return rank >= 0 && rank < k ? LN2 / Math.log(rank + 2) : 0;
    }

    /** Recall@k of one target: 1 when it is in the top k. */
    public static double recall(int rank, int k) {
        return rank >= 0 && rank < k ? 1 : 0;
    }

    /** MRR@k of one target (He et al. report it too): the reciprocal rank when in the top k. */
    public static double mrr(int rank, int k) {
        return rank >= 0 && rank < k ? 1.0 / (rank + 1) : 0;
    }

    /** 0-based position of {@code item} in {@code ranked}, or -1. */
    public static int rankOf(List<Integer> ranked, int item) {
        return ranked.indexOf(item);
    }

    /**
     * The rows of one example: one per distinct target that is not among {@code historyItems}. As in
     * He et al.'s {@code exclude_seen} setting, mentioned items are also removed from the lists before
     * ranks are read, so a list that repeats the seeker's own movies is not rewarded for them, nor are
     * the targets behind them pushed down. (The retriever masks the history, so this usually changes nothing.)
     *
     * @param ranked     the final list, best first
     * @param candidates the retriever's candidate set, best first
     */
    public static List<TargetRow> rows(String exampleId, Collection<Integer> targets, Collection<Integer> historyItems,
                                       List<Integer> ranked, List<Integer> candidates) {
        Set<Integer> mentioned = new HashSet<>(historyItems);
        List<Integer> rankedUnseen = without(ranked, mentioned);
        List<Integer> candidatesUnseen = without(candidates, mentioned);
        List<TargetRow> rows = new ArrayList<>();
        for (int target : evaluableTargets(targets, historyItems)) {
            rows.add(new TargetRow(exampleId, target, rankOf(rankedUnseen, target), rankOf(candidatesUnseen, target)));
        }
        return rows;
    }

    private static List<Integer> without(List<Integer> list, Set<Integer> removed) {
        if (removed.isEmpty() || list.stream().noneMatch(removed::contains)) return list;
        return list.stream().filter(i -> !removed.contains(i)).toList();
    }

    /** The distinct targets, in order, that the conversation has not mentioned yet. */
    public static List<Integer> evaluableTargets(Collection<Integer> targets, Collection<Integer> historyItems) {
        Set<Integer> mentioned = new HashSet<>(historyItems);
        List<Integer> out = new ArrayList<>();
        for (int t : new LinkedHashSet<>(targets)) {
            if (!mentioned.contains(t)) out.add(t);
        }
        return out;
    }

    /**
     * NDCG@k, Recall@k and MRR@k for every k, keyed {@code ndcg@10}, {@code recall@10}, {@code mrr@10},
     * grouped by metric in the order of {@code ks}. {@code bootstrapResamples} = 0 gives the normal interval.
     */
    public static Map<String, Estimate> summarize(List<TargetRow> rows, List<Integer> ks, int bootstrapResamples, long seed) {
        Map<String, Estimate> out = new LinkedHashMap<>();
        int[] clusters = clusters(rows);
        for (int k : ks) {
            out.put("ndcg@" + k, estimate(column(rows, r -> ndcg(r.rank(), k)), clusters, bootstrapResamples, seed));
        }
        for (int k : ks) {
            out.put("recall@" + k, estimate(column(rows, r -> recall(r.rank(), k)), clusters, bootstrapResamples, seed));
        }
        for (int k : ks) {
            out.put("mrr@" + k, estimate(column(rows, r -> mrr(r.rank(), k)), clusters, bootstrapResamples, seed));
        }
        return out;
    }

    /**
     * How often the retriever put the target in its top k, keyed {@code recall@k}, for every k in
     * {@code ks} and for the whole candidate set: the ceiling any generator can reach.
     */
    public static Map<String, Estimate> candidateRecall(List<TargetRow> rows, List<Integer> ks, int retrievalSize,
                                                        int bootstrapResamples, long seed) {
        Set<Integer> cutoffs = new LinkedHashSet<>();
        for (int k : ks) {
            if (k < retrievalSize) cutoffs.add(k);
        }
        cutoffs.add(retrievalSize);
        Map<String, Estimate> out = new LinkedHashMap<>();
        int[] clusters = clusters(rows);
        for (int k : cutoffs) {
            out.put("recall@" + k, estimate(column(rows, r -> recall(r.candidateRank(), k)), clusters, bootstrapResamples, seed));
        }
        return out;
    }

    /**
     * The value of one row for a metric named like {@code ndcg@10}, {@code recall@5} or {@code mrr@20}.
     */
    public static double value(String metric, int rank) {
        int at = metric.indexOf('@');
        if (at < 0) throw new IllegalArgumentException("metric '" + metric + "' is not name@k");
        int k;
        try {
            k = Integer.parseInt(metric.substring(at + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("metric '" + metric + "': k is not a number", e);
        }
        return switch (metric.substring(0, at)) {
            case "ndcg" -> ndcg(rank, k);
            case "recall" -> recall(rank, k);
            case "mrr" -> mrr(rank, k);
            default -> throw new IllegalArgumentException("unknown metric '" + metric + "' (ndcg, recall or mrr)");
        };
    }

    /**
     * The paired difference {@code method − baseline} of a metric over the rows both runs share
     * (same example id and target), with the normal interval of the per-row differences. Pairing
     * removes the variance between examples, so it separates two methods on the same examples far
     * better than comparing their two intervals. Rows only one run has (e.g. a failed example) are left out.
     */
    public static Estimate pairedDifference(List<TargetRow> baseline, List<TargetRow> method, String metric) {
        record Key(String exampleId, int target) {}
        Map<Key, Integer> baselineRank = new HashMap<>();
        for (TargetRow r : baseline) baselineRank.put(new Key(r.exampleId(), r.target()), r.rank());
        List<Double> diffs = new ArrayList<>();
        for (TargetRow r : method) {
            Integer b = baselineRank.get(new Key(r.exampleId(), r.target()));
            if (b != null) diffs.add(value(metric, r.rank()) - value(metric, b));
        }
        return mean(diffs.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** Either the normal interval or the cluster bootstrap, as asked. */
    static Estimate estimate(double[] values, int[] clusters, int bootstrapResamples, long seed) {
        return bootstrapResamples > 0 ? bootstrap(values, clusters, bootstrapResamples, seed) : mean(values);
    }

    /** Mean with the normal-approximation interval {@code 1.96 · sd / √n} (sample sd, n − 1). */
    public static Estimate mean(double[] values) {
        int n = values.length;
        if (n == 0) return Estimate.EMPTY;
        double sum = 0;
        for (double v : values) sum += v;
        double mean = sum / n;
        if (n == 1) return Estimate.symmetric(mean, 0, 1);
        double ss = 0;
        for (double v : values) ss += (v - mean) * (v - mean);
        double sd = Math.sqrt(ss / (n - 1));
        return Estimate.symmetric(mean, Z95 * sd / Math.sqrt(n), n);
    }

    /**
     * Percentile bootstrap of the mean that resamples whole examples ({@code clusters[i]} names the
     * example of row i), because the targets of one example share one ranked list and are not
     * independent. {@code ci95} is half the interval's width.
     */
    public static Estimate bootstrap(double[] values, int[] clusters, int resamples, long seed) {
        int n = values.length;
        if (n == 0) return Estimate.EMPTY;
        if (clusters.length != n) throw new IllegalArgumentException(clusters.length + " cluster ids for " + n + " values");
        int numClusters = 0;
        for (int c : clusters) numClusters = Math.max(numClusters, c + 1);
        double[] clusterSum = new double[numClusters];
        int[] clusterCount = new int[numClusters];
        double sum = 0;
        for (int i = 0; i < n; i++) {
            clusterSum[clusters[i]] += values[i];
            clusterCount[clusters[i]]++;
            sum += values[i];
        }
        SplittableRandom random = new SplittableRandom(seed);
        double[] means = new double[resamples];
        for (int b = 0; b < resamples; b++) {
            double s = 0;
            long count = 0;
            for (int j = 0; j < numClusters; j++) {
                int c = random.nextInt(numClusters);
                s += clusterSum[c];
                count += clusterCount[c];
            }
            means[b] = count == 0 ? 0 : s / count;
        }
        Arrays.sort(means);
        double low = percentile(means, 0.025);
        double high = percentile(means, 0.975);
        return new Estimate(sum / n, (high - low) / 2, low, high, n);
    }

    /** Linear-interpolated percentile of sorted values, q in [0, 1]. */
    static double percentile(double[] sorted, double q) {
        if (sorted.length == 0) return 0;
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }

    static double[] column(List<TargetRow> rows, ToDoubleFunction<TargetRow> f) {
        double[] out = new double[rows.size()];
        for (int i = 0; i < out.length; i++) out[i] = f.applyAsDouble(rows.get(i));
        return out;
    }

    /** Dense example indices for the rows, in order of first appearance. */
    static int[] clusters(List<TargetRow> rows) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        int[] out = new int[rows.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = ids.computeIfAbsent(rows.get(i).exampleId(), x -> ids.size());
        }
        return out;
    }
}
