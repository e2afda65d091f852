package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import java.util.ArrayList;
import java.util.Arrays;
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
 * <p>Sampling follows that generative process literally on the host, from a seeded {@link Random}: one pass
 * over the items builds the cumulative weights of exp(s_j/τ), shared by all sets drawn for a history;
 * each draw is a binary search, and an item already drawn is rejected and redrawn, which leaves exactly
 * the distribution over the remaining items. When the drawn items hold nearly all of the mass the
 * rejections are replaced by an exact scan of the remaining items. This is exact like the Gumbel-top-k
 * trick (PyTorch's multinomial is not available through DJL) at one exp per item per history instead of
 * two logs per item per set, which matters with 8 sets over a corpus of 10^5 items.
 *
 * <p>The log-likelihood is computed with NDArray operations so that the preference losses can
 * back-propagate through it.
 */
public final class PlackettLuce {
    /** Added to masked scores: exp of it underflows to exactly 0 without the NaN gradients of -inf. */
    private static final float MASKED = -1e30f;

    private PlackettLuce() {}

    /** Below this share of the mass outside a set, its log-mass is summed exactly rather than by subtraction. */
    private static final double NEARLY_ALL_MASS = 1e-3;

    /** Consecutive rejections after which a draw scans the remaining items instead. */
    private static final int MAX_REJECTIONS = 32;

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
        int n = scores.length;
        boolean[] excluded = new boolean[n];
        for (int item : masked) if (item >= 0 && item < n) excluded[item] = true;
        double max = Double.NEGATIVE_INFINITY;
        int available = 0;
        for (int i = 0; i < n; i++) {
            if (excluded[i]) continue;
            available++;
            max = Math.max(max, scores[i] / temperature);
        }
        if (k < 1 || k > available) {
            throw new IllegalArgumentException("cannot draw " + k + " items from " + available + " unmasked items");
        }
        double[] cumulative = new double[n];
        double total = 0;
        for (int i = 0; i < n; i++) {
            if (!excluded[i]) total += Math.exp(scores[i] / temperature - max);
            cumulative[i] = total;
        }
        List<int[]> sets = new ArrayList<>(count);
        for (int c = 0; c < count; c++) {
            int[] set = new int[k];
            for (int draw = 0; draw < k; draw++) {
                int item = -1;
                for (int attempt = 0; attempt < MAX_REJECTIONS && item < 0; attempt++) {
                    int candidate = firstAbove(cumulative, random.nextDouble() * total);
                    if (candidate < n && !excluded[candidate]) item = candidate;
                }
                if (item < 0) item = drawFromRemaining(scores, excluded, temperature, random);
                excluded[item] = true;
                set[draw] = item;
            }
            for (int item : set) excluded[item] = false;
            for (int item : masked) if (item >= 0 && item < n) excluded[item] = true;
            sets.add(set);
        }
        return sets;
    }

    /** The first index whose cumulative weight exceeds x (n when none does). */
    private static int firstAbove(double[] cumulative, double x) {
        int lo = 0;
        int hi = cumulative.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (cumulative[mid] > x) hi = mid;
            else lo = mid + 1;
        }
        return lo;
    }

    /** One exact draw among the items not excluded, with weights shifted by their own maximum. */
    private static int drawFromRemaining(float[] scores, boolean[] excluded, double temperature, Random random) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < scores.length; i++) if (!excluded[i]) max = Math.max(max, scores[i] / temperature);
        double total = 0;
        for (int i = 0; i < scores.length; i++) if (!excluded[i]) total += Math.exp(scores[i] / temperature - max);
        double x = random.nextDouble() * total;
        int last = -1;
        for (int i = 0; i < scores.length; i++) {
            if (excluded[i]) continue;
            last = i;
            x -= Math.exp(scores[i] / temperature - max);
            if (x < 0) return i;
        }
        return last;
    }

    /**
     * log P(C | history) of eq. 3 for several ordered sets at once, differentiable with respect to
     * {@code scores}. The normaliser of the i-th draw runs over every item that is neither masked nor
     * among c_1..c_{i-1}. It is computed as a log-sum-exp of the not-yet-drawn set items c_i..c_k and
     * of the log-mass of the items outside the set, so no draw's normaliser is obtained by subtraction;
     * the log-mass outside a set is, unless the set holds nearly all of it (then it is summed exactly).
     *
     * @param scores      s_j, shape [B, N]
     * @param rows        for each set, the row of {@code scores} (the history) it was drawn for
     * @param sets        the ordered sets, all of the same size k
     * @param masked      for each row of {@code scores}, the items excluded from the policy
     * @param temperature τ, the same as when sampling
     * @return log-likelihoods, shape [sets.size()], in the data type of {@code scores} (float64 scores give
     *         exact values, float32 ones agree to about 1e-5 for k = 25)
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

        float[] rowMask = new float[numRows * n];
        for (int b = 0; b < numRows; b++) {
            for (int item : masked.get(b)) if (item >= 0 && item < n) rowMask[b * n + item] = MASKED;
        }
        long[] flatIndex = new long[s * k];
        long[] setRow = new long[s];
        for (int j = 0; j < s; j++) {
            int row = rows[j];
            if (row < 0 || row >= numRows) throw new IllegalArgumentException("set " + j + " refers to row " + row + " of " + numRows);
            int[] set = sets.get(j);
            if (set.length != k) throw new IllegalArgumentException("set " + j + " has " + set.length + " items, expected " + k);
            Set<Integer> seen = new HashSet<>();
            for (int i = 0; i < k; i++) {
                int item = set[i];
                if (item < 0 || item >= n) throw new IllegalArgumentException("set " + j + " holds item " + item + " outside [0, " + n + ")");
                if (!seen.add(item)) throw new IllegalArgumentException("set " + j + " holds item " + item + " twice");
                if (rowMask[row * n + item] != 0) throw new IllegalArgumentException("set " + j + " holds masked item " + item);
                flatIndex[j * k + i] = (long) row * n + item;
            }
            setRow[j] = row;
        }

        // Two traps of DJL's PyTorch engine: toType detaches an array from the autograd graph (so the
        // computation stays in the scores' own type; only constants are cast), and an operation with a
        // Number operand (mul, div, maximum) keeps that number in memory the garbage collector may free
        // before backward reads it (so constants are arrays of the manager, see scalar).
        NDManager manager = scores.getManager();
        DataType type = scores.getDataType();
        NDArray scaled = scores.mul(NdMath.scalar(scores, 1.0 / temperature));                                                   // [B, N]
        NDArray chosen = scaled.reshape(numRows * (long) n).gather(manager.create(flatIndex), 0).reshape(s, k); // [S, k]
        NDArray total = NdMath.logSumExp(scaled.add(manager.create(rowMask, new Shape(numRows, n)).toType(type, false)), 1)
                .gather(manager.create(setRow), 0);                                                // [S]

        // The log-mass outside the set, log(Z - Z_set) = log Z + log(1 - Z_set / Z). That subtraction is
        // precise unless the set holds nearly all of the mass; such sets get an exact log-sum-exp over their
        // row with the set masked instead. The clamp keeps their unused fast value (and its gradient) finite.
        NDArray fraction = NdMath.logSumExp(chosen, 1).sub(total).exp();                                   // [S]
        NDArray rest = total.add(fraction.neg().add(1).maximum(NdMath.scalar(fraction, 1e-30)).log());
        double[] fractions = fraction.toType(DataType.FLOAT64, true).toDoubleArray();
        List<Integer> heavy = new ArrayList<>();
        for (int j = 0; j < s; j++) if (1 - fractions[j] < NEARLY_ALL_MASS) heavy.add(j);
        if (!heavy.isEmpty()) rest = withExactRest(scaled, rest, heavy, rows, sets, rowMask, n, type);

        // Normaliser of draw i: log-sum-exp over [c_i .. c_k, rest]; a [k, k+1] mask hides c_1..c_{i-1}.
        NDArray terms = chosen.concat(rest.reshape(s, 1), 1);                                       // [S, k+1]
        float[] prefix = new float[k * (k + 1)];
        for (int i = 0; i < k; i++) for (int l = 0; l < i; l++) prefix[i * (k + 1) + l] = MASKED;
        NDArray hidden = manager.create(prefix, new Shape(1, k, k + 1)).toType(type, false);
        NDArray normalisers = NdMath.logSumExp(terms.reshape(s, 1, k + 1).add(hidden), 2);                // [S, k]
        return chosen.sub(normalisers).sum(new int[] {1});
    }

    /**
     * {@code rest} with the entries of the {@code heavy} sets replaced by an exact log-sum-exp over their row
     * with the set masked. Rows are picked and entries placed with one-hot matrix products and blended with
     * constant masks: indexing and stacking scalars gave intermittent NaN gradients in DJL's PyTorch engine.
     */
    private static NDArray withExactRest(NDArray scaled, NDArray rest, List<Integer> heavy, int[] rows, List<int[]> sets,
                                         float[] rowMask, int n, DataType type) {
        NDManager manager = scaled.getManager();
        int numRows = (int) scaled.getShape().get(0);
        int s = rows.length;
        int f = heavy.size();
        float[] pick = new float[f * numRows];
        float[] place = new float[f * s];
        float[] outside = new float[f * n];
        float[] keep = new float[s];
        Arrays.fill(keep, 1f);
        for (int h = 0; h < f; h++) {
            int j = heavy.get(h);
            pick[h * numRows + rows[j]] = 1f;
            place[h * s + j] = 1f;
            keep[j] = 0f;
            System.arraycopy(rowMask, rows[j] * n, outside, h * n, n);
            for (int item : sets.get(j)) outside[h * n + item] = MASKED;
        }
        NDArray heavyRows = manager.create(pick, new Shape(f, numRows)).toType(type, false).matMul(scaled);     // [F, N]
        NDArray exact = NdMath.logSumExp(heavyRows.add(manager.create(outside, new Shape(f, n)).toType(type, false)), 1); // [F]
        NDArray placed = exact.reshape(1, f).matMul(manager.create(place, new Shape(f, s)).toType(type, false)).reshape(s);
        return rest.mul(manager.create(keep).toType(type, false)).add(placed);
    }
}
