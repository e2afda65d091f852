package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class AttentionTest {
    /** Causal multi-head attention against softmax(q·kᵀ / sqrt(dh) + bias) v, computed by hand from the layer's weights. */
    @Test
    void matchesScaledDotProductAttentionByHand() {
        int l = 3, d = 4, heads = 2, dh = d / heads;
        try (NDManager m = NDManager.newBaseManager()) {
            Attention attention = new Attention(m, new Random(7), d, heads, 0);
            // weights of about unit scale: at the initial 0.02 every score is near 0, and a missing 1/sqrt(dh) would not show
            for (var p : attention.getParameters()) p.getValue().getArray().muli(50);
            float[] x = new float[l * d];
            Random rng = new Random(11);
            for (int i = 0; i < x.length; i++) x[i] = (float) rng.nextGaussian();
            NDArray input = m.create(x, new Shape(1, l, d));
            NDArray bias = Attention.bias(m.ones(new Shape(1, l)), true);
            float[] got = attention.apply(input, input, bias, false).toFloatArray();

            float[][] q = project(attention, "q", x, l, d);
            float[][] k = project(attention, "k", x, l, d);
            float[][] v = project(attention, "v", x, l, d);
            float[][] mixed = new float[l][d];
            for (int h = 0; h < heads; h++) {
                for (int i = 0; i < l; i++) {
                    double[] w = new double[i + 1]; // causal: position i sees 0..i
                    double max = Double.NEGATIVE_INFINITY;
                    for (int j = 0; j <= i; j++) {
                        double s = 0;
                        for (int c = 0; c < dh; c++) s += q[i][h * dh + c] * k[j][h * dh + c];
                        w[j] = s / Math.sqrt(dh);
                        max = Math.max(max, w[j]);
                    }
                    double total = 0;
                    for (int j = 0; j <= i; j++) total += w[j] = Math.exp(w[j] - max);
                    for (int j = 0; j <= i; j++) for (int c = 0; c < dh; c++) mixed[i][h * dh + c] += (float) (w[j] / total * v[j][h * dh + c]);
                }
            }
            float[] flat = new float[l * d];
            for (int i = 0; i < l; i++) System.arraycopy(mixed[i], 0, flat, i * d, d);
            float[][] want = project(attention, "out", flat, l, d);
            for (int i = 0; i < l; i++) for (int c = 0; c < d; c++) assertThat(got[i * d + c]).isCloseTo(want[i][c], within(1e-5f));
        }
    }

    /** x Wᵀ + b with the weights of the attention's child layer {@code name}, rows of x [l, d]. */
    private static float[][] project(Attention attention, String name, float[] x, int l, int d) {
        float[] w = null;
        float[] b = null;
        for (var p : attention.getParameters()) {
            if (!p.getKey().matches("\\d*" + name + "_.*")) continue; // child blocks are numbered: 01q_weight
            Parameter param = p.getValue();
            if (p.getKey().endsWith("weight")) w = param.getArray().toFloatArray();
            else b = param.getArray().toFloatArray();
        }
        assertThat(w).as("weights of " + name).isNotNull();
        float[][] out = new float[l][d];
        for (int i = 0; i < l; i++) {
            for (int o = 0; o < d; o++) {
                double s = b == null ? 0 : b[o];
                for (int c = 0; c < d; c++) s += x[i * d + c] * w[o * d + c];
                out[i][o] = (float) s;
            }
        }
        return out;
    }
}
