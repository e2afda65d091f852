package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

import java.util.Arrays;
import java.util.List;

/**
 * The differentiable forward pass of a {@link SequentialRetriever}: histories become left-padded windows,
 * windows become user states through the sequence encoder, and states are dotted with item vectors of the
 * {@link ItemTower}. Training calls these inside a gradient collector; {@link CachedTopK} calls them
 * without gradients for evaluation.
 */
final class SequenceScoring {
    private final RetrieverConfig config;
    private final int numItems;
    private final ItemTower tower;
    private final SequenceEncoder encoder;

    SequenceScoring(RetrieverConfig config, int numItems, ItemTower tower, SequenceEncoder encoder) {
        this.config = config;
        this.numItems = numItems;
        this.tower = tower;
        this.encoder = encoder;
    }

    NDArray scores(NDManager m, List<List<Integer>> histories, boolean training) {
        return tower.scoreAll(lastStates(m, histories, training));
    }

    NDArray lastStates(NDManager m, List<List<Integer>> histories, boolean training) {
        return states(m, windows(histories), training).get(new NDIndex(":, -1"));
    }

    int[][] windows(List<List<Integer>> histories) {
        int keep = config.maxLen();
        int extra = encoder.bidirectional() ? 1 : 0;
        int longest = 0;
        for (List<Integer> h : histories) longest = Math.max(longest, Math.min(h.size(), keep) + extra);
        int length = encoder.window(longest);
        int[][] out = new int[histories.size()][length];
        for (int b = 0; b < histories.size(); b++) {
            List<Integer> h = histories.get(b);
            int[] row = out[b];
            Arrays.fill(row, SequentialRetriever.PAD);
            int n = Math.min(h.size(), keep);
            int offset = length - n - extra;
            for (int i = 0; i < n; i++) {
                Integer item = h.get(h.size() - n + i);
                if (item == null || item < 0 || item >= numItems) {
                    throw new IllegalArgumentException("history item " + item + " is outside the corpus of " + numItems + " items");
                }
                row[offset + i] = item;
            }
            if (extra == 1) row[length - 1] = SequentialRetriever.MASK;
        }
        return out;
    }

    NDArray states(NDManager m, int[][] windows, boolean training) {
        int b = windows.length;
        int l = b == 0 ? 0 : windows[0].length;
        long[] ids = new long[b * l];
        float[] real = new float[b * l];
        float[] masked = new float[b * l];
        for (int i = 0; i < b; i++) {
            if (windows[i].length != l) throw new IllegalArgumentException("windows must all have length " + l);
            for (int j = 0; j < l; j++) {
                int v = windows[i][j];
                if (v >= numItems || v < SequentialRetriever.MASK) throw new IllegalArgumentException("window entry " + v + " is outside the corpus of " + numItems + " items");
                ids[i * l + j] = Math.max(v, 0);
                real[i * l + j] = v >= 0 ? 1f : 0f;
                masked[i * l + j] = v == SequentialRetriever.MASK ? 1f : 0f;
            }
        }
        Shape shape = new Shape(b, l);
        NDArray idArray = m.create(ids, shape);
        NDArray realArray = m.create(real, shape);
        NDArray x = tower.vectors(idArray).mul(realArray.expandDims(-1));
        NDArray mask = realArray;
        if (encoder.bidirectional()) {
            NDArray maskFlags = m.create(masked, shape);
            x = x.add(maskFlags.expandDims(-1).mul(((Bert4Rec) encoder).maskEmbedding().getArray()));
            mask = realArray.add(maskFlags);
        }
        return encoder.encode(x, mask, training);
    }

    NDArray itemVectors(NDArray ids) {
        return tower.vectors(ids);
    }

    /** The output layer over candidates int64 [C] (all items when null): item vectors, then the score bias, [C, d + 1]. */
    NDArray outputWeights(NDManager m, NDArray candidates) {
        NDArray vectors = candidates == null ? tower.all(m) : tower.vectors(candidates);
        NDArray bias = candidates == null ? tower.allBias(m) : tower.bias(candidates);
        return NDArrays.concat(new NDList(vectors, bias.expandDims(1)), 1);
    }
}
