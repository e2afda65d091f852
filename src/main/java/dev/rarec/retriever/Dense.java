package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

import java.util.Random;

/** A real linear layer y = x Wᵀ + b (W stored [out, in], as PyTorch does). */
final class Dense extends ParamBlock {
    private final Parameter weight;
    private final Parameter bias;

    Dense(NDManager manager, Random rng, int in, int out, boolean withBias) {
        weight = weight("weight", manager, rng, out, in);
        bias = withBias ? weight("bias", manager, rng, out) : null;
    }

    NDArray apply(NDArray x) {
        return linear(x, weight, bias);
    }
}
