package dev.rarec.embed;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-process sentence encoder: a quantised BERT-style ONNX model (shipped inside the langchain4j
 * model jars) run with ONNX Runtime on all cores, with the model's own Hugging Face tokenizer.
 *
 * <p>Texts are tokenised as one batch, then run through the model one text per inference call,
 * spread over one worker thread per core (each call single-threaded). Measured on this model,
 * that beats padded micro-batches with multi-threaded calls (no padding, no spinning thread pool),
 * and it keeps every vector independent of its batch neighbours: the int8 models quantise
 * activations with one scale per input tensor, so batching would make a text's vector depend on
 * the texts beside it, and cached vectors would differ from fresh ones.
 *
 * <p>Inputs are truncated to {@code maxTokens}; since truncation changes the vectors, a non-default
 * limit is part of {@link #modelId()}.
 */
public final class OnnxTextEncoder implements TextEncoder {

    /** How token vectors become one sentence vector. */
    enum Pooling { MEAN, CLS }

    /** The models rarec can run in process. */
    public enum Model {
        /** all-MiniLM-L6-v2, int8; mean pooling; trained with 256-token inputs (sentence-transformers default). */
        MINILM("all-minilm-l6-v2-q", "all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", Pooling.MEAN, 384, 256),
        /** bge-small-en-v1.5, int8; CLS pooling; 512-token inputs. */
        BGE_SMALL("bge-small-en-v1.5-q", "bge-small-en-v1.5-q.onnx", "bge-small-en-v1.5-q-tokenizer.json", Pooling.CLS, 384, 512);

        final String id;
        final String onnxResource;
        final String tokenizerResource;
        final Pooling pooling;
        final int dimension;
        final int defaultMaxTokens;

        Model(String id, String onnxResource, String tokenizerResource, Pooling pooling, int dimension, int defaultMaxTokens) {
            this.id = id;
            this.onnxResource = onnxResource;
            this.tokenizerResource = tokenizerResource;
            this.pooling = pooling;
            this.dimension = dimension;
            this.defaultMaxTokens = defaultMaxTokens;
        }

        public int defaultMaxTokens() {
            return defaultMaxTokens;
        }

        /** The model id an encoder of this model with this truncation reports. */
        public String modelId(int maxTokens) {
            int limit = maxTokens > 0 ? maxTokens : defaultMaxTokens;
            return limit == defaultMaxTokens ? id : id + "-max" + limit;
        }
    }

    /** Texts a worker takes at a time: few enough to balance the load, enough to amortise the hand-off. */
    private static final int TASK_SIZE = 8;

    private final Model model;
    private final int maxTokens;
    private final OrtEnvironment environment;
    private final OrtSession session;
    private final HuggingFaceTokenizer tokenizer;
    private final boolean needsTokenTypes;
    private final int threads;
    private final ExecutorService workers;

    private OnnxTextEncoder(Model model, int maxTokens, int threads) {
        this.model = model;
        this.maxTokens = maxTokens;
        this.threads = threads;
        this.environment = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            // Parallelism comes from the workers; an idle ORT pool would spin and steal their cores.
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            this.session = environment.createSession(readResource(model.onnxResource), options);
            this.needsTokenTypes = session.getInputNames().contains("token_type_ids");
        } catch (OrtException e) {
            throw new IllegalStateException("cannot load ONNX model " + model.onnxResource + ": " + e.getMessage(), e);
        }
        Map<String, String> tokenizerOptions = new HashMap<>();
        // The shipped tokenizer.json pads every text to a fixed 128; padding is done per micro-batch here.
        tokenizerOptions.put("padding", "false");
        tokenizerOptions.put("truncation", "true");
        tokenizerOptions.put("maxLength", Integer.toString(maxTokens));
        try (InputStream in = resource(model.tokenizerResource)) {
            this.tokenizer = HuggingFaceTokenizer.newInstance(in, tokenizerOptions);
        } catch (IOException e) {
            closeSession();
            throw new UncheckedIOException("cannot load tokenizer " + model.tokenizerResource, e);
        }
        AtomicInteger workerNo = new AtomicInteger();
        this.workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "onnx-encoder-" + workerNo.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** The model with its default truncation, on all available cores. */
    public static OnnxTextEncoder load(Model model) {
        return load(model, 0, 0);
    }

    /**
     * @param maxTokens input truncation in tokens (special tokens included); 0 = the model's default
     * @param threads   worker threads (texts encoded at once); 0 = all available cores
     */
    public static OnnxTextEncoder load(Model model, int maxTokens, int threads) {
        int limit = maxTokens > 0 ? maxTokens : model.defaultMaxTokens;
        if (limit < 8 || limit > 512) {
            throw new IllegalArgumentException("maxTokens must be in [8, 512], got " + maxTokens);
        }
        int cores = threads > 0 ? threads : Runtime.getRuntime().availableProcessors();
        return new OnnxTextEncoder(model, limit, cores);
    }

    @Override
    public String modelId() {
        return model.modelId(maxTokens);
    }

    @Override
    public int dimension() {
        return model.dimension;
    }

    public int maxTokens() {
        return maxTokens;
    }

    /** Token count of a text after truncation, special tokens included (for length statistics). */
    public int countTokens(String text) {
        return tokenizer.encode(text).getIds().length;
    }

    @Override
    public float[][] encode(List<String> texts) {
        float[][] out = new float[texts.size()][];
        if (texts.isEmpty()) return out;
        Encoding[] encodings = tokenizer.batchEncode(texts);
        if (threads == 1 || texts.size() <= TASK_SIZE) {
            for (int i = 0; i < texts.size(); i++) out[i] = run(List.of(i), encodings)[0];
            return out;
        }
        List<Future<?>> tasks = new ArrayList<>();
        for (int from = 0; from < texts.size(); from += TASK_SIZE) {
            int start = from;
            int end = Math.min(texts.size(), from + TASK_SIZE);
            tasks.add(workers.submit(() -> {
                for (int i = start; i < end; i++) out[i] = run(List.of(i), encodings)[0];
            }));
        }
        try {
            for (Future<?> task : tasks) task.get();
        } catch (InterruptedException e) {
            tasks.forEach(t -> t.cancel(true));
            Thread.currentThread().interrupt();
            throw new EmbeddingInterruptedException("interrupted while encoding with " + modelId());
        } catch (ExecutionException e) {
            tasks.forEach(t -> t.cancel(true));
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        }
        return out;
    }

    /** One inference call over these texts, padded to the longest. */
    private float[][] run(List<Integer> batch, Encoding[] encodings) {
        int length = 0;
        for (int i : batch) length = Math.max(length, encodings[i].getIds().length);
        long[][] ids = new long[batch.size()][length];
        long[][] mask = new long[batch.size()][length];
        long[][] types = new long[batch.size()][length];
        for (int j = 0; j < batch.size(); j++) {
            Encoding e = encodings[batch.get(j)];
            System.arraycopy(e.getIds(), 0, ids[j], 0, e.getIds().length);
            System.arraycopy(e.getAttentionMask(), 0, mask[j], 0, e.getAttentionMask().length);
            System.arraycopy(e.getTypeIds(), 0, types[j], 0, e.getTypeIds().length);
        }
        Map<String, OnnxTensor> inputs = new HashMap<>();
        try {
            inputs.put("input_ids", OnnxTensor.createTensor(environment, ids));
            inputs.put("attention_mask", OnnxTensor.createTensor(environment, mask));
            if (needsTokenTypes) inputs.put("token_type_ids", OnnxTensor.createTensor(environment, types));
            try (OrtSession.Result result = session.run(inputs)) {
                float[][][] hidden = (float[][][]) result.get(0).getValue();
                float[][] pooled = new float[batch.size()][];
                for (int j = 0; j < batch.size(); j++) {
                    pooled[j] = normalise(model.pooling == Pooling.CLS ? hidden[j][0].clone() : meanPool(hidden[j], mask[j]));
                }
                return pooled;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX inference failed for " + modelId() + ": " + e.getMessage(), e);
        } finally {
            inputs.values().forEach(OnnxTensor::close);
        }
    }

    private static float[] meanPool(float[][] tokens, long[] mask) {
        float[] sum = new float[tokens[0].length];
        int count = 0;
        for (int t = 0; t < tokens.length; t++) {
            if (mask[t] == 0) continue;
            count++;
            for (int d = 0; d < sum.length; d++) sum[d] += tokens[t][d];
        }
        for (int d = 0; d < sum.length; d++) sum[d] /= Math.max(1, count);
        return sum;
    }

    static float[] normalise(float[] v) {
        double norm = 0;
        for (float x : v) norm += (double) x * x;
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int d = 0; d < v.length; d++) v[d] = (float) (v[d] / norm);
        }
        return v;
    }

    private static InputStream resource(String name) {
        InputStream in = OnnxTextEncoder.class.getClassLoader().getResourceAsStream(name);
        if (in == null) {
            throw new IllegalStateException("model resource " + name + " is not on the classpath (langchain4j embeddings jar missing?)");
        }
        return in;
    }

    private static byte[] readResource(String name) {
        try (InputStream in = resource(name)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model resource " + name, e);
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
        tokenizer.close();
        closeSession();
    }

    private void closeSession() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("cannot close ONNX session of " + model.id, e);
        }
    }

    @Override
    public String toString() {
        return "OnnxTextEncoder[" + modelId() + "]";
    }
}
