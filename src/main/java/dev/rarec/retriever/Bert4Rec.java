package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * BERT4Rec (Sun et al., CIKM 2019): bidirectional post-norm transformer blocks over item vectors plus
 * learned positions. It is trained as a cloze task and predicts the next item at a mask token appended to
 * the history, whose vector is the learned {@code mask_embedding}.
 */
final class Bert4Rec extends SequenceEncoder {
    private final Parameter positions;
    private final Parameter maskEmbedding;
    private final LayerNorm inputNorm;
    private final List<Attention> attentions = new ArrayList<>();
    private final List<LayerNorm> attentionNorms = new ArrayList<>();
    private final List<FeedForward> feedForwards = new ArrayList<>();
    private final double dropout;

    Bert4Rec(NDManager manager, Random rng, RetrieverConfig cfg) {
        int d = cfg.hiddenSize();
        this.dropout = cfg.dropout();
        this.positions = weight("position_embedding", manager, rng, cfg.maxLen() + 1, d);
        this.maskEmbedding = weight("mask_embedding", manager, rng, d);
        this.inputNorm = addChildBlock("embedding_layer_norm", new LayerNorm(manager, d));
        for (int b = 0; b < cfg.blocks(); b++) {
            attentions.add(addChildBlock("attention", new Attention(manager, rng, d, cfg.heads(), cfg.dropout())));
            attentionNorms.add(addChildBlock("attention_layer_norm", new LayerNorm(manager, d)));
            feedForwards.add(addChildBlock("feed_forward", new FeedForward(manager, rng, d, cfg.dropout())));
        }
    }

    @Override
    NDArray encode(NDArray x, NDArray mask, boolean training) {
        int l = (int) x.getShape().get(1);
        NDArray h = inputNorm.apply(x.add(Attention.positions(x.getManager(), positions, l)));
        h = dropout(h, dropout, training);
        NDArray bias = Attention.bias(mask, false);
        for (int b = 0; b < attentions.size(); b++) {
            NDArray a = attentions.get(b).apply(h, h, bias, training);
            h = attentionNorms.get(b).apply(dropout(a, dropout, training).add(h));
            h = feedForwards.get(b).apply(h, training);
        }
        return h;
    }

    @Override
    int window(int n) {
        return Math.max(1, n);
    }

    @Override
    boolean bidirectional() {
        return true;
    }

    Parameter maskEmbedding() {
        return maskEmbedding;
    }
}
