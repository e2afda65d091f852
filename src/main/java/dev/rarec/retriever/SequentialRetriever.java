package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

/**
 * f_ret of RAR: a sequence encoder (LRURec by default) over the history's item vectors, whose last user
 * state is dotted with every item vector from the shared {@link ItemTower} to score the whole corpus.
 *
 * <p>This class builds the model and owns its parameters; each job on them is one class of this package:
 * {@link SequenceScoring} (the differentiable forward pass), {@link CachedTopK} (evaluation-mode scores and
 * top-k, and the read/write lock that makes scoring thread-safe while training steps), {@link RetrieverOptimizer}
 * (AdamW steps) and {@link RetrieverCheckpoint} (the files of a checkpoint).
 *
 * <p>Lifetimes: parameters live in the model's own manager; every call of {@link #scores}, {@link #step} and
 * {@link #scoreBatch} works in a child manager that dies with the call, so memory stays flat.
 */
public final class SequentialRetriever implements TrainableRetriever {
    /** Window entry for an empty (padded) position. */
    public static final int PAD = -1;
    /** Window entry for BERT4Rec's mask token. */
    public static final int MASK = -2;

    private final RetrieverConfig config;
    private final int numItems;
    private final int textDim;
    private final long seed;
    private final NDManager manager;
    private final ItemTower tower;
    private final SequenceEncoder encoder;
    private final List<Parameter> parameters;
    private final SequenceScoring scoring;
    private final CachedTopK cached;
    private final RetrieverOptimizer optimizer;

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
        this.scoring = new SequenceScoring(config, numItems, tower, encoder);
        this.cached = new CachedTopK(manager, numItems, tower, encoder, scoring);
        this.optimizer = new RetrieverOptimizer(manager, parameters, cached);
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
        RetrieverCheckpoint.Saved saved = RetrieverCheckpoint.read(dir);
        RetrieverCheckpoint.checkTextEmbeddings(dir, saved, textEmbeddings);
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
        try (NDManager m = manager.newSubManager()) {
            NDList arrays = RetrieverCheckpoint.readParameters(this, dir, m);
            cached.update(() -> {
                for (int i = 0; i < parameters.size(); i++) AdamW.copyInto(arrays.get(i), parameters.get(i).getArray());
            });
        }
    }

    @Override
    public void save(Path dir) {
        cached.read(() -> {
            RetrieverCheckpoint.write(this, dir);
            return null;
        });
    }

    /** Saves AdamW's moments and step count beside a checkpoint, so an interrupted run resumes exactly. */
    public void saveOptimizerState(Path dir) {
        optimizer.saveState(dir);
    }

    /** Restores what {@link #saveOptimizerState} wrote; the optimizer must be configured first. */
    public void loadOptimizerState(Path dir) {
        optimizer.loadState(dir);
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

    long seed() {
        return seed;
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

    // ---------------------------------------------------------------- optimisation (RetrieverOptimizer)

    /**
     * Sets up AdamW with warm-up and cosine decay. Call before {@link #step}; calling again (for instance
     * after {@link #load}, to fine-tune with a new learning rate) starts fresh moments and schedule.
     */
    public void configureOptimizer(OptimizerConfig opt) {
        optimizer.configure(opt);
    }

    /** The learning rate the next step will use (0 before {@link #configureOptimizer}). */
    public double currentLearningRate() {
        return optimizer.currentLearningRate();
    }

    /** Optimiser steps taken since the last {@link #configureOptimizer}. */
    public long optimizerSteps() {
        return optimizer.steps();
    }

    /**
     * {@inheritDoc} A non-finite loss or gradient leaves θ as it was and returns NaN, so one bad batch
     * cannot poison θ; the caller decides whether to go on.
     */
    @Override
    public float step(Function<NDManager, NDArray> loss) {
        return optimizer.step(loss);
    }

    // ---------------------------------------------------------------- differentiable scoring (SequenceScoring)

    @Override
    public NDArray scores(NDManager m, List<List<Integer>> histories, boolean training) {
        return scoring.scores(m, histories, training);
    }

    /** User states o_t at the last position of each history (after the mask token for BERT4Rec), [B, d]. */
    public NDArray lastStates(NDManager m, List<List<Integer>> histories, boolean training) {
        return scoring.lastStates(m, histories, training);
    }

    /**
     * Left-padded windows (entries are item ids, {@link #PAD}, or {@link #MASK}) of the histories' last
     * {@code maxLen} items, with a mask token appended for BERT4Rec.
     */
    public int[][] windows(List<List<Integer>> histories) {
        return scoring.windows(histories);
    }

    /**
     * User states at every position of the given windows [B, L, d]. Every row must have the same length,
     * one the encoder accepts ({@link #windowLength}); padding must be on the left.
     */
    public NDArray states(NDManager m, int[][] windows, boolean training) {
        return scoring.states(m, windows, training);
    }

    /** Item vectors of the given ids (int64, any shape) → [..., d]. */
    public NDArray itemVectors(NDArray ids) {
        return scoring.itemVectors(ids);
    }

    /**
     * The output layer a loss needs, differentiable: the vectors of the candidates (int64 [C], or every item when
     * null) with their score bias as the last column, [C, d + 1], so that scores are [state, 1] · rowᵀ.
     */
    public NDArray outputWeights(NDManager m, NDArray candidates) {
        return scoring.outputWeights(m, candidates);
    }

    // ---------------------------------------------------------------- evaluation-mode scoring (CachedTopK)

    @Override
    public float[] score(List<Integer> historyItems) {
        return scoreBatch(List.of(historyItems))[0];
    }

    /** Evaluation-mode scores of every item for each history, [histories][numItems]. Thread-safe. */
    public float[][] scoreBatch(List<List<Integer>> histories) {
        return cached.scoreBatch(histories);
    }

    /** The k best items not in the history, best first; top-k runs in PyTorch so only k scores cross to Java. */
    @Override
    public List<ScoredItem> topK(List<Integer> historyItems, int k) {
        return topKBatch(List.of(historyItems), k).get(0);
    }

    /** {@link #topK} for many histories at once. Thread-safe. */
    public List<List<ScoredItem>> topKBatch(List<List<Integer>> histories, int k) {
        return cached.topKBatch(histories, k);
    }

    /** Parameters in a stable order (the order of a checkpoint's parameters file). */
    List<Parameter> parameters() {
        return parameters;
    }

    SequenceEncoder encoder() {
        return encoder;
    }

    NDManager manager() {
        return manager;
    }

    /** Waits for scoring threads to finish (the write lock), then frees every native array of the model. */
    @Override
    public void close() {
        cached.update(() -> { });
        manager.close();
    }

    @Override
    public String toString() {
        return "SequentialRetriever{model=" + config.model() + ", numItems=" + numItems + "}";
    }
}
