package dev.rarec.retriever;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import dev.rarec.util.AtomicFiles;
import dev.rarec.util.Json;
import dev.rarec.util.Provenance;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * f_ret of RAR: a sequence encoder (LRURec by default) over the history's item vectors, whose last user
 * state is dotted with every item vector from the shared {@link ItemTower} to score the whole corpus.
 *
 * <p>Lifetimes: parameters live in the model's own manager; every call of {@link #scores}, {@link #step} and
 * {@link #scoreBatch} works in a child manager that dies with the call, so memory stays flat. Scoring is
 * thread-safe and reads a cached, projected item matrix that {@link #step} invalidates.
 */
public final class SequentialRetriever implements TrainableRetriever {
    /** Window entry for an empty (padded) position. */
    public static final int PAD = -1;
    /** Window entry for BERT4Rec's mask token. */
    public static final int MASK = -2;

    static final String CONFIG_FILE = "config.json";
    static final String PARAMETERS_FILE = "parameters.ndlist";
    static final String OPTIMIZER_FILE = "optimizer.ndlist";

    private final RetrieverConfig config;
    private final int numItems;
    private final int textDim;
    private final long seed;
    private final NDManager manager;
    private final ItemTower tower;
    private final SequenceEncoder encoder;
    private final List<Parameter> parameters;
    private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
    private final Object cacheLock = new Object();
    private volatile ItemCache cache;
    private volatile AdamW optimizer;

    private record ItemCache(NDManager manager, NDArray itemsT, NDArray bias) {}

    /** What {@code config.json} of a checkpoint holds. */
    record Saved(RetrieverConfig config, int numItems, int textDim, long seed, List<String> parameterNames,
                 List<long[]> parameterShapes) {}

    private SequentialRetriever(RetrieverConfig config, int numItems, float[][] textEmbeddings, long seed) {
        if (numItems < 1) throw new IllegalArgumentException("numItems must be >= 1, got " + numItems);
        this.config = config;
        this.numItems = numItems;
        this.seed = seed;
        this.manager = NDManager.newBaseManager();
        NDArray text = null;
        if (config.textTower()) {
            if (textEmbeddings == null) throw new IllegalArgumentException("config asks for the text tower but no text embeddings were given");
            if (textEmbeddings.length != numItems) {
                throw new IllegalArgumentException("text embeddings have " + textEmbeddings.length + " rows, but the corpus has " + numItems + " items");
            }
            text = toArray(manager, textEmbeddings);
            this.textDim = (int) text.getShape().get(1);
        } else {
            this.textDim = 0;
        }
        Random rng = new Random(seed);
        this.tower = new ItemTower(manager, rng, numItems, config.hiddenSize(), text, config.idEmbedding());
        this.encoder = SequenceEncoder.of(config, manager, rng);
        List<Parameter> all = new ArrayList<>();
        tower.getParameters().forEach(p -> all.add(p.getValue()));
        encoder.getParameters().forEach(p -> all.add(p.getValue()));
        this.parameters = List.copyOf(all);
    }

    /**
     * A freshly initialised retriever.
     *
     * @param textEmbeddings item text embeddings [numItems][t] (row = corpus id); null in id-only mode
     * @param seed           seed of the parameter initialisation
     */
    public static SequentialRetriever create(RetrieverConfig cfg, int numItems, float[][] textEmbeddings, long seed) {
        return new SequentialRetriever(cfg, numItems, textEmbeddings, seed);
    }

    /**
     * Loads a checkpoint written by {@link #save}. The item count and the text embedding dimension must
     * match the ones it was trained with.
     */
    public static SequentialRetriever load(Path dir, float[][] textEmbeddings) {
        Saved saved = readSaved(dir);
        if (saved.config().textTower()) {
            if (textEmbeddings == null) throw new IllegalArgumentException("checkpoint " + dir + " uses the text tower; pass the item text embeddings it was trained with");
            if (textEmbeddings.length != saved.numItems()) {
                throw new IllegalArgumentException("checkpoint " + dir + " was trained on " + saved.numItems()
                        + " items, but the given text embeddings have " + textEmbeddings.length + " rows (corpus changed? re-run embed and pretraining)");
            }
            int dim = textEmbeddings.length == 0 ? 0 : textEmbeddings[0].length;
            if (dim != saved.textDim()) {
                throw new IllegalArgumentException("checkpoint " + dir + " was trained on text embeddings of dimension " + saved.textDim()
                        + ", but the given ones have dimension " + dim + " (different embedding model?)");
            }
        }
        SequentialRetriever model = new SequentialRetriever(saved.config(), saved.numItems(), saved.config().textTower() ? textEmbeddings : null, saved.seed());
        try {
            model.restore(dir);
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
        return model;
    }

    /**
     * Overwrites this model's parameters with those of a checkpoint made by the same configuration (used to
     * resume training and to return to the best checkpoint).
     */
    public void restore(Path dir) {
        Saved saved = readSaved(dir);
        if (!saved.config().equals(config) || saved.numItems() != numItems || saved.textDim() != textDim) {
            throw new IllegalArgumentException("checkpoint " + dir + " was made by " + saved.config() + " over " + saved.numItems()
                    + " items (text dimension " + saved.textDim() + "), not by this model's " + config + " over " + numItems
                    + " items (text dimension " + textDim + ")");
        }
        try (NDManager m = manager.newSubManager(); InputStream in = Files.newInputStream(dir.resolve(PARAMETERS_FILE))) {
            restoreParameters(NDList.decode(m, in), dir);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + dir.resolve(PARAMETERS_FILE) + ": " + e.getMessage(), e);
        }
    }

    static Saved readSaved(Path dir) {
        Path file = dir.resolve(CONFIG_FILE);
        if (!Files.exists(file)) throw new IllegalArgumentException("no retriever checkpoint in " + dir + " (missing " + CONFIG_FILE + ")");
        try {
            return Json.MAPPER.readValue(file.toFile(), Saved.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private void restoreParameters(NDList arrays, Path dir) {
        if (arrays.size() != parameters.size()) {
            throw new IllegalStateException(dir.resolve(PARAMETERS_FILE) + " holds " + arrays.size() + " arrays, the model has " + parameters.size());
        }
        lock.writeLock().lock();
        try {
            for (int i = 0; i < parameters.size(); i++) {
                Parameter p = parameters.get(i);
                if (!arrays.get(i).getShape().equals(p.getArray().getShape())) {
                    throw new IllegalStateException(dir.resolve(PARAMETERS_FILE) + ": parameter " + p.getName() + " has shape "
                            + arrays.get(i).getShape() + ", expected " + p.getArray().getShape());
                }
                AdamW.copyInto(arrays.get(i), p.getArray());
            }
            invalidate();
        } finally {
            lock.writeLock().unlock();
        }
    }

    private static NDArray toArray(NDManager manager, float[][] rows) {
        int t = rows.length == 0 ? 0 : rows[0].length;
        if (t == 0) throw new IllegalArgumentException("text embeddings are empty");
        FloatBuffer buffer = ByteBuffer.allocateDirect(rows.length * t * Float.BYTES).order(ByteOrder.nativeOrder()).asFloatBuffer();
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != t) throw new IllegalArgumentException("text embedding row " + i + " has dimension " + rows[i].length + ", expected " + t);
            buffer.put(rows[i]);
        }
        buffer.rewind();
        return manager.create(buffer, new Shape(rows.length, t));
    }

    public RetrieverConfig config() {
        return config;
    }

    @Override
    public int numItems() {
        return numItems;
    }

    /** Dimension of the text embeddings the tower projects, 0 in id-only mode. */
    public int textDimension() {
        return textDim;
    }

    /**
     * A hash of the text embeddings the tower projects ("" in id-only mode): two retrievers over
     * embeddings of different encoders or corpora differ here even when every dimension agrees. Computed
     * on request (pretraining asks once), not at every load.
     */
    public String textFingerprint() {
        NDArray text = tower.text();
        if (text == null) return "";
        float[] flat = text.toFloatArray();
        long h = 1;
        for (int from = 0; from < flat.length; from += textDim) {
            int row = 1; // Arrays.hashCode of the row
            for (int j = from; j < from + textDim; j++) row = 31 * row + Float.floatToIntBits(flat[j]);
            h = 31 * h + row;
        }
        return numItems + "x" + textDim + ":" + Long.toHexString(h);
    }

    /** Whether the encoder is bidirectional (BERT4Rec): it is pretrained as a cloze task, not next-item. */
    public boolean bidirectional() {
        return encoder.bidirectional();
    }

    /** The window length the encoder uses when the longest input of a batch has {@code positions} entries. */
    public int windowLength(int positions) {
        return encoder.window(positions);
    }

    /** Number of trainable scalars. */
    public long parameterCount() {
        long n = 0;
        for (Parameter p : parameters) n += p.getArray().getShape().size();
        return n;
    }

    // ---------------------------------------------------------------- optimisation

    /**
     * Sets up AdamW with warm-up and cosine decay. Call before {@link #step}; calling again (for instance
     * after {@link #load}, to fine-tune with a new learning rate) starts fresh moments and schedule.
     */
    public void configureOptimizer(OptimizerConfig opt) {
        lock.writeLock().lock();
        try {
            this.optimizer = new AdamW(manager, opt, parameters);
        } finally {
            lock.writeLock().unlock();
        }
    }

    /** The learning rate the next step will use (0 before {@link #configureOptimizer}). */
    public double currentLearningRate() {
        AdamW opt = optimizer;
        return opt == null ? 0 : opt.learningRate(opt.steps());
    }

    /** Optimiser steps taken since the last {@link #configureOptimizer}. */
    public long optimizerSteps() {
        AdamW opt = optimizer;
        return opt == null ? 0 : opt.steps();
    }

    /**
     * {@inheritDoc} A non-finite loss or gradient leaves θ as it was and returns NaN, so one bad batch
     * cannot poison θ; the caller decides whether to go on.
     */
    @Override
    public float step(Function<NDManager, NDArray> loss) {
        AdamW opt = optimizer;
        if (opt == null) throw new IllegalStateException("call configureOptimizer before step");
        try (NDManager m = manager.newSubManager()) {
            float value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.apply(m);
                if (l.getShape().size() != 1) throw new IllegalArgumentException("loss must be a scalar, got shape " + l.getShape());
                value = l.getFloat();
                if (!Float.isFinite(value)) return value; // no backward, no update: θ stays as it was
                collector.backward(l);
            }
            if (!opt.gradientsFinite(m)) return Float.NaN; // a non-finite gradient would poison θ: skip this batch
            lock.writeLock().lock();
            try {
                opt.update(m);
                invalidate();
            } finally {
                lock.writeLock().unlock();
            }
            return value;
        }
    }

    private void invalidate() {
        encoder.thaw();
        synchronized (cacheLock) {
            ItemCache c = cache;
            cache = null;
            if (c != null) c.manager().close();
        }
    }

    // ---------------------------------------------------------------- differentiable scoring

    @Override
    public NDArray scores(NDManager m, List<List<Integer>> histories, boolean training) {
        NDArray last = lastStates(m, histories, training);
        return allLogits(last);
    }

    /** User states o_t at the last position of each history (after the mask token for BERT4Rec), [B, d]. */
    public NDArray lastStates(NDManager m, List<List<Integer>> histories, boolean training) {
        int[][] windows = windows(histories);
        NDArray states = states(m, windows, training);
        return states.get(new NDIndex(":, -1"));
    }

    /**
     * Left-padded windows (entries are item ids, {@link #PAD}, or {@link #MASK}) of the histories' last
     * {@code maxLen} items, with a mask token appended for BERT4Rec.
     */
    public int[][] windows(List<List<Integer>> histories) {
        int keep = config.maxLen();
        int extra = encoder.bidirectional() ? 1 : 0;
        int longest = 0;
        for (List<Integer> h : histories) longest = Math.max(longest, Math.min(h.size(), keep) + extra);
        int length = encoder.window(longest);
        int[][] out = new int[histories.size()][length];
        for (int b = 0; b < histories.size(); b++) {
            List<Integer> h = histories.get(b);
            int[] row = out[b];
            java.util.Arrays.fill(row, PAD);
            int n = Math.min(h.size(), keep);
            int offset = length - n - extra;
            for (int i = 0; i < n; i++) {
                Integer item = h.get(h.size() - n + i);
                if (item == null || item < 0 || item >= numItems) {
                    throw new IllegalArgumentException("history item " + item + " is outside the corpus of " + numItems + " items");
                }
                row[offset + i] = item;
            }
            if (extra == 1) row[length - 1] = MASK;
        }
        return out;
    }

    /**
     * User states at every position of the given windows [B, L, d]. Every row must have the same length,
     * one the encoder accepts ({@link #windowLength}); padding must be on the left.
     */
    public NDArray states(NDManager m, int[][] windows, boolean training) {
        int b = windows.length;
        int l = b == 0 ? 0 : windows[0].length;
        long[] ids = new long[b * l];
        float[] real = new float[b * l];
        float[] masked = new float[b * l];
        for (int i = 0; i < b; i++) {
            if (windows[i].length != l) throw new IllegalArgumentException("windows must all have length " + l);
            for (int j = 0; j < l; j++) {
                int v = windows[i][j];
                if (v >= numItems || v < MASK) throw new IllegalArgumentException("window entry " + v + " is outside the corpus of " + numItems + " items");
                ids[i * l + j] = Math.max(v, 0);
                real[i * l + j] = v >= 0 ? 1f : 0f;
                masked[i * l + j] = v == MASK ? 1f : 0f;
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

    /** Item vectors of the given ids (int64, any shape) → [..., d]. */
    public NDArray itemVectors(NDArray ids) {
        return tower.vectors(ids);
    }

    /** Scores of a shared candidate set: states [M, d], candidates int64 [C] → [M, C]. */
    public NDArray logits(NDArray states, NDArray candidates) {
        NDArray vectors = tower.vectors(candidates);
        return states.matMul(vectors.transpose()).add(tower.bias(candidates));
    }

    /** Scores of every item: states [M, d] → [M, N]. */
    public NDArray allLogits(NDArray states) {
        NDManager m = states.getManager();
        return states.matMul(tower.all(m).transpose()).add(tower.allBias(m));
    }

    // ---------------------------------------------------------------- evaluation-mode scoring

    @Override
    public float[] score(List<Integer> historyItems) {
        return scoreBatch(List.of(historyItems))[0];
    }

    /** Evaluation-mode scores of every item for each history, [histories][numItems]. Thread-safe. */
    public float[][] scoreBatch(List<List<Integer>> histories) {
        if (histories.isEmpty()) return new float[0][];
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        lock.readLock().lock();
        try (NDManager m = manager.newSubManager()) {
            ItemCache c = itemCache();
            NDArray last = lastStates(m, histories, false);
            NDArray s = last.matMul(c.itemsT()).add(c.bias());
            float[] flat = s.toFloatArray();
            float[][] out = new float[histories.size()][];
            for (int i = 0; i < out.length; i++) out[i] = java.util.Arrays.copyOfRange(flat, i * numItems, (i + 1) * numItems);
            return out;
        } finally {
            lock.readLock().unlock();
            JniUtils.setGradMode(gradMode);
        }
    }

    /** The k best items not in the history, best first; top-k runs in PyTorch so only k scores cross to Java. */
    @Override
    public List<ScoredItem> topK(List<Integer> historyItems, int k) {
        return topKBatch(List.of(historyItems), k).get(0);
    }

    /** {@link #topK} for many histories at once. Thread-safe. */
    public List<List<ScoredItem>> topKBatch(List<List<Integer>> histories, int k) {
        if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
        if (histories.isEmpty()) return List.of();
        int widest = 0;
        List<java.util.Set<Integer>> masks = new ArrayList<>(histories.size());
        for (List<Integer> h : histories) {
            java.util.Set<Integer> set = new java.util.HashSet<>(h);
            masks.add(set);
            widest = Math.max(widest, set.size());
        }
        int fetch = Math.min(numItems, k + widest);
        boolean gradMode = JniUtils.isGradMode();
        JniUtils.setGradMode(false);
        lock.readLock().lock();
        try (NDManager m = manager.newSubManager()) {
            ItemCache c = itemCache();
            NDArray s = lastStates(m, histories, false).matMul(c.itemsT()).add(c.bias());
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
        } finally {
            lock.readLock().unlock();
            JniUtils.setGradMode(gradMode);
        }
    }

    private ItemCache itemCache() {
        ItemCache c = cache;
        if (c != null) return c;
        synchronized (cacheLock) {
            if (cache == null) {
                NDManager m = manager.newSubManager();
                NDArray itemsT = tower.all(m).transpose().duplicate();
                NDArray bias = tower.allBias(m);
                cache = new ItemCache(m, itemsT, bias);
            }
            return cache;
        }
    }

    // ---------------------------------------------------------------- persistence

    @Override
    public void save(Path dir) {
        lock.readLock().lock();
        try {
            Files.createDirectories(dir);
            List<String> names = new ArrayList<>();
            List<long[]> shapes = new ArrayList<>();
            try (NDManager m = manager.newSubManager()) {
                NDList list = new NDList();
                for (Parameter p : parameters) {
                    names.add(p.getName());
                    shapes.add(p.getArray().getShape().getShape());
                    list.add(ParamBlock.own(m, p.getArray().duplicate()));
                }
                AtomicFiles.write(dir.resolve(PARAMETERS_FILE), list::encode);
            }
            AtomicFiles.writeJson(dir.resolve(CONFIG_FILE), new Saved(config, numItems, textDim, seed, names, shapes));
            Map<String, Object> cfg = new LinkedHashMap<>(Json.MAPPER.convertValue(config, Map.class));
            cfg.put("numItems", numItems);
            cfg.put("textDim", textDim);
            cfg.put("parameters", parameterCount());
            Provenance.of("retriever-checkpoint", "SequentialRetriever.save", cfg, Map.of(), seed).saveIn(dir);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot save retriever to " + dir, e);
        } finally {
            lock.readLock().unlock();
        }
    }

    /** Saves AdamW's moments and step count beside a checkpoint, so an interrupted run resumes exactly. */
    public void saveOptimizerState(Path dir) {
        AdamW opt = optimizer;
        if (opt == null) throw new IllegalStateException("no optimizer configured");
        try (NDManager m = manager.newSubManager()) {
            NDList state = opt.state(m);
            AtomicFiles.write(dir.resolve(OPTIMIZER_FILE), state::encode);
        }
    }

    /** Restores what {@link #saveOptimizerState} wrote; the optimizer must be configured first. */
    public void loadOptimizerState(Path dir) {
        AdamW opt = optimizer;
        if (opt == null) throw new IllegalStateException("configure the optimizer before restoring its state");
        Path file = dir.resolve(OPTIMIZER_FILE);
        try (NDManager m = manager.newSubManager(); InputStream in = Files.newInputStream(file)) {
            opt.restore(NDList.decode(m, in));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Parameter names in a stable order, for tests and diagnostics. */
    List<Parameter> parameters() {
        return parameters;
    }

    SequenceEncoder encoder() {
        return encoder;
    }

    NDManager manager() {
        return manager;
    }

    @Override
    public void close() {
        invalidate();
        manager.close();
    }

    @Override
    public String toString() {
        Map<String, Object> m = new HashMap<>();
        m.put("model", config.model());
        m.put("numItems", numItems);
        return "SequentialRetriever" + m;
    }
}
