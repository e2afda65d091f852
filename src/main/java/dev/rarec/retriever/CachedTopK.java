package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.pytorch.jni.JniUtils;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * Evaluation-mode scoring of a {@link SequentialRetriever}: no gradients, every item scored against a
 * cached, projected item matrix, top-k done in PyTorch so only k scores cross to Java.
 *
 * <p>Thread-safety lives here: any number of threads score at once under the read lock, each in its own
 * child manager; whatever changes θ ({@link #update}) takes the write lock and drops the cached matrix, so
 * a scoring thread sees θ either wholly before or wholly after a step.
 */
final class CachedTopK {
    private record ItemMatrix(NDManager manager, NDArray itemsT, NDArray bias) {}

    private final NDManager manager;
    private final int numItems;
    private final ItemTower tower;
    private final SequenceEncoder encoder;
    private final SequenceScoring scoring;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object buildLock = new Object();
    private volatile ItemMatrix matrix;

    CachedTopK(NDManager manager, int numItems, ItemTower tower, SequenceEncoder encoder, SequenceScoring scoring) {
        this.manager = manager;
        this.numItems = numItems;
        this.tower = tower;
        this.encoder = encoder;
        this.scoring = scoring;
    }

    /** Runs {@code change} (which changes θ) alone, then drops every cache derived from θ. */
    void update(Runnable change) {
        lock.writeLock().lock();
        try {
            change.run();
            invalidate();
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** Runs {@code read} while θ cannot change. */
    <T> T read(Supplier<T> read) {
        lock.readLock().lock();
        try {
            return read.get();
        } finally {
            lock.readLock().unlock();
        }
    }

    float[][] scoreBatch(List<List<Integer>> histories) {
        if (histories.isEmpty()) return new float[0][];
        return withoutGradients(m -> {
            ItemMatrix c = itemMatrix();
            NDArray s = scoring.lastStates(m, histories, false).matMul(c.itemsT()).add(c.bias());
            float[] flat = s.toFloatArray();
            float[][] out = new float[histories.size()][];
            for (int i = 0; i < out.length; i++) out[i] = Arrays.copyOfRange(flat, i * numItems, (i + 1) * numItems);
            return out;
        });
    }

    List<List<ScoredItem>> topKBatch(List<List<Integer>> histories, int k) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (histories.isEmpty()) return List.of();
        int widest = 0;
        List<Set<Integer>> masks = new ArrayList<>(histories.size());
        for (List<Integer> h : histories) {
            Set<Integer> set = new HashSet<>(h);
            masks.add(set);
            widest = Math.max(widest, set.size());
        }
        int fetch = Math.min(numItems, k + widest);
        return withoutGradients(m -> {
            ItemMatrix c = itemMatrix();
            NDArray s = scoring.lastStates(m, histories, false).matMul(c.itemsT()).add(c.bias());
            NDList top = s.topK(fetch, 1, true, true);
            float[] values = top.get(0).toFloatArray();
            long[] indices = top.get(1).toLongArray();
            List<List<ScoredItem>> out = new ArrayList<>(histories.size());
            for (int b = 0; b < histories.size(); b++) {
                List<ScoredItem> row = new ArrayList<>(k);
                for (int i = 0; i < fetch && row.size() < k; i++) {
                    int item = (int) indices[b * fetch + i];
                    if (!masks.get(b).contains(item)) row.add(new ScoredItem(item, values[b * fetch + i]));
                }
                out.add(row);
            }
            return out;
        });
    }

    /** Drops the cache and lets the encoder recompute its own derived state; the caller holds the write lock. */
    private void invalidate() {
        encoder.thaw();
        synchronized (buildLock) {
            ItemMatrix c = matrix;
            matrix = null;
            if (c != null) c.manager().close();
        }
    }

    private <T> T withoutGradients(java.util.function.Function<NDManager, T> body) {
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        lock.readLock().lock();
        try (NDManager m = manager.newSubManager()) {
            return body.apply(m);
        } finally {
            lock.readLock().unlock();
            JniUtils.setGradMode(gradMode);
        }
    }

    private ItemMatrix itemMatrix() {
        ItemMatrix c = matrix;
        if (c != null) return c;
        synchronized (buildLock) {
            if (matrix == null) {
                NDManager m = manager.newSubManager();
                matrix = new ItemMatrix(m, tower.all(m).transpose().duplicate(), tower.allBias(m));
            }
            return matrix;
        }
    }
}
