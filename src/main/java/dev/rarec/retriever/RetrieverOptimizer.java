package dev.rarec.retriever;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.training.GradientCollector;

import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The optimisation of a {@link SequentialRetriever}: AdamW with warm-up and cosine decay over its
 * parameters, one guarded step at a time. A step changes θ only through {@link CachedTopK#update}, so
 * scoring threads never see half an update.
 */
final class RetrieverOptimizer {
    private final NDManager manager;
    private final List<Parameter> parameters;
    private final CachedTopK cache;
    private volatile AdamW adamW;

    RetrieverOptimizer(NDManager manager, List<Parameter> parameters, CachedTopK cache) {
        this.manager = manager;
        this.parameters = parameters;
        this.cache = cache;
    }

    /** Fresh moments and schedule (also after a load, to fine-tune with a new learning rate). */
    void configure(OptimizerConfig config) {
        cache.update(() -> adamW = new AdamW(manager, config, parameters));
    }

    double currentLearningRate() {
        AdamW opt = adamW;
        return opt == null ? 0 : opt.learningRate(opt.steps());
    }

    long steps() {
        AdamW opt = adamW;
        return opt == null ? 0 : opt.steps();
    }

    /**
     * One step on {@code loss}; a non-finite loss or gradient leaves θ as it was and returns NaN (or the
     * non-finite loss), so one bad batch cannot poison θ.
     */
    float step(Function<NDManager, NDArray> loss) {
        AdamW opt = configured("call configureOptimizer before step");
        try (NDManager m = manager.newSubManager()) {
            float value;
            try (GradientCollector collector = Engine.getInstance().newGradientCollector()) {
                NDArray l = loss.apply(m);
                if (l.getShape().size() != 1) throw new IllegalArgumentException("loss must be a scalar, got shape " + l.getShape());
                value = l.getFloat();
                if (!Float.isFinite(value)) return value; // no backward, no update: θ stays as it was
                collector.backward(l);
            }
            double norm = opt.gradientNorm(m);
            if (Double.isNaN(norm)) return Float.NaN; // a non-finite gradient would poison θ: skip this batch
            cache.update(() -> opt.update(m, norm));
            return value;
        }
    }

    void saveState(Path dir) {
        RetrieverCheckpoint.writeOptimizerState(configured("no optimizer configured"), manager, dir);
    }

    void loadState(Path dir) {
        RetrieverCheckpoint.readOptimizerState(configured("configure the optimizer before restoring its state"), manager, dir);
    }

    private AdamW configured(String otherwise) {
        AdamW opt = adamW;
        if (opt == null) throw new IllegalStateException(otherwise);
        return opt;
    }
}
