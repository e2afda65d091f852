package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * LRURec (Yue et al., WSDM 2024), the retriever of RAR (eq. 2): input layer norm over the dropped-out item
 * vectors, then blocks of a linear recurrent unit followed by a position-wise feed-forward layer. The
 * window is padded on the left to a whole number of the scan's blocks ({@link LruLayer#window}).
 */
final class LruRec extends SequenceEncoder {
    private final LayerNorm inputNorm;
    private final List<LruLayer> recurrences = new ArrayList<>();
    private final List<FeedForward> feedForwards = new ArrayList<>();
    private final double dropout;

    LruRec(NDManager manager, Random rng, RetrieverConfig cfg) {
        int d = cfg.hiddenSize();
        this.dropout = cfg.dropout();
        this.inputNorm = addChildBlock("embedding_layer_norm", new LayerNorm(manager, d));
        for (int b = 0; b < cfg.blocks(); b++) {
            recurrences.add(addChildBlock("lru_layer", new LruLayer(manager, rng, d, cfg.dropout())));
            feedForwards.add(addChildBlock("feed_forward", new FeedForward(manager, rng, d, cfg.dropout())));
        }
    }

    @Override
    NDArray encode(NDArray x, NDArray mask, boolean training) {
        NDArray h = inputNorm.apply(dropout(x, dropout, training));
        for (int b = 0; b < recurrences.size(); b++) {
            h = recurrences.get(b).apply(h, mask, training);
            h = feedForwards.get(b).apply(h, training);
        }
        return h;
    }

    @Override
    void thaw() {
        recurrences.forEach(LruLayer::thaw);
    }

    @Override
    int window(int n) {
        return LruLayer.window(n);
    }

    List<LruLayer> recurrences() {
        return recurrences;
    }
}
