package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.nn.Parameter;

import java.util.Random;

/**
 * One linear recurrent unit: h_t = λ ⊙ h_{t-1} + γ ⊙ B e_t, o_t = Re(C h_t) + e_t (eq. 2 with a diagonal
 * complex A = diag(λ)), then dropout on Re(C h), the residual, and a layer norm.
 *
 * <p>λ = exp(-exp(ν) + i·exp(θ)) is parametrised in log space, initialised uniformly on the ring
 * 0.8 ≤ |λ| ≤ 0.99 with phase in [0, 2π), and γ = sqrt(1 - |λ|²) (learned from there) keeps the state's
 * scale independent of how slowly it decays. The state has 2d complex channels. PyTorch in DJL has no
 * complex tensors, so real and imaginary parts are carried as two real arrays.
 */
final class LruLayer extends ParamBlock {
    static final double R_MIN = 0.8;
    static final double R_MAX = 0.99;

    private final Parameter paramsLog; // rows: log ν, log θ, log γ
    private final Parameter inRe;
    private final Parameter inIm;
    private final Parameter inBiasRe;
    private final Parameter inBiasIm;
    private final Parameter outRe;
    private final Parameter outIm;
    private final Parameter outBias;
    private final LayerNorm norm;
    private final double dropout;

    LruLayer(NDManager manager, Random rng, int d, double dropout) {
        int h = 2 * d;
        float[] init = new float[3 * h];
        for (int j = 0; j < h; j++) {
            double u1 = rng.nextDouble();
            double u2 = rng.nextDouble();
            double nu = -0.5 * Math.log(u1 * (R_MAX * R_MAX - R_MIN * R_MIN) + R_MIN * R_MIN);
            double theta = u2 * 2 * Math.PI;
            double modulus = Math.exp(-nu);
            init[j] = (float) Math.log(nu);
            init[h + j] = (float) Math.log(Math.max(theta, 1e-12));
            init[2 * h + j] = (float) Math.log(Math.sqrt(1 - modulus * modulus));
        }
        this.paramsLog = register("params_log", manager.create(init, new ai.djl.ndarray.types.Shape(3, h)));
        this.inRe = weight("in_proj_weight_re", manager, rng, h, d);
        this.inIm = weight("in_proj_weight_im", manager, rng, h, d);
        this.inBiasRe = weight("in_proj_bias_re", manager, rng, h);
        this.inBiasIm = weight("in_proj_bias_im", manager, rng, h);
        this.outRe = weight("out_proj_weight_re", manager, rng, d, h);
        this.outIm = weight("out_proj_weight_im", manager, rng, d, h);
        this.outBias = weight("out_proj_bias", manager, rng, d);
        this.norm = addChildBlock("layer_norm", new LayerNorm(manager, d));
        this.dropout = dropout;
    }

    NDArray apply(NDArray x, NDArray mask, boolean training) {
        NDManager m = x.getManager();
        NDArray[] lambda = lambda(m);
        NDArray gamma = own(m, paramsLog.getArray().get(2)).exp();
        NDArray hRe = linear(x, inRe, inBiasRe).mul(gamma);
        NDArray hIm = linear(x, inIm, inBiasIm).mul(gamma);
        NDArray[] h = scan(hRe, hIm, lambda[0], lambda[1], mask);
        NDArray y = linear(h[0], outRe, outBias).sub(linear(h[1], outIm, null));
        return norm.apply(dropout(y, dropout, training).add(x));
    }

    /** Real and imaginary parts of λ, each [2d], attached to {@code m}. */
    NDArray[] lambda(NDManager m) {
        NDArray nu = own(m, paramsLog.getArray().get(0)).exp();
        NDArray theta = own(m, paramsLog.getArray().get(1)).exp();
        NDArray modulus = nu.neg().exp();
        return new NDArray[] {modulus.mul(theta.cos()), modulus.mul(theta.sin())};
    }

    /** γ ⊙ B e_t for inspection by tests: real and imaginary parts [B, L, 2d]. */
    NDArray[] drive(NDArray x) {
        NDArray gamma = own(x.getManager(), paramsLog.getArray().get(2)).exp();
        return new NDArray[] {linear(x, inRe, inBiasRe).mul(gamma), linear(x, inIm, inBiasIm).mul(gamma)};
    }

    /**
     * h_t = λ h_{t-1} m_{t-1} + b_t for all t at once, in log2(L) rounds: round i joins blocks of 2^(i-1)
     * finished positions, adding λ^k times the last state of the left block to the k-th position of the
     * right block. A padded last-left position (m = 0) contributes nothing, so left padding never leaks in.
     * L must be a power of two.
     */
    static NDArray[] scan(NDArray hRe, NDArray hIm, NDArray lambdaRe, NDArray lambdaIm, NDArray mask) {
        long batch = hRe.getShape().get(0);
        int length = (int) hRe.getShape().get(1);
        long d = hRe.getShape().get(2);
        if (Integer.bitCount(length) != 1) throw new IllegalArgumentException("scan length must be a power of two, got " + length);
        NDArray powRe = lambdaRe.reshape(1, d);
        NDArray powIm = lambdaIm.reshape(1, d);
        for (int l = 2; l <= length; l *= 2) {
            int half = l / 2;
            if (l > 2) {
                NDArray lastRe = powRe.get(new NDIndex("-1:"));
                NDArray lastIm = powIm.get(new NDIndex("-1:"));
                NDArray nextRe = powRe.mul(lastRe).sub(powIm.mul(lastIm));
                NDArray nextIm = powRe.mul(lastIm).add(powIm.mul(lastRe));
                powRe = NDArrays.concat(new ai.djl.ndarray.NDList(powRe, nextRe), 0);
                powIm = NDArrays.concat(new ai.djl.ndarray.NDList(powIm, nextIm), 0);
            }
            long groups = batch * length / l;
            NDArray re = hRe.reshape(groups, l, d);
            NDArray im = hIm.reshape(groups, l, d);
            NDArray gate = mask.reshape(groups, l).get(new NDIndex(":, {}:{}", half - 1, half)).reshape(groups, 1, 1);
            NDArray leftRe = re.get(new NDIndex(":, :{}", half));
            NDArray leftIm = im.get(new NDIndex(":, :{}", half));
            NDArray carryRe = re.get(new NDIndex(":, {}:{}", half - 1, half)).mul(gate);
            NDArray carryIm = im.get(new NDIndex(":, {}:{}", half - 1, half)).mul(gate);
            NDArray rightRe = re.get(new NDIndex(":, {}:", half)).add(powRe.mul(carryRe).sub(powIm.mul(carryIm)));
            NDArray rightIm = im.get(new NDIndex(":, {}:", half)).add(powRe.mul(carryIm).add(powIm.mul(carryRe)));
            hRe = NDArrays.concat(new ai.djl.ndarray.NDList(leftRe, rightRe), 1).reshape(batch, length, d);
            hIm = NDArrays.concat(new ai.djl.ndarray.NDList(leftIm, rightIm), 1).reshape(batch, length, d);
        }
        return new NDArray[] {hRe, hIm};
    }

    /** The same recurrence one position at a time; the reference the parallel scan is tested against. */
    static NDArray[] recurrence(NDArray hRe, NDArray hIm, NDArray lambdaRe, NDArray lambdaIm, NDArray mask) {
        int length = (int) hRe.getShape().get(1);
        NDArray[] outRe = new NDArray[length];
        NDArray[] outIm = new NDArray[length];
        outRe[0] = hRe.get(new NDIndex(":, 0"));
        outIm[0] = hIm.get(new NDIndex(":, 0"));
        for (int t = 1; t < length; t++) {
            NDArray gate = mask.get(new NDIndex(":, {}:{}", t - 1, t));
            NDArray prevRe = outRe[t - 1].mul(gate);
            NDArray prevIm = outIm[t - 1].mul(gate);
            outRe[t] = hRe.get(new NDIndex(":, {}", t)).add(prevRe.mul(lambdaRe).sub(prevIm.mul(lambdaIm)));
            outIm[t] = hIm.get(new NDIndex(":, {}", t)).add(prevRe.mul(lambdaIm).add(prevIm.mul(lambdaRe)));
        }
        return new NDArray[] {NDArrays.stack(new ai.djl.ndarray.NDList(outRe), 1), NDArrays.stack(new ai.djl.ndarray.NDList(outIm), 1)};
    }
}
