package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.pytorch.jni.JniUtils;

import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One linear recurrent unit: h_t = λ ⊙ h_{t-1} + γ ⊙ B e_t, o_t = Re(C h_t) + e_t (eq. 2 with a diagonal
 * complex A = diag(λ)), then dropout on Re(C h), the residual, and a layer norm.
 *
 * <p>λ = exp(-exp(ν) + i·exp(θ)) is parametrised in log space, initialised uniformly on the ring
 * 0.8 ≤ |λ| ≤ 0.99 with phase in [0, 2π), and γ = sqrt(1 - |λ|²) (learned from there) keeps the state's
 * scale independent of how slowly it decays. The state has H = 2d complex channels. PyTorch in DJL has no
 * complex tensors, so a state is carried as [..., 2, H]: real parts, then imaginary parts.
 */
final class LruLayer extends ParamBlock {
    static final double R_MIN = 0.8;
    static final double R_MAX = 0.99;
    /** Block length of {@link #blockScan}: positions handled by one small matrix product. */
    static final int BLOCK = 16;

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
    /** The kernels per window length, kept while θ stays fixed (evaluation without autograd). */
    private final Map<Integer, Kernel> frozen = new ConcurrentHashMap<>();
    private NDManager frozenManager;

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
        this.paramsLog = register("params_log", manager.create(init, new Shape(3, h)));
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

    /** The window length the scan accepts for n positions: a whole number of blocks (or one short block). */
    static int window(int n) {
        return n <= BLOCK ? Math.max(1, n) : (n + BLOCK - 1) / BLOCK * BLOCK;
    }

    NDArray apply(NDArray x, NDArray mask, boolean training) {
        NDManager m = x.getManager();
        long b = x.getShape().get(0);
        int l = (int) x.getShape().get(1);
        Kernel kernel;
        if (!training && !JniUtils.isGradMode()) {
            kernel = frozen(l).in(m); // scoring: the kernels are constants until the next update, so they are built once
        } else {
            NDArray[] nt = nuTheta(m);
            kernel = kernel(m, nt[0], nt[1], l);
        }
        // γ ⊙ (B e + b), real and imaginary parts as separate [H, (B, L)] arrays, padded positions zeroed. The input
        // is read as a transposed operand (MKL takes it as it lies), so the products write the scan's layout directly,
        // and their gradients come back in it: no transposing copies either way.
        long d = x.getShape().get(2);
        NDArray xt = x.reshape(b * l, d).transpose(); // [d, (B, L)], a view
        NDArray gamma = own(m, paramsLog.getArray().get(2)).exp().expandDims(1);
        NDArray keep = mask.reshape(1, b * l);
        NDArray re = own(m, inRe.getArray().mul(gamma)).matMul(xt).add(own(m, inBiasRe.getArray().expandDims(1)).mul(gamma)).mul(keep);
        NDArray im = own(m, inIm.getArray().mul(gamma)).matMul(xt).add(own(m, inBiasIm.getArray().expandDims(1)).mul(gamma)).mul(keep);
        NDArray[] states = blockScan(re, im, kernel, b, l);
        // Re(C h) = C_re h_re - C_im h_im, each state array read as a transposed operand [(B, L), H]
        NDArray y = states[0].transpose().matMul(own(m, outRe.getArray().transpose()))
                .sub(states[1].transpose().matMul(own(m, outIm.getArray().transpose())))
                .add(outBias.getArray()).reshape(b, l, d);
        return norm.apply(dropout(y, dropout, training).add(x));
    }
    private Kernel frozen(int l) {
        Kernel k = frozen.get(l);
        return k != null ? k : freeze(l);
    }

    private synchronized Kernel freeze(int l) {
        Kernel k = frozen.get(l);
        if (k != null) return k;
        if (frozenManager == null) frozenManager = paramsLog.getArray().getManager().newSubManager();
        NDArray[] nt = nuTheta(frozenManager);
        k = kernel(frozenManager, nt[0], nt[1], l);
        frozen.put(l, k);
        return k;
    }

    /** Drops the frozen kernels; the owner calls this whenever the parameters change. */
    synchronized void thaw() {
        frozen.clear();
        if (frozenManager != null) frozenManager.close();
        frozenManager = null;
    }

    /**
     * The matrices of {@link #blockScan} for windows of {@code length}, per channel, laid out [H, in, out] for a
     * product from the right, as real and imaginary parts: {@code inRe + i inIm} [H, c, c] applies
     * T[i][j] = λ^(j-i) (i ≤ j) within a block; {@code carryRe + i carryIm} [H, blocks, L] (null for one block)
     * takes the end state of block k' to position j of every later block k with λ^(j+1+c(k-1-k')).
     */
    record Kernel(int c, NDArray inRe, NDArray inIm, NDArray carryRe, NDArray carryIm) {
        /** The same kernel as views owned by {@code m}, so that results of operations on it land in {@code m}. */
        Kernel in(NDManager m) {
            return new Kernel(c, view(m, inRe), view(m, inIm), carryRe == null ? null : view(m, carryRe), carryIm == null ? null : view(m, carryIm));
        }
    }

    /**
     * @param nu    ν = exp(log ν) [H], so |λ| = exp(-ν)
     * @param theta θ = exp(log θ) [H], the phase of λ
     */
    static Kernel kernel(NDManager m, NDArray nu, NDArray theta, int length) {
        int c = Math.min(BLOCK, length);
        if (length % c != 0) throw new IllegalArgumentException("scan length " + length + " is not a whole number of blocks of " + c);
        int blocks = length / c;
        // λ^k = exp(-kν) (cos kθ + i sin kθ) for k = 0..L
        float[] ks = new float[length + 1];
        for (int k = 0; k <= length; k++) ks[k] = k;
        NDArray k = m.create(ks, new Shape(length + 1, 1));
        NDArray modulus = k.mul(nu.neg()).exp();
        NDArray angle = k.mul(theta);
        NDArray powRe = modulus.mul(angle.cos());
        NDArray powIm = modulus.mul(angle.sin());
        long[] lag = new long[c * c];
        boolean[] used = new boolean[c * c];
        for (int i = 0; i < c; i++) {
            for (int j = 0; j < c; j++) {
                lag[i * c + j] = Math.max(0, j - i);
                used[i * c + j] = i <= j;
            }
        }
        NDArray[] inBlock = complexMatrix(m, powRe, powIm, lag, used, c, c);
        NDArray[] carry = {null, null};
        if (blocks > 1) {
            long[] lag2 = new long[blocks * length];
            boolean[] used2 = new boolean[blocks * length];
            for (int kp = 0; kp < blocks; kp++) {
                for (int kk = 0; kk < blocks; kk++) {
                    for (int j = 0; j < c; j++) {
                        int e = kp * length + kk * c + j;
                        used2[e] = kp < kk;
                        lag2[e] = kp < kk ? j + 1 + (long) c * (kk - 1 - kp) : 0;
                    }
                }
            }
            carry = complexMatrix(m, powRe, powIm, lag2, used2, blocks, length);
        }
        return new Kernel(c, inBlock[0], inBlock[1], carry[0], carry[1]);
    }

    /** λ^lag as [H, rows, cols] real and imaginary parts, zero where not used. */
    private static NDArray[] complexMatrix(NDManager m, NDArray powRe, NDArray powIm, long[] lag, boolean[] used, int rows, int cols) {
        float[] keep = new float[used.length];
        for (int i = 0; i < used.length; i++) keep[i] = used[i] ? 1f : 0f;
        long h = powRe.getShape().get(1);
        // gathered straight into [H, rows · cols]: a batched product needs each channel's matrix contiguous, or it copies it
        NDArray index = m.create(lag, new Shape(1, lag.length)).repeat(0, h);
        NDArray kept = m.create(keep, new Shape(1, keep.length));
        return new NDArray[] {powRe.transpose().gather(index, 1).mul(kept).reshape(h, rows, cols),
                powIm.transpose().gather(index, 1).mul(kept).reshape(h, rows, cols)};
    }

    /**
     * h_t = λ h_{t-1} + u_t for all t of windows given as real and imaginary parts re, im [H, (B, L)] (L a whole
     * number of blocks, padded inputs already zeroed), as batched products per channel: within each block of c
     * positions the recurrence is a product with the Toeplitz matrix T[i][j] = λ^(j-i), four real products for
     * the complex one; then every position adds what the earlier blocks' end states carry into it,
     * λ^(j+1+c(k-1-k')) times the in-block end state of block k', in a second product. Each channel's block of
     * positions is a contiguous row of its array, so a step of LRURec is a handful of large operations instead
     * of the ~14 element-wise passes per round of its parallel scan. For left padding, zeroed inputs give the
     * real positions exactly the states of the masked recurrence (padded positions themselves are don't-care).
     *
     * @return the states' real and imaginary parts, each [H, (B, L)]
     */
    static NDArray[] blockScan(NDArray re, NDArray im, Kernel kernel, long b, int length) {
        long h = re.getShape().get(0);
        int c = kernel.c();
        if (length % c != 0) throw new IllegalArgumentException("kernel of block length " + c + " for a window of " + length);
        long blocks = length / c;
        NDArray xr = re.reshape(h, b * blocks, c);
        NDArray xi = im.reshape(h, b * blocks, c);
        NDArray yr = xr.matMul(kernel.inRe()).sub(xi.matMul(kernel.inIm())); // [H, (B, blocks), c]
        NDArray yi = xr.matMul(kernel.inIm()).add(xi.matMul(kernel.inRe()));
        if (blocks > 1) {
            // block ends [H, B, blocks]: a contiguous copy, or the batched products below would copy them channel by channel
            NDArray er = contiguous(yr.reshape(h, b, blocks, c).get(new NDIndex(":, :, :, -1")));
            NDArray ei = contiguous(yi.reshape(h, b, blocks, c).get(new NDIndex(":, :, :, -1")));
            yr = yr.reshape(h, b, length).add(er.matMul(kernel.carryRe()).sub(ei.matMul(kernel.carryIm())));
            yi = yi.reshape(h, b, length).add(er.matMul(kernel.carryIm()).add(ei.matMul(kernel.carryRe())));
        }
        return new NDArray[] {yr.reshape(h, b * length), yi.reshape(h, b * length)};
    }

    /**
     * A contiguous copy of a strided view. A concatenation writes a new contiguous array; the empty second part
     * is there because DJL detaches the copy it makes of a lone array.
     */
    static NDArray contiguous(NDArray a) {
        long[] empty = a.getShape().getShape().clone();
        empty[0] = 0;
        return NDArrays.concat(new NDList(a, a.getManager().zeros(new Shape(empty))), 0);
    }

    /** A view of {@code array} owned by {@code m}. */
    static NDArray view(NDManager m, NDArray array) {
        return own(m, array.reshape(array.getShape()));
    }

    private static NDArray lookup(NDArray ids, NDArray table) {
        return ids.getNDArrayInternal().embedding(ids, table, ai.djl.ndarray.types.SparseFormat.DENSE).singletonOrThrow();
    }

    /** ν and θ of λ, each [H], attached to {@code m}. */
    NDArray[] nuTheta(NDManager m) {
        return new NDArray[] {own(m, paramsLog.getArray().get(0)).exp(), own(m, paramsLog.getArray().get(1)).exp()};
    }

    /** The same recurrence one position at a time on u [B, L, 2, H]; the reference the block scan is tested against. */
    static NDArray recurrence(NDArray u, NDArray lambdaRe, NDArray lambdaIm, NDArray mask) {
        int length = (int) u.getShape().get(1);
        NDArray[] out = new NDArray[length];
        out[0] = u.get(new NDIndex(":, 0"));
        for (int t = 1; t < length; t++) {
            NDArray gate = mask.get(new NDIndex(":, {}:{}", t - 1, t));
            NDArray prevRe = out[t - 1].get(new NDIndex(":, 0")).mul(gate);
            NDArray prevIm = out[t - 1].get(new NDIndex(":, 1")).mul(gate);
            NDArray re = u.get(new NDIndex(":, {}, 0", t)).add(prevRe.mul(lambdaRe).sub(prevIm.mul(lambdaIm)));
            NDArray im = u.get(new NDIndex(":, {}, 1", t)).add(prevRe.mul(lambdaIm).add(prevIm.mul(lambdaRe)));
            out[t] = NDArrays.stack(new NDList(re, im), 1);
        }
        return NDArrays.stack(new NDList(out), 1);
    }
}
