package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * FMLP-Rec (Zhou et al., WWW 2022): item vectors plus learned positions, then blocks of a learnable
 * frequency-domain filter (rfft over time, element-wise complex weight, inverse rfft, orthonormal scaling)
 * and a feed-forward layer, each with dropout, residual and layer norm.
 *
 * <p>DJL's PyTorch engine exposes no FFT, so the filter is computed with the equivalent real DFT matrices:
 * X = x·F (cos and -sin parts), Y = W ⊙ X, y = Y·F⁻¹. It is exact, costs O(L²) instead of O(L log L), and
 * fixes the window to {@code maxLen}, as FMLP-Rec's filter length is fixed.
 */
final class FmlpRec extends SequenceEncoder {
    private final Parameter positions;
    private final LayerNorm inputNorm;
    private final List<Parameter[]> filters = new ArrayList<>();
    private final List<LayerNorm> filterNorms = new ArrayList<>();
    private final List<FeedForward> feedForwards = new ArrayList<>();
    private final NDArray forwardCos;
    private final NDArray forwardSin;
    private final NDArray inverseCos;
    private final NDArray inverseSin;
    private final double dropout;
    private final int length;

    FmlpRec(NDManager manager, Random rng, RetrieverConfig cfg) {
        int d = cfg.hiddenSize();
        this.length = cfg.maxLen();
        this.dropout = cfg.dropout();
        int freqs = length / 2 + 1;
        this.positions = weight("position_embedding", manager, rng, length, d);
        this.inputNorm = addChildBlock("embedding_layer_norm", new LayerNorm(manager, d));
        for (int b = 0; b < cfg.blocks(); b++) {
            filters.add(new Parameter[] {weight("filter_re_" + b, manager, rng, d, freqs), weight("filter_im_" + b, manager, rng, d, freqs)});
            filterNorms.add(addChildBlock("filter_layer_norm", new LayerNorm(manager, d)));
            feedForwards.add(addChildBlock("feed_forward", new FeedForward(manager, rng, d, cfg.dropout())));
        }
        float[] fc = new float[length * freqs];
        float[] fs = new float[length * freqs];
        float[] ic = new float[freqs * length];
        float[] is = new float[freqs * length];
        double scale = 1 / Math.sqrt(length);
        for (int f = 0; f < freqs; f++) {
            boolean selfConjugate = f == 0 || (length % 2 == 0 && f == length / 2);
            double weight = selfConjugate ? 1 : 2;
            for (int t = 0; t < length; t++) {
                double angle = 2 * Math.PI * f * (long) t / length;
                fc[t * freqs + f] = (float) (Math.cos(angle) * scale);
                fs[t * freqs + f] = (float) (-Math.sin(angle) * scale);
                ic[f * length + t] = (float) (weight * Math.cos(angle) * scale);
                is[f * length + t] = (float) (-weight * Math.sin(angle) * scale);
            }
        }
        this.forwardCos = manager.create(fc, new Shape(length, freqs));
        this.forwardSin = manager.create(fs, new Shape(length, freqs));
        this.inverseCos = manager.create(ic, new Shape(freqs, length));
        this.inverseSin = manager.create(is, new Shape(freqs, length));
    }

    @Override
    NDArray encode(NDArray x, NDArray mask, boolean training) {
        int l = (int) x.getShape().get(1);
        if (l != length) throw new IllegalArgumentException("FMLP-Rec needs a window of " + length + ", got " + l);
        NDArray h = inputNorm.apply(x.add(Attention.positions(x.getManager(), positions, l)));
        h = dropout(h, dropout, training);
        for (int b = 0; b < filters.size(); b++) {
            NDArray filtered = filter(h, filters.get(b));
            h = filterNorms.get(b).apply(dropout(filtered, dropout, training).add(h));
            h = feedForwards.get(b).apply(h, training);
        }
        return h;
    }

    /** irfft(W ⊙ rfft(x)) along time, orthonormal; x [B, L, d]. */
    NDArray filter(NDArray x, Parameter[] w) {
        NDArray time = x.transpose(0, 2, 1);
        NDArray re = time.matMul(forwardCos);
        NDArray im = time.matMul(forwardSin);
        NDArray yRe = re.mul(w[0].getArray()).sub(im.mul(w[1].getArray()));
        NDArray yIm = re.mul(w[1].getArray()).add(im.mul(w[0].getArray()));
        return yRe.matMul(inverseCos).add(yIm.matMul(inverseSin)).transpose(0, 2, 1);
    }

    @Override
    int window(int n) {
        return length;
    }
}
