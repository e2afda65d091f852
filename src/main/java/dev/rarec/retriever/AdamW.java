package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import java.util.List;

/**
 * AdamW (decoupled weight decay, Loshchilov and Hutter) with a linear warm-up followed by cosine decay to
 * zero, or a constant rate; optionally with the global gradient norm clipped. DJL's Adam adds weight decay to
 * the gradient (L2), which is not AdamW, hence this class. Biases and layer norms are not decayed; LRU's λ/γ
 * parameters only when the configuration says so (the LRURec code decays them).
 */
final class AdamW {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;

    private final OptimizerConfig config;
    private final List<Parameter> parameters;
    private final boolean[] decay;
    private final NDArray[] first;
    private final NDArray[] second;
    private long steps;

    AdamW(NDManager manager, OptimizerConfig config, List<Parameter> parameters) {
        this.config = config;
        this.parameters = parameters;
        this.decay = new boolean[parameters.size()];
        this.first = new NDArray[parameters.size()];
        this.second = new NDArray[parameters.size()];
        for (int i = 0; i < parameters.size(); i++) {
            String name = parameters.get(i).getName();
            decay[i] = !(name.contains("bias") || name.contains("layer_norm") || (name.contains("params_log") && !config.decayRecurrence()));
            first[i] = manager.zeros(parameters.get(i).getArray().getShape());
            second[i] = manager.zeros(parameters.get(i).getArray().getShape());
        }
    }

    OptimizerConfig config() {
        return config;
    }

    long steps() {
        return steps;
    }

    /** The learning rate of the given (0-based) step. */
    double learningRate(long step) {
        if (!config.cosine()) return config.learningRate();
        if (step < config.warmupSteps()) return config.learningRate() * (step + 1) / config.warmupSteps();
        double span = Math.max(1, config.totalSteps() - config.warmupSteps());
        double progress = Math.min(1.0, (step - config.warmupSteps()) / span);
        return config.learningRate() * 0.5 * (1 + Math.cos(Math.PI * progress));
    }

    /**
     * The global L2 norm of the gradients when every gradient is finite; otherwise the gradients are zeroed,
     * NaN is returned and no update may happen.
     */
    double gradientNorm(NDManager scratch) {
        double squares = 0;
        for (Parameter p : parameters) {
            NDArray grad = ParamBlock.own(scratch, p.getArray().getGradient());
            squares += grad.square().sum().getFloat();
        }
        if (Double.isFinite(squares)) return Math.sqrt(squares);
        for (Parameter p : parameters) ParamBlock.own(scratch, p.getArray().getGradient()).set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
        return Double.NaN;
    }

    /**
     * Applies one update from the parameters' gradients (of global norm {@code gradientNorm}, scaled down to
     * the configured maximum as PyTorch's clip_grad_norm_ does), then zeroes the gradients.
     */
    void update(NDManager scratch, double gradientNorm) {
        double lr = learningRate(steps);
        float clip = config.maxGradNorm() > 0 && gradientNorm > config.maxGradNorm()
                ? (float) (config.maxGradNorm() / (gradientNorm + 1e-6)) : 1f;
        steps++;
        float correction1 = (float) (1 - Math.pow(BETA1, steps));
        float correction2 = (float) (1 - Math.pow(BETA2, steps));
        for (int i = 0; i < parameters.size(); i++) {
            NDArray weight = parameters.get(i).getArray();
            NDArray grad;
            try {
                grad = ParamBlock.own(scratch, weight.getGradient());
            } catch (IllegalStateException notReached) {
                continue; // the loss did not depend on this parameter in this step
            }
            if (clip != 1f) grad.muli(clip);
            first[i].muli((float) BETA1).addi(grad.mul((float) (1 - BETA1)));
            second[i].muli((float) BETA2).addi(grad.square().muli((float) (1 - BETA2)));
            NDArray denominator = ParamBlock.own(scratch, second[i].div(correction2)).sqrt().addi((float) config.epsilon());
            NDArray update = ParamBlock.own(scratch, first[i].div(correction1)).divi(denominator);
            if (decay[i] && config.weightDecay() > 0) update.addi(ParamBlock.own(scratch, weight.mul((float) config.weightDecay())));
            weight.subi(update.muli((float) lr));
            grad.set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
        }
    }

    /** Moments then step count, for resuming an interrupted run. */
    NDList state(NDManager m) {
        NDList list = new NDList();
        for (int i = 0; i < first.length; i++) {
            list.add(own(m, first[i].duplicate()));
            list.add(own(m, second[i].duplicate()));
        }
        list.add(m.create(new long[] {steps}));
        return list;
    }

    void restore(NDList state) {
        if (state.size() != 2 * first.length + 1) {
            throw new IllegalStateException("optimizer state holds " + state.size() + " arrays, expected " + (2 * first.length + 1));
        }
        for (int i = 0; i < first.length; i++) {
            copyInto(state.get(2 * i), first[i]);
            copyInto(state.get(2 * i + 1), second[i]);
        }
        steps = state.get(state.size() - 1).getLong();
    }

    private static NDArray own(NDManager m, NDArray a) {
        return ParamBlock.own(m, a);
    }

    static void copyInto(NDArray source, NDArray target) {
        if (!source.getShape().equals(target.getShape())) {
            throw new IllegalStateException("shape " + source.getShape() + " does not match " + target.getShape());
        }
        target.muli(0f).addi(source);
    }
}
