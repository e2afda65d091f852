package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.AbstractBlock;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.PairList;

import java.util.Random;

/**
 * Base of rarec's DJL blocks. Parameters are created already filled from the run's one seeded
 * {@link Random} (truncated normal, std 0.02, cut at two sigma, as LRURec initialises every weight), so a
 * model is reproducible without touching the engine's global generator.
 *
 * <p>DJL attaches an operation's result to the manager of its first operand. Every helper here therefore
 * puts the data (which lives in the caller's per-step manager) first, and {@link #own} moves results of
 * parameter-only arithmetic into that manager; otherwise they would pile up in the model's manager.
 */
abstract class ParamBlock extends AbstractBlock {
    static final float LN_EPS = 1e-5f;
    static final float INIT_STD = 0.02f;

    ParamBlock() {
        super((byte) 1);
    }

    /** A weight drawn from N(0, 0.02²) truncated to ±0.04. */
    final Parameter weight(String name, NDManager manager, Random rng, long... shape) {
        int n = (int) new Shape(shape).size();
        float[] values = new float[n];
        for (int i = 0; i < n; i++) values[i] = truncatedNormal(rng);
        return register(name, manager.create(values, new Shape(shape)));
    }

    final Parameter constant(String name, NDManager manager, float value, long... shape) {
        return register(name, manager.full(new Shape(shape), value));
    }

    final Parameter register(String name, NDArray array) {
        Parameter p = Parameter.builder().setName(name).setType(Parameter.Type.OTHER).build();
        p.setArray(array);
        array.setRequiresGradient(true);
        return addParameter(p);
    }

    static float truncatedNormal(Random rng) {
        double v;
        do {
            v = rng.nextGaussian();
        } while (Math.abs(v) > 2.0);
        return (float) (v * INIT_STD);
    }

    static NDArray own(NDManager manager, NDArray array) {
        array.attach(manager);
        return array;
    }

    static NDArray linear(NDArray x, Parameter weight, Parameter bias) {
        return x.getNDArrayInternal().linear(x, weight.getArray(), bias == null ? null : bias.getArray()).singletonOrThrow();
    }

    static NDArray layerNorm(NDArray x, Parameter gamma, Parameter beta) {
        return x.getNDArrayInternal().layerNorm(x, new Shape(x.getShape().get(x.getShape().dimension() - 1)),
                gamma.getArray(), beta.getArray(), LN_EPS).singletonOrThrow();
    }

    static NDArray dropout(NDArray x, double rate, boolean training) {
        if (!training || rate <= 0) return x;
        return Dropout.apply(x, rate);
    }

    @Override
    protected NDList forwardInternal(ParameterStore parameterStore, NDList inputs, boolean training, PairList<String, Object> params) {
        throw new UnsupportedOperationException(getClass().getSimpleName() + " is called through SequentialRetriever");
    }

    @Override
    public Shape[] getOutputShapes(Shape[] inputShapes) {
        return inputShapes;
    }
}
