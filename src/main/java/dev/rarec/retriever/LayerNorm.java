package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;

/** Layer normalisation over the last axis with a learned gain and shift. */
final class LayerNorm extends ParamBlock {
    private final Parameter gamma;
    private final Parameter beta;

    LayerNorm(NDManager manager, int d) {
        gamma = constant("layer_norm_gamma", manager, 1f, d);
        beta = constant("layer_norm_beta", manager, 0f, d);
    }

    NDArray apply(NDArray x) {
        return layerNorm(x, gamma, beta);
    }
}
