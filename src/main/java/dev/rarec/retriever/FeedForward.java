package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;

import java.util.Random;

/**
 * The position-wise feed-forward sub-layer of LRURec, BERT4Rec and FMLP-Rec: d → 4d → d with GELU,
 * dropout, a residual connection and a layer norm after it.
 */
final class FeedForward extends ParamBlock {
    private final Dense up;
    private final Dense down;
    private final LayerNorm norm;
    private final double dropout;

    FeedForward(NDManager manager, Random rng, int d, double dropout) {
        this.up = addChildBlock("w_1", new Dense(manager, rng, d, 4 * d, true));
        this.down = addChildBlock("w_2", new Dense(manager, rng, 4 * d, d, true));
        this.norm = addChildBlock("layer_norm", new LayerNorm(manager, d));
        this.dropout = dropout;
    }

    NDArray apply(NDArray x, boolean training) {
        NDArray hidden = dropout(Activation.gelu(up.apply(x)), dropout, training);
        return norm.apply(dropout(down.apply(hidden), dropout, training).add(x));
    }
}
