package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * The retriever as a policy over ordered candidate sets (eq. 3 of section 3.3): a set C = (c_1..c_k) is
 * drawn item by item without replacement, each item with probability proportional to exp(s_j / τ) among
 * the items not drawn yet. Items of the history are masked: they are never drawn and never count in a
 * normaliser, as the retriever never recommends what the user just named.
 *
 * <p>Sampling uses the Gumbel-top-k trick (the k largest of s_j/τ + Gumbel noise, in order, are an exact
 * Plackett-Luce sample), because PyTorch's multinomial is not available through DJL. The log-likelihood
 * is computed with NDArray operations so that preference losses can back-propagate through it.
 */
public final class PlackettLuce {
    /** Added to masked scores: exp of it underflows to exactly 0 without the NaN gradients of -inf. */
    private static final double MASKED = -1e30;

    private PlackettLuce() {}

    /**
     * Samples {@code count} independent ordered candidate sets of {@code k} items each.
     *
     * @param scores      the retriever's score s_j of every item
     * @param masked      items that may not be drawn (the history)
     * @param temperature τ; lower concentrates the policy on the top items
     * @param random      the run's seeded source of randomness
     * @return the sets, each in draw order (first drawn first)
     */
    public static List<int[]> sample(float[] scores, Collection<Integer> masked, int k, int count,
                                     double temperature, Random random) {
        if (temperature <= 0) throw new IllegalArgumentException("temperature must be > 0, got " + temperature);
        Set<Integer> mask = masked instanceof Set<Integer> s ? s : new HashSet<>(masked);
        int available = 0;
        for (int i = 0; i < scores.length; i++) if (!mask.contains(i)) available++;
        if (k < 1 || k > available) {
            throw new IllegalArgumentException("cannot draw " + k + " items from " + available + " unmasked items");
        }
        List<int[]> sets = new ArrayList<>(count);
        float[] keys = new float[scores.length];
        for (int c = 0; c < count; c++) {
            for (int i = 0; i < scores.length; i++) {
                double u = random.nextDouble();
                // u == 0 would give an infinite key; redraw instead of biasing by clamping.
                while (u == 0.0) u = random.nextDouble();
                keys[i] = (float) (scores[i] / temperature - Math.log(-Math.log(u)));
            }
            List<ScoredItem> top = TopK.select(keys, k, mask);
            int[] set = new int[k];
            for (int i = 0; i < k; i++) set[i] = top.get(i).item();
            sets.add(set);
        }
        return sets;
    }

    /**
     * log P(C | history) of eq. 3 for several ordered sets at once, differentiable with respect to
     * {@code scores}. The normaliser of the i-th draw runs over every item that is neither masked nor
     * among c_1..c_{i-1}. It is computed as a log-sum-exp of the not-yet-drawn set items c_i..c_k and
     * of the log-mass of the items outside the set, so no probability mass is ever subtracted (which
     * would cancel catastrophically when the set holds nearly all of the mass).
     *
     * @param scores      s_j, shape [B, N]
     * @param rows        for each set, the row of {@code scores} (the history) it was drawn for
     * @param sets        the ordered sets, all of the same size k
     * @param masked      for each row of {@code scores}, the items excluded from the policy
     * @param temperature τ, the same as when sampling
     * @return log-likelihoods, shape [sets.size()], in the data type of {@code scores}
     */
    public static NDArray logLikelihood(NDArray scores, int[] rows, List<int[]> sets,
                                        List<? extends Collection<Integer>> masked, double temperature) {
        if (scores.getShape().dimension() != 2) {
            throw new IllegalArgumentException("scores must be [B, N], got " + scores.getShape());
        }
        int numRows = (int) scores.getShape().get(0);
        int n = (int) scores.getShape().get(1);
        if (rows.length != sets.size()) throw new IllegalArgumentException(rows.length + " rows for " + sets.size() + " sets");
        if (masked.size() != numRows) throw new IllegalArgumentException(masked.size() + " masks for " + numRows + " score rows");
        if (sets.isEmpty()) throw new IllegalArgumentException("no candidate sets");
        int k = sets.get(0).length;
        int s = sets.size();

        float[] restMask = new float[s * n];
        int[] setIndex = new int[s * k];
        for (int j = 0; j < s; j++) {
            int row = rows[j];
            if (row < 0 || row >= numRows) throw new IllegalArgumentException("set " + j + " refers to row " + row + " of " + numRows);
            int[] set = sets.get(j);
            if (set.length != k) throw new IllegalArgumentException("set " + j + " has " + set.length + " items, expected " + k);
            Collection<Integer> rowMask = masked.get(row);
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < k; i++) {
                int item = set[i];
                if (item < 0 || item >= n) throw new IllegalArgumentException("set " + j + " holds item " + item + " outside [0, " + n + ")");
                if (!seen.add(item)) throw new IllegalArgumentException("set " + j + " holds item " + item + " twice");
                if (rowMask.contains(item)) throw new IllegalArgumentException("set " + j + " holds masked item " + item);
                setIndex[j * k + i] = item;
                restMask[j * n + item] = (float) MASKED;
            }
            for (int item : rowMask) {
                if (item >= 0 && item < n) restMask[j * n + item] = (float) MASKED;
            }
        }

        NDManager manager = scores.getManager();
        NDArray scaled = scores.toType(DataType.FLOAT64, false).div(temperature);
        NDList perSet = new NDList(s);
        for (int j = 0; j < s; j++) perSet.add(scaled.get(rows[j]));
        NDArray setRows = NDArrays.stack(perSet);                                   // [S, N]
        NDArray chosen = setRows.gather(manager.create(setIndex, new Shape(s, k)).toType(DataType.INT64, false), 1); // [S, k]
        NDArray rest = logSumExp(setRows.add(manager.create(restMask, new Shape(s, n)).toType(DataType.FLOAT64, false)), 1); // [S]

        // Normaliser of draw i: log-sum-exp over [c_i .. c_k, rest]; a [k, k+1] mask hides c_1..c_{i-1}.
        NDArray terms = chosen.concat(rest.reshape(s, 1), 1);                       // [S, k+1]
        double[] prefix = new double[k * (k + 1)];
        for (int i = 0; i < k; i++) for (int l = 0; l < i; l++) prefix[i * (k + 1) + l] = MASKED;
        NDArray suffixTerms = terms.reshape(s, 1, k + 1).add(manager.create(prefix, new Shape(1, k, k + 1))); // [S, k, k+1]
        NDArray normalisers = logSumExp(suffixTerms, 2);                             // [S, k]
        return chosen.sub(normalisers).sum(new int[] {1}).toType(scores.getDataType(), false);
    }

    /** log Σ exp(x) along {@code axis}, shifted by the (constant) maximum so exp never overflows. */
    public static NDArray logSumExp(NDArray x, int axis) {
        NDArray max = x.max(new int[] {axis}, true).stopGradient();
        return x.sub(max).exp().sum(new int[] {axis}, true).log().add(max).squeeze(axis);
    }
}
