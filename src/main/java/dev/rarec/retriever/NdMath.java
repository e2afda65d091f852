package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * The numeric helpers rarec needs on top of DJL, in one place: constants autograd can replay, and the two
 * log-space reductions written so that they never overflow. Public only because the preference losses in
 * {@code dev.rarec.train} use them too; nothing else belongs here.
 */
public final class NdMath {
    private NdMath() {}

    /**
     * A constant of {@code like}'s type and manager, for arithmetic that autograd must replay: DJL's
     * {@code mul(Number)}, {@code div(Number)} and {@code maximum(Number)} lose their operand to the
     * garbage collector before backward (measured: wrong gradients in most runs with a collection between
     * forward and backward), an array attached to the manager does not.
     */
    public static NDArray scalar(NDArray like, double value) {
        NDManager manager = like.getManager();
        return like.getDataType() == DataType.FLOAT64 ? manager.create(value)
                : manager.create((float) value).toType(like.getDataType(), false);
    }

    /** log Σ exp(x) along {@code axis}, shifted by the (constant) maximum so exp never overflows. */
    public static NDArray logSumExp(NDArray x, int axis) {
        NDArray max = x.max(new int[] {axis}, true).stopGradient();
        return x.sub(max).exp().sum(new int[] {axis}, true).log().add(max).squeeze(axis);
    }

    /** -log σ(x) = max(-x, 0) + log(1 + e^{-|x|}), written so that neither term overflows. */
    public static NDArray negLogSigmoid(NDArray x) {
        return x.neg().maximum(scalar(x, 0)).add(x.abs().neg().exp().add(1).log());
    }
}
