package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Activation;
import ai.djl.nn.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * SASRec (Kang and McAuley, ICDM 2018): item vectors scaled by sqrt(d) plus learned positions, then
 * pre-norm causal self-attention blocks with a point-wise feed-forward layer, and a final layer norm.
 */
final class SasRec extends SequenceEncoder {
    private final Parameter positions;
    private final List<LayerNorm> attentionNorms = new ArrayList<>();
    private final List<Attention> attentions = new ArrayList<>();
    private final List<LayerNorm> forwardNorms = new ArrayList<>();
    private final List<Dense[]> forwards = new ArrayList<>();
    private final LayerNorm lastNorm;
    private final double dropout;
    private final int d;

    SasRec(NDManager manager, Random rng, RetrieverConfig cfg) {
        this.d = cfg.hiddenSize();
        this.dropout = cfg.dropout();
        this.positions = weight("position_embedding", manager, rng, cfg.maxLen() + 1, d);
        for (int b = 0; b < cfg.blocks(); b++) {
            attentionNorms.add(addChildBlock("attention_layer_norm", new LayerNorm(manager, d)));
            attentions.add(addChildBlock("attention", new Attention(manager, rng, d, cfg.heads(), cfg.dropout())));
            forwardNorms.add(addChildBlock("forward_layer_norm", new LayerNorm(manager, d)));
            forwards.add(new Dense[] {
                    addChildBlock("forward_1", new Dense(manager, rng, d, d, true)),
                    addChildBlock("forward_2", new Dense(manager, rng, d, d, true))});
        }
        this.lastNorm = addChildBlock("last_layer_norm", new LayerNorm(manager, d));
    }

    @Override
    NDArray encode(NDArray x, NDArray mask, boolean training) {
        int l = (int) x.getShape().get(1);
        NDArray keep = mask.expandDims(-1);
        NDArray h = x.mul(NdMath.scalar(x, Math.sqrt(d))).add(Attention.positions(x.getManager(), positions, l));
        h = dropout(h, dropout, training).mul(keep);
        NDArray bias = Attention.bias(mask, true);
        for (int b = 0; b < attentions.size(); b++) {
            NDArray q = attentionNorms.get(b).apply(h);
            h = q.add(attentions.get(b).apply(q, h, bias, training));
            h = forwardNorms.get(b).apply(h);
            Dense[] ff = forwards.get(b);
            NDArray inner = dropout(Activation.relu(ff[0].apply(h)), dropout, training);
            h = dropout(ff[1].apply(inner), dropout, training).add(h).mul(keep);
        }
        return lastNorm.apply(h);
    }

    @Override
    int window(int n) {
        return Math.max(1, n);
    }
}
