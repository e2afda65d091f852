package dev.rarec.generator;

/**
 * The item embeddings as the hybrid's text query reads them, kept so that a request need not score every item.
 *
 * <p>The text signal is the cosine between the query and each item's embedding, standardised over the corpus.
 * Its mean and spread follow from the embeddings' first and second moments, summed here once
 * ({@code mean = q·Σx / n}, {@code mean square = qᵀ(Σxxᵀ)q / n}): a 384 x 384 product per request instead of
 * 113,120 dot products of 384 floats, the bulk of a request's time under serve's load. And no cosine exceeds
 * {@code |q|} times the largest item norm, so {@link HybridCandidates} computes exactly only the cosines of
 * the items whose other signals, plus that bound, still reach its k-th best (a few hundred on serve's load).
 */
final class TextIndex {
    /** Items per block of float sums in the second moments; each block is added to double sums, so rounding stays near 1e-7. */
    private static final int BLOCK = 128;

    private final float[][] items;
    private final int dimension;
    /** Σ x over the items. */
    private final double[] sum;
    /** Σ x xᵀ over the items, upper triangle (row a holds columns a..). */
    private final double[][] squares;
    private final double maxNorm;

    /** @param items the metadata embedding of every corpus item, all of one dimension */
    TextIndex(float[][] items) {
        this.items = items;
        this.dimension = items.length == 0 ? 0 : items[0].length;
        this.sum = new double[dimension];
        this.squares = new double[dimension][dimension];
        double maxSquare = 0;
        for (float[] x : items) {
            if (x.length != dimension) throw new IllegalArgumentException("item embeddings of dimensions " + dimension + " and " + x.length);
            double norm = 0;
            for (int d = 0; d < dimension; d++) {
                sum[d] += x[d];
                norm += (double) x[d] * x[d];
            }
            maxSquare = Math.max(maxSquare, norm);
        }
        this.maxNorm = Math.sqrt(maxSquare);
        addSquares();
    }

    /**
     * Σ x xᵀ a block of items at a time: row a of the block gains {@code x[a] · x[a..]} per item, a loop the JIT
     * vectorises, over a block small enough to stay in cache (about one second for 113,120 x 384).
     */
    private void addSquares() {
        float[][] block = new float[dimension][dimension];
        for (int start = 0; start < items.length; start += BLOCK) {
            int end = Math.min(items.length, start + BLOCK);
            for (int a = 0; a < dimension; a++) {
                float[] row = block[a];
                for (int j = start; j < end; j++) {
                    float[] x = items[j];
                    float xa = x[a];
                    for (int b = a; b < dimension; b++) row[b] += xa * x[b];
                }
            }
            for (int a = 0; a < dimension; a++) {
                for (int b = a; b < dimension; b++) {
                    squares[a][b] += block[a][b];
                    block[a][b] = 0;
                }
            }
        }
    }

    /**
     * One query's cosines over the corpus, known without computing them.
     *
     * @param mean  their mean
     * @param std   their standard deviation
     * @param bound no cosine's magnitude exceeds it, float rounding included
     */
    record Spread(double mean, double std, double bound) {
        /** (cosine - mean) / std, as the signal is standardised; 0 for a constant signal. */
        float standardised(float cosine) {
            return std < 1e-12 ? 0 : (float) ((cosine - mean) / std);
        }
    }

    Spread spread(float[] q) {
        checkDimension(q);
        double n = items.length;
        double mean = 0, quadratic = 0, norm = 0;
        for (int a = 0; a < dimension; a++) {
            mean += q[a] * sum[a];
            norm += (double) q[a] * q[a];
            double[] row = squares[a];
            double cross = 0;
            for (int b = a + 1; b < dimension; b++) cross += row[b] * q[b];
            quadratic += q[a] * (row[a] * q[a] + 2 * cross);
        }
        if (n == 0) return new Spread(0, 0, 0);
        mean /= n;
        double variance = Math.max(0, quadratic / n - mean * mean);
        // A float dot product of 384 terms rounds by far less than this margin.
        double bound = Math.sqrt(norm) * maxNorm * (1 + 1e-4) + 1e-6;
        return new Spread(mean, Math.sqrt(variance), bound);
    }

    /** The cosine of {@code q} with every item. */
    float[] cosines(float[] q) {
        checkDimension(q);
        return dots(q, items);
    }

    /** The cosine of {@code q} with each of the items {@code ids}, as {@link #cosines(float[])} computes it. */
    float[] cosines(float[] q, int[] ids) {
        checkDimension(q);
        float[][] rows = new float[ids.length][];
        for (int j = 0; j < ids.length; j++) rows[j] = items[ids[j]];
        return dots(q, rows);
    }

    float[] item(int id) {
        return items[id];
    }

    private void checkDimension(float[] q) {
        if (items.length > 0 && q.length != dimension) {
            throw new GeneratorException("embedding dimensions differ (" + q.length + " vs " + dimension
                    + "): the text encoder must be the model the item embeddings were made with");
        }
    }

    /**
     * {@link #dot}{@code (q, rows[i])} for every row, bit for bit, four rows at a time: each row keeps its
     * own four partial sums in dot's order, and the sixteen independent sums keep the core busy where
     * one row's four would wait on each other.
     */
    static float[] dots(float[] q, float[][] rows) {
        float[] out = new float[rows.length];
        int dim = q.length;
        int i = 0;
        for (; i + 3 < rows.length && dim % 4 == 0; i += 4) {
            float[] r0 = rows[i], r1 = rows[i + 1], r2 = rows[i + 2], r3 = rows[i + 3];
            if (r0.length != dim || r1.length != dim || r2.length != dim || r3.length != dim) break;
            float a0 = 0, a1 = 0, a2 = 0, a3 = 0, b0 = 0, b1 = 0, b2 = 0, b3 = 0;
            float c0 = 0, c1 = 0, c2 = 0, c3 = 0, e0 = 0, e1 = 0, e2 = 0, e3 = 0;
            for (int d = 0; d < dim; d += 4) {
                float q0 = q[d], q1 = q[d + 1], q2 = q[d + 2], q3 = q[d + 3];
                a0 += q0 * r0[d]; a1 += q1 * r0[d + 1]; a2 += q2 * r0[d + 2]; a3 += q3 * r0[d + 3];
                b0 += q0 * r1[d]; b1 += q1 * r1[d + 1]; b2 += q2 * r1[d + 2]; b3 += q3 * r1[d + 3];
                c0 += q0 * r2[d]; c1 += q1 * r2[d + 1]; c2 += q2 * r2[d + 2]; c3 += q3 * r2[d + 3];
                e0 += q0 * r3[d]; e1 += q1 * r3[d + 1]; e2 += q2 * r3[d + 2]; e3 += q3 * r3[d + 3];
            }
            out[i] = a0 + a1 + a2 + a3;
            out[i + 1] = b0 + b1 + b2 + b3;
            out[i + 2] = c0 + c1 + c2 + c3;
            out[i + 3] = e0 + e1 + e2 + e3;
        }
        for (; i < rows.length; i++) out[i] = dot(q, rows[i]);
        return out;
    }

    /** A dot product with four partial sums, which the JIT keeps in registers. */
    static float dot(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new GeneratorException("embedding dimensions differ (" + a.length + " vs " + b.length
                    + "): the text encoder must be the model the item embeddings were made with");
        }
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0;
        int d = 0;
        for (; d + 3 < a.length; d += 4) {
            s0 += a[d] * b[d];
            s1 += a[d + 1] * b[d + 1];
            s2 += a[d + 2] * b[d + 2];
            s3 += a[d + 3] * b[d + 3];
        }
        for (; d < a.length; d++) s0 += a[d] * b[d];
        return s0 + s1 + s2 + s3;
    }
}
