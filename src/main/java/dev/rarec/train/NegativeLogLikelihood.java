package dev.rarec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;

import java.util.Collection;
import java.util.List;

/**
 * L_nll of eq. 6 (line 16 of algorithm 1): -log softmax over all corpus items of each target, averaged over
 * an example's targets and then over the examples. It keeps the retriever a good retriever on its own
 * while the preference term moves it towards what the generator ranks well.
 */
final class NegativeLogLikelihood {
    private NegativeLogLikelihood() {}

    /**
     * @param scores  s_j, shape [B, N]
     * @param targets per row, the target items; every row needs at least one
     */
    static NDArray loss(NDArray scores, List<? extends Collection<Integer>> targets) {
        int rows = (int) scores.getShape().get(0);
        if (targets.size() != rows) throw new IllegalArgumentException(targets.size() + " target lists for " + rows + " score rows");
        int width = 1;
        for (Collection<Integer> t : targets) width = Math.max(width, t.size());
        long[] index = new long[rows * width];
        float[] weight = new float[rows * width];
        for (int b = 0; b < rows; b++) {
            Collection<Integer> t = targets.get(b);
            if (t.isEmpty()) throw new IllegalArgumentException("row " + b + " has no target");
            int i = 0;
            for (int item : t) {
                index[b * width + i] = item;
                weight[b * width + i] = 1f / (t.size() * rows);
                i++;
            }
        }
        NDArray logProbs = scores.logSoftmax(1);
        NDArray picked = logProbs.gather(scores.getManager().create(index, new Shape(rows, width)), 1);
        NDArray w = scores.getManager().create(weight, new Shape(rows, width)).toType(scores.getDataType(), false);
        return picked.mul(w).sum().neg();
    }
}
