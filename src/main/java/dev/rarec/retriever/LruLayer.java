package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
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
    /** γ and the block kernels per block length, kept while θ stays fixed (evaluation without autograd). */
    private final Map<Integer, Frozen> frozen = new ConcurrentHashMap<>();
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

    NDArray apply(NDArray x, NDArray mask, boolean training) {
        NDManager m = x.getManager();
        NDArray gamma;
        Kernel kernel;
        if (!training && !JniUtils.isGradMode()) {
            // scoring: λ, γ and the kernels are constants until the next update, so they are built once
            Frozen f = frozen(blockLength((int) x.getShape().get(1)));
            gamma = view(m, f.gamma());
            kernel = f.kernel().in(m);
        } else {
            gamma = own(m, paramsLog.getArray().get(2)).exp();
            NDArray[] nt = nuTheta(m);
            kernel = kernel(m, nt[0], nt[1], x.getShape().get(0), (int) x.getShape().get(1));
        }
        NDArray hRe = linear(x, inRe, inBiasRe).mul(gamma);
        NDArray hIm = linear(x, inIm, inBiasIm).mul(gamma);
        NDArray[] h = blockScan(hRe, hIm, kernel, mask);
        NDArray y = linear(h[0], outRe, outBias).sub(linear(h[1], outIm, null));
        return norm.apply(dropout(y, dropout, training).add(x));
    }

    private record Frozen(NDArray gamma, Kernel kernel) {}

    private Frozen frozen(int c) {
        Frozen f = frozen.get(c);
        return f != null ? f : freeze(c);
    }

    private synchronized Frozen freeze(int c) {
        Frozen f = frozen.get(c);
        if (f != null) return f;
        if (frozenManager == null) frozenManager = paramsLog.getArray().getManager().newSubManager();
        NDArray[] nt = nuTheta(frozenManager);
        f = new Frozen(own(frozenManager, paramsLog.getArray().get(2)).exp(), kernel(frozenManager, nt[0], nt[1], c, true, true));
        frozen.put(c, f);
        return f;
    }

    /** Drops the frozen constants; the owner calls this whenever the parameters change. */
    synchronized void thaw() {
        frozen.clear();
        if (frozenManager != null) frozenManager.close();
        frozenManager = null;
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

    /** Block length of {@link #blockScan}: positions handled by one small matrix product. */
    static final int BLOCK = 16;

    static int blockLength(int length) {
        return Math.min(BLOCK, length);
    }

    /**
     * Whether the broadcast form of the in-block product is the cheaper one for {@code groups} blocks of
     * length c. PyTorch's batched product over the 2d channels costs a few microseconds per channel however
     * small the blocks, which for a single query is most of the scan; the broadcast form costs in proportion
     * to groups · c² and wins until a few dozen blocks.
     */
    static boolean broadcastPays(long groups, int c) {
        return groups * c <= 64;
    }

    /**
     * λ^k for k = 0..c ([c+1, 2d], real and imaginary parts) and the block kernel T[j][i] = λ^(j-i) on and below
     * the diagonal, in the two layouts {@link #blockScan} uses: per channel for the batched product
     * ({@code re}, {@code im}: [2d, c(j), c(i)]) and for the broadcast product ({@code stacked}:
     * [1, 2, c(j), 2c, 2d], where row 0 holds [Re T, -Im T] and row 1 [Im T, Re T] over the inputs' real then
     * imaginary parts, so that one multiply and one sum give both parts of the output). A layout not asked for is null.
     */
    record Kernel(int c, NDArray powRe, NDArray powIm, NDArray re, NDArray im, NDArray stacked) {
        /** The same kernel as views owned by {@code m}, so that results of operations on it land in {@code m}. */
        Kernel in(NDManager m) {
            return new Kernel(c, view(m, powRe), view(m, powIm), re == null ? null : view(m, re), im == null ? null : view(m, im),
                    stacked == null ? null : view(m, stacked));
        }
    }

    /**
     * @param nu    ν = exp(log ν) [2d], so |λ| = exp(-ν)
     * @param theta θ = exp(log θ) [2d], the phase of λ
     */
    static Kernel kernel(NDManager m, NDArray nu, NDArray theta, int c, boolean batched, boolean broadcast) {
        // λ^k = exp(-kν) (cos kθ + i sin kθ) for k = 0..c
        float[] ks = new float[c + 1];
        for (int k = 0; k <= c; k++) ks[k] = k;
        NDArray k = m.create(ks, new Shape(c + 1, 1));
        NDArray modulus = k.mul(nu.neg()).exp();
        NDArray angle = k.mul(theta);
        NDArray powRe = modulus.mul(angle.cos());
        NDArray powIm = modulus.mul(angle.sin());
        long[] lag = new long[c * c];
        float[] lower = new float[c * c];
        for (int j = 0; j < c; j++) {
            for (int i = 0; i < c; i++) {
                lag[j * c + i] = Math.max(0, j - i);
                lower[j * c + i] = i <= j ? 1f : 0f;
            }
        }
        NDArray lagIndex = m.create(lag, new Shape(c, c));
        NDArray lowerMask = m.create(lower, new Shape(c, c, 1));
        NDArray tRe = lookup(lagIndex, powRe).mul(lowerMask); // [c(j), c(i), 2d]
        NDArray tIm = lookup(lagIndex, powIm).mul(lowerMask);
        NDArray stacked = null;
        if (broadcast) {
            NDArray rowRe = NDArrays.concat(new ai.djl.ndarray.NDList(tRe, tIm.neg()), 1);
            NDArray rowIm = NDArrays.concat(new ai.djl.ndarray.NDList(tIm, tRe), 1);
            stacked = NDArrays.stack(new ai.djl.ndarray.NDList(rowRe, rowIm), 0).expandDims(0);
        }
        return new Kernel(c, powRe, powIm, batched ? tRe.transpose(2, 0, 1) : null, batched ? tIm.transpose(2, 0, 1) : null, stacked);
    }

    /** The kernel, in the one layout it needs, of a batch of {@code batch} windows of {@code length}. */
    static Kernel kernel(NDManager m, NDArray nu, NDArray theta, long batch, int length) {
        int c = blockLength(length);
        boolean broadcast = broadcastPays(batch * (length / c), c);
        return kernel(m, nu, theta, c, !broadcast, broadcast);
    }

    /** {@link #blockScan(NDArray, NDArray, Kernel, NDArray)} with the kernel built from ν and θ. */
    static NDArray[] blockScan(NDArray hRe, NDArray hIm, NDArray nu, NDArray theta, NDArray mask) {
        return blockScan(hRe, hIm, kernel(hRe.getManager(), nu, theta, hRe.getShape().get(0), (int) hRe.getShape().get(1)), mask);
    }

    /**
     * The same h_t as {@link #scan}, computed faster: in blocks of c positions the recurrence
     * is a product with the lower-triangular Toeplitz matrix T[j][i] = λ^(j-i); the states at block ends are
     * then joined by {@link #scan} (log2(L / c) rounds, with λ^c), and each block adds λ^(j+1)
     * times the state its predecessor ended in. LRURec's element-wise scan spends ~14 full-size
     * element-wise operations per round, which on a CPU costs far more than the arithmetic; this form
     * needs a fixed handful. Padded inputs are zeroed first, which for left padding gives the real positions
     * exactly the states of the masked recurrence (padded positions themselves are don't-care).
     */
    static NDArray[] blockScan(NDArray hRe, NDArray hIm, Kernel kernel, NDArray mask) {
        NDManager m = hRe.getManager();
        long batch = hRe.getShape().get(0);
        int length = (int) hRe.getShape().get(1);
        long d = hRe.getShape().get(2);
        if (Integer.bitCount(length) != 1) throw new IllegalArgumentException("scan length must be a power of two, got " + length);
        int c = kernel.c();
        if (c != blockLength(length)) throw new IllegalArgumentException("kernel of block length " + c + " for a window of " + length);
        long blocks = length / c;
        NDArray keep = mask.expandDims(-1);
        NDArray bRe = hRe.mul(keep);
        NDArray bIm = hIm.mul(keep);
        NDArray yRe;
        NDArray yIm;
        if (kernel.stacked() != null && (kernel.re() == null || broadcastPays(batch * blocks, c))) {
            NDArray in = NDArrays.concat(new ai.djl.ndarray.NDList(bRe.reshape(batch * blocks, c, d), bIm.reshape(batch * blocks, c, d)), 1)
                    .reshape(batch * blocks, 1, 1, 2L * c, d);
            NDArray y = in.mul(kernel.stacked()).sum(new int[] {3}); // [groups, 2, c, d]
            yRe = y.get(new NDIndex(":, 0")).reshape(batch, blocks, c, d);
            yIm = y.get(new NDIndex(":, 1")).reshape(batch, blocks, c, d);
        } else {
            // inputs as [d, c, batch * blocks]
            NDArray inRe = bRe.reshape(batch * blocks, c, d).transpose(2, 1, 0);
            NDArray inIm = bIm.reshape(batch * blocks, c, d).transpose(2, 1, 0);
            yRe = kernel.re().matMul(inRe).sub(kernel.im().matMul(inIm)).transpose(2, 1, 0).reshape(batch, blocks, c, d);
            yIm = kernel.re().matMul(inIm).add(kernel.im().matMul(inRe)).transpose(2, 1, 0).reshape(batch, blocks, c, d);
        }
        NDArray powRe = kernel.powRe();
        NDArray powIm = kernel.powIm();
        if (blocks > 1) {
            NDArray endRe = yRe.get(new NDIndex(":, :, -1"));
            NDArray endIm = yIm.get(new NDIndex(":, :, -1"));
            NDArray stepRe = powRe.get(new NDIndex("{}", c));
            NDArray stepIm = powIm.get(new NDIndex("{}", c));
            NDArray[] ends = scan(endRe, endIm, stepRe, stepIm, m.ones(new Shape(batch, blocks)));
            NDArray zeros = m.zeros(new Shape(batch, 1, d));
            NDArray prevRe = NDArrays.concat(new ai.djl.ndarray.NDList(zeros, ends[0].get(new NDIndex(":, :-1"))), 1).expandDims(2);
            NDArray prevIm = NDArrays.concat(new ai.djl.ndarray.NDList(zeros, ends[1].get(new NDIndex(":, :-1"))), 1).expandDims(2);
            NDArray carryRe = powRe.get(new NDIndex("1:"));
            NDArray carryIm = powIm.get(new NDIndex("1:"));
            yRe = yRe.add(prevRe.mul(carryRe).sub(prevIm.mul(carryIm)));
            yIm = yIm.add(prevRe.mul(carryIm).add(prevIm.mul(carryRe)));
        }
        return new NDArray[] {yRe.reshape(batch, length, d), yIm.reshape(batch, length, d)};
    }

    /** A view of {@code array} owned by {@code m}. */
    static NDArray view(NDManager m, NDArray array) {
        return own(m, array.reshape(array.getShape()));
    }

    private static NDArray lookup(NDArray ids, NDArray table) {
        return ids.getNDArrayInternal().embedding(ids, table, ai.djl.ndarray.types.SparseFormat.DENSE).singletonOrThrow();
    }

    /** ν and θ of λ, each [2d], attached to {@code m}. */
    NDArray[] nuTheta(NDManager m) {
        return new NDArray[] {own(m, paramsLog.getArray().get(0)).exp(), own(m, paramsLog.getArray().get(1)).exp()};
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
