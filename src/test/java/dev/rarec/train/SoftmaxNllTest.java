package dev.rarec.train;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SoftmaxNllTest {

    /** Value and gradients equal autograd through log-softmax, whether the rows fit one block or many. */
    @ParameterizedTest
    @ValueSource(ints = {1, 4, 37, 1000})
    void equalsLogSoftmaxNllInValueAndGradient(int block) {
        int rows = 37, d = 5, items = 11;
        Random r = new Random(3);
        float[] s = new float[rows * d];
        float[] w = new float[items * (d + 1)];
        for (int i = 0; i < s.length; i++) s[i] = (float) r.nextGaussian();
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        long[] labels = new long[rows];
        for (int i = 0; i < rows; i++) labels[i] = r.nextInt(items);
        float[][] reference = run(s, w, labels, rows, d, items, 0);
        float[][] fused = run(s, w, labels, rows, d, items, block);
        assertThat(fused[0][0]).isCloseTo(reference[0][0], within(1e-5f));
        assertThat(reference[0][0]).isGreaterThan(0.5f); // a real loss, not a degenerate one
        for (int g = 1; g <= 2; g++) {
            assertThat(fused[g]).hasSameSizeAs(reference[g]);
            for (int i = 0; i < reference[g].length; i++) assertThat(fused[g][i]).isCloseTo(reference[g][i], within(1e-6f));
        }
    }

    /** {loss}, d loss / d states, d loss / d weights; block 0 = plain autograd. */
    private static float[][] run(float[] s, float[] w, long[] labels, int rows, int d, int items, int block) {
        try (NDManager m = NDManager.newBaseManager()) {
            NDArray states = m.create(s, new Shape(rows, d));
            NDArray weights = m.create(w, new Shape(items, d + 1));
            states.setRequiresGradient(true);
            weights.setRequiresGradient(true);
            float value;
            try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
                NDArray loss;
                if (block == 0) {
                    NDArray logits = states.matMul(weights.get(new NDIndex(":, :{}", d)).transpose()).add(weights.get(new NDIndex(":, {}", d)));
                    loss = logits.logSoftmax(1).gather(m.create(labels, new Shape(rows, 1)), 1).mean().neg();
                } else {
                    loss = SoftmaxNll.loss(states, weights, labels, block);
                }
                value = loss.getFloat();
                gc.backward(loss);
            }
            return new float[][] {{value}, states.getGradient().toFloatArray(), weights.getGradient().toFloatArray()};
        }
    }
}
