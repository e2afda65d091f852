package dev.rarec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.pytorch.jni.JniUtils;

import java.util.Arrays;

/**
 * The pretraining loss, -mean log softmax(s · w_c + b_c)[target], over a candidate set (all items, or the
 * batch's targets plus sampled negatives), computed a block of rows at a time with its gradient written out:
 * d/d logits = softmax - onehot. Autograd through log-softmax would keep the [rows × candidates] logits, their
 * log-softmax and a same-sized gradient (about 350 MB each for a batch of ml-1m), and every pass over them
 * runs from main memory; here a block of rows stays in cache and nothing of that size is ever kept.
 */
final class SoftmaxNll {
    /** Logits per block of rows: about 4 MB of floats, so that the block's passes stay in cache. */
    static final int BLOCK_FLOATS = 1 << 20;

    private SoftmaxNll() {}

    /**
     * @param states  user states [M, d], differentiable
     * @param weights candidate item vectors with their score bias as the last column [C, d + 1], differentiable
     * @param labels  per row, the index of its target among the candidates
     * @return a scalar whose value is the NLL and whose gradient is the NLL's
     */
    static NDArray loss(NDArray states, NDArray weights, long[] labels) {
        return loss(states, weights, labels, (int) Math.max(1, BLOCK_FLOATS / weights.getShape().get(0)));
    }

    /** {@link #loss} with {@code block} rows per block. */
    static NDArray loss(NDArray states, NDArray weights, long[] labels, int block) {
        NDManager m = states.getManager();
        int rows = (int) states.getShape().get(0);
        if (labels.length != rows) throw new IllegalArgumentException(labels.length + " labels for " + rows + " states");
        NDArray s = NDArrays.concat(new NDList(states, m.ones(new Shape(rows, 1))), 1); // the 1 multiplies the bias
        NDArray gradStates;
        NDArray gradWeights;
        double logLikelihood = 0;
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        try {
            NDArray sd = s.stopGradient();
            NDArray wd = weights.stopGradient();
            gradWeights = m.zeros(wd.getShape());
            NDList parts = new NDList();
            for (int from = 0; from < rows; from += block) {
                int to = Math.min(rows, from + block);
                try (NDManager scratch = m.newSubManager()) {
                    NDArray rowsOf = sd.get(new NDIndex("{}:{}", from, to));
                    rowsOf.attach(scratch);
                    // one pass of exp over the block: softmax is the gradient of the log-sum-exp part (the target part
                    // is below), and the log-likelihood needs only the targets' probabilities. (Log-softmax then exp
                    // took two.) A probability that underflows counts as the smallest float's.
                    NDArray probs = rowsOf.matMul(wd.transpose()).softmax(1);
                    NDArray target = scratch.create(Arrays.copyOfRange(labels, from, to), new Shape(to - from, 1));
                    logLikelihood += probs.gather(target, 1).maximum(Float.MIN_VALUE).log().sum().getFloat();
                    NDArray part = probs.matMul(wd);
                    part.attach(m);
                    parts.add(part);
                    gradWeights.addi(probs.transpose().matMul(rowsOf));
                }
            }
            gradStates = NDArrays.concat(parts, 0).divi(rows);
            gradWeights.divi(rows);
        } finally {
            JniUtils.setGradMode(gradMode);
        }
        // mean log-sum-exp (gradients given) minus the mean target logit (left to autograd: one row per state)
        NDArray targetLogits = s.mul(weights.get(m.create(labels))).sum();
        NDArray surrogate = s.mul(gradStates).sum().add(weights.mul(gradWeights).sum()).sub(targetLogits.div(rows));
        float value = (float) (-logLikelihood / rows);
        return surrogate.add(value - surrogate.getFloat());
    }
}
