package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.ndarray.types.SparseFormat;
import ai.djl.nn.Parameter;

import java.util.Random;

/**
 * The one item tower shared by the encoder's input and the scoring: an item's vector is a learned linear
 * projection of its text embedding, optionally plus a learned id embedding (and then a learned score
 * bias). Because the text path needs no per-item parameter, an item never seen in training still gets a
 * meaningful vector, so the whole corpus can be scored.
 */
final class ItemTower extends ParamBlock {
    private final NDArray text;
    private final Parameter projection;
    private final Parameter projectionBias;
    private final Parameter idEmbedding;
    private final Parameter itemBias;
    private final int numItems;
    private final int d;

    /** @param text item text embeddings [N, t] in the model's manager, or null in id-only mode */
    ItemTower(NDManager manager, Random rng, int numItems, int d, NDArray text, boolean idEmbedding) {
        this.numItems = numItems;
        this.d = d;
        this.text = text;
        if (text != null) {
            int t = (int) text.getShape().get(1);
            this.projection = weight("text_projection_weight", manager, rng, d, t);
            this.projectionBias = weight("text_projection_bias", manager, rng, d);
        } else {
            this.projection = null;
            this.projectionBias = null;
        }
        this.idEmbedding = idEmbedding ? weight("id_embedding", manager, rng, numItems, d) : null;
        this.itemBias = idEmbedding ? constant("item_bias", manager, 0f, numItems, 1) : null;
    }

    /** The text embeddings [N, t] the projection reads, or null in id-only mode. */
    NDArray text() {
        return text;
    }

    /** Vectors of the given items, ids int64 of any shape → [..., d]. */
    NDArray vectors(NDArray ids) {
        NDArray v = null;
        if (text != null) v = linear(lookup(ids, text), projection, projectionBias);
        if (idEmbedding != null) {
            NDArray e = lookup(ids, idEmbedding.getArray());
            v = v == null ? e : v.add(e);
        }
        return v;
    }

    /** Score bias of the given items (zeros without id embedding), ids int64 [K] → [K]. */
    NDArray bias(NDArray ids) {
        if (itemBias == null) return ids.getManager().zeros(ids.getShape());
        return lookup(ids, itemBias.getArray()).reshape(ids.getShape());
    }

    /** Vectors of every item [N, d], attached to {@code m}. */
    NDArray all(NDManager m) {
        NDArray v = null;
        if (text != null) v = own(m, linear(text, projection, projectionBias));
        if (idEmbedding != null) v = (v == null ? m.zeros(new Shape(numItems, d)) : v).add(idEmbedding.getArray());
        return v;
    }

    /**
     * Scores of every item for user states [B, d] → [B, N], equal to states · all()ᵀ + allBias() up to float
     * rounding, attached to the states' manager. The tower is linear, so states · (T Wᵀ + b)ᵀ = (states W) Tᵀ +
     * states · b: with fewer states than d (a fine-tuning batch of 32 against d = 64) this reads the text
     * embeddings T [N, t] once per pass and never forms the [N, d] item vectors, about half the multiply-adds of
     * projecting all N items, forward and backward alike. With more states projecting first is cheaper.
     */
    NDArray scoreAll(NDArray states) {
        NDManager m = states.getManager();
        if (text == null || states.getShape().get(0) >= d) return states.matMul(all(m).transpose()).add(allBias(m));
        NDArray scores = states.matMul(projection.getArray()).matMul(own(m, text.transpose()))
                .add(states.matMul(own(m, projectionBias.getArray().expandDims(1))));
        if (idEmbedding == null) return scores;
        return scores.add(states.matMul(own(m, idEmbedding.getArray().transpose()))).add(own(m, itemBias.getArray().reshape(numItems)));
    }

    /** Score bias of every item [N], attached to {@code m}. */
    NDArray allBias(NDManager m) {
        if (itemBias == null) return m.zeros(new Shape(numItems));
        return m.zeros(new Shape(numItems, 1)).add(itemBias.getArray()).reshape(numItems);
    }

    private static NDArray lookup(NDArray ids, NDArray table) {
        return ids.getNDArrayInternal().embedding(ids, table, SparseFormat.DENSE).singletonOrThrow();
    }
}
