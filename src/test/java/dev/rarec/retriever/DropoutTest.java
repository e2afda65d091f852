package dev.rarec.retriever;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DropoutTest {
    /** Over many chunks, the dropped share is the rate and kept elements are scaled so that the mean is kept. */
    @Test
    void dropsTheRateAndKeepsTheMean() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(128, 208, 64); // an LRURec step's activations: 26 chunks
            float[] mask = Dropout.mask(m, shape, 0.2, 7).toFloatArray();
            long dropped = 0;
            double sum = 0;
            for (float v : mask) {
                if (v == 0f) dropped++;
                else assertThat(v).isEqualTo(1.25f);
                sum += v;
            }
            assertThat((double) dropped / mask.length).isCloseTo(0.2, within(0.002));
            assertThat(sum / mask.length).isCloseTo(1.0, within(0.003));
            // chunks are seeded apart: their dropped shares are not all equal, and no two chunks share a mask
            float[] first = java.util.Arrays.copyOfRange(mask, 0, Dropout.CHUNK);
            float[] second = java.util.Arrays.copyOfRange(mask, Dropout.CHUNK, 2 * Dropout.CHUNK);
            assertThat(first).isNotEqualTo(second);
        }
    }

    /** A mask is a function of its seed: the same seed gives the same mask, another seed another. */
    @Test
    void theSeedDecidesTheMask() {
        try (NDManager m = NDManager.newBaseManager()) {
            Shape shape = new Shape(3, Dropout.CHUNK + 17); // a partial last chunk
            float[] a = Dropout.mask(m, shape, 0.5, 42).toFloatArray();
            assertThat(Dropout.mask(m, shape, 0.5, 42).toFloatArray()).isEqualTo(a);
            assertThat(Dropout.mask(m, shape, 0.5, 43).toFloatArray()).isNotEqualTo(a);
            // chunks are fixed, so a mask begins as a larger one of the same seed does
            float[] small = Dropout.mask(m, new Shape(5), 0.5, 42).toFloatArray();
            assertThat(small).hasSize(5).isEqualTo(java.util.Arrays.copyOf(a, 5));
        }
    }

    /**
     * Applied under autograd, dropout passes the gradient through the kept elements, scaled, and none through the
     * dropped ones; with the engine's generator seeded alike, two steps draw the same mask.
     */
    @Test
    void gradientFlowsThroughKeptElementsOnly() {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray x = m.randomNormal(new Shape(40, 50));
            x.setRequiresGradient(true);
            float[] out;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                Engine.getInstance().setRandomSeed(5);
                NDArray y = Dropout.apply(x, 0.3);
                out = y.toFloatArray();
                gc.backward(y.sum());
            }
            float[] in = x.toFloatArray();
            float[] grad = x.getGradient().toFloatArray();
            for (int i = 0; i < in.length; i++) {
                if (grad[i] == 0f) {
                    assertThat(out[i]).isEqualTo(0f);
                } else {
                    assertThat(grad[i]).isCloseTo(1 / 0.7f, within(1e-6f));
                    assertThat(out[i]).isCloseTo(in[i] / 0.7f, within(1e-5f));
                }
            }
            Engine.getInstance().setRandomSeed(5);
            assertThat(Dropout.apply(x.stopGradient(), 0.3).toFloatArray()).isEqualTo(out);
        }
    }
}
