package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Activation;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * GRU4Rec (Hidasi et al., ICLR 2016) in its sequential-recommendation form: dropout on the item vectors,
 * stacked GRU layers, and a dense layer back to the item space. The GRU is unrolled here rather than
 * DJL's fused RNN so that padded positions leave the state untouched: the state at the last item is the
 * same however much padding the batch adds.
 *
 * <p>A layer norm before the GRU and one after the dense layer put the GRU at its working scale: the shared
 * item tower starts from LRURec's small weights (std 0.02), far below the unit-scale embeddings GRU4Rec was
 * designed around, and without them the model stayed near chance on a successor rule that the other
 * retrievers learn in a few epochs (see {@code PretrainerTest.everyRetrieverLearnsASuccessorRule}).
 */
final class Gru4Rec extends SequenceEncoder {
    private final LayerNorm inputNorm;
    private final List<Dense[]> layers = new ArrayList<>();
    private final Dense dense;
    private final LayerNorm outputNorm;
    private final double dropout;
    private final int d;

    Gru4Rec(NDManager manager, Random rng, RetrieverConfig cfg) {
        this.d = cfg.hiddenSize();
        this.dropout = cfg.dropout();
        this.inputNorm = addChildBlock("embedding_layer_norm", new LayerNorm(manager, d));
        for (int b = 0; b < cfg.blocks(); b++) {
            layers.add(new Dense[] {
                    addChildBlock("gru_input", new Dense(manager, rng, d, 3 * d, true)),
                    addChildBlock("gru_hidden", new Dense(manager, rng, d, 3 * d, true))});
        }
        this.dense = addChildBlock("dense", new Dense(manager, rng, d, d, true));
        this.outputNorm = addChildBlock("output_layer_norm", new LayerNorm(manager, d));
    }

    @Override
    NDArray encode(NDArray x, NDArray mask, boolean training) {
        NDArray h = inputNorm.apply(dropout(x, dropout, training));
        for (Dense[] layer : layers) h = gru(h, mask, layer[0], layer[1]);
        return outputNorm.apply(dense.apply(h));
    }

    private NDArray gru(NDArray x, NDArray mask, Dense input, Dense hidden) {
        long b = x.getShape().get(0);
        int l = (int) x.getShape().get(1);
        NDArray driven = input.apply(x);
        NDArray state = x.getManager().zeros(new ai.djl.ndarray.types.Shape(b, d));
        NDArray[] outputs = new NDArray[l];
        for (int t = 0; t < l; t++) {
            NDArray gi = driven.get(new NDIndex(":, {}", t));
            NDArray gh = hidden.apply(state);
            NDArray reset = Activation.sigmoid(gi.get(new NDIndex(":, 0:{}", d)).add(gh.get(new NDIndex(":, 0:{}", d))));
            NDArray update = Activation.sigmoid(gi.get(new NDIndex(":, {}:{}", d, 2 * d)).add(gh.get(new NDIndex(":, {}:{}", d, 2 * d))));
            NDArray candidate = gi.get(new NDIndex(":, {}:", 2 * d)).add(reset.mul(gh.get(new NDIndex(":, {}:", 2 * d)))).tanh();
            NDArray next = candidate.add(update.mul(state.sub(candidate)));
            NDArray keep = mask.get(new NDIndex(":, {}:{}", t, t + 1));
            state = state.add(keep.mul(next.sub(state)));
            outputs[t] = state;
        }
        return NDArrays.stack(new NDList(outputs), 1);
    }

    @Override
    int window(int n) {
        return Math.max(1, n);
    }
}
