package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import java.util.Random;

/** Multi-head scaled dot-product attention, shared by SASRec (causal) and BERT4Rec (bidirectional). */
final class Attention extends ParamBlock {
    private final Dense query;
    private final Dense key;
    private final Dense value;
    private final Dense output;
    private final int heads;
    private final double dropout;

    Attention(NDManager manager, Random rng, int d, int heads, double dropout) {
        this.query = addChildBlock("q", new Dense(manager, rng, d, d, true));
        this.key = addChildBlock("k", new Dense(manager, rng, d, d, true));
        this.value = addChildBlock("v", new Dense(manager, rng, d, d, true));
        this.output = addChildBlock("out", new Dense(manager, rng, d, d, true));
        this.heads = heads;
        this.dropout = dropout;
    }

    /** @param bias additive attention bias [B, 1, L, L]: 0 where a query may look, -1e9 elsewhere */
    NDArray apply(NDArray queries, NDArray keysValues, NDArray bias, boolean training) {
        long b = queries.getShape().get(0);
        long l = queries.getShape().get(1);
        long d = queries.getShape().get(2);
        long dh = d / heads;
        // 1/sqrt(dh) scales the queries [B, L, d] rather than the scores [B, heads, L, L]: with SASRec's windows of 200
        // the scores are 6 times larger, and dividing them (forward and backward) was a visible share of a step's profile.
        NDArray q = query.apply(queries).div(NdMath.scalar(queries, Math.sqrt(dh))).reshape(b, l, heads, dh).transpose(0, 2, 1, 3);
        NDArray k = key.apply(keysValues).reshape(b, l, heads, dh).transpose(0, 2, 3, 1);
        NDArray v = value.apply(keysValues).reshape(b, l, heads, dh).transpose(0, 2, 1, 3);
        NDArray weights = q.matMul(k).add(bias).softmax(-1);
        NDArray mixed = dropout(weights, dropout, training).matMul(v).transpose(0, 2, 1, 3).reshape(b, l, d);
        return output.apply(mixed);
    }

    /**
     * The additive bias for a left-padded window: padded keys are hidden, and with {@code causal} so are
     * later positions. Every position may see itself, so a padded query still has a well-defined softmax.
     */
    static NDArray bias(NDArray mask, boolean causal) {
        NDManager m = mask.getManager();
        int b = (int) mask.getShape().get(0);
        int l = (int) mask.getShape().get(1);
        float[] allowed = new float[l * l];
        for (int i = 0; i < l; i++) for (int j = 0; j < l; j++) allowed[i * l + j] = !causal || j <= i ? 1f : 0f;
        NDArray visible = mask.reshape(b, 1, 1, l).mul(m.create(allowed, new Shape(l, l)));
        return visible.maximum(m.eye(l)).sub(1f).mul(1e9f);
    }

    /** Learned position vectors for a window of length l, counted from the right (the latest item is 0). */
    static NDArray positions(NDManager m, ai.djl.nn.Parameter table, int l) {
        return own(m, table.getArray().get(new ai.djl.ndarray.index.NDIndex("0:{}", l))).flip(0);
    }
}
