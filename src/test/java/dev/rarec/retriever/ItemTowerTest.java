package dev.rarec.retriever;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ItemTowerTest {
    static final int ITEMS = 300;
    static final int TEXT_DIM = 24;
    static final int D = 16;

    /**
     * {@link ItemTower#scoreAll} (factored through the text embeddings when the batch is smaller than d) gives
     * the scores of the item vectors, states · all()ᵀ + allBias(), and the same gradients for every parameter.
     */
    @ParameterizedTest
    @CsvSource({"3, true, true", "3, true, false", "3, false, true", "40, true, true"})
    void scoreAllEqualsStatesTimesEveryItemVector(int rows, boolean text, boolean id) {
        try (NDManager model = NDManager.newBaseManager()) {
            Random rng = new Random(11);
            NDArray embeddings = text ? model.randomNormal(new Shape(ITEMS, TEXT_DIM)) : null;
            ItemTower tower = new ItemTower(model, rng, ITEMS, D, embeddings, id);
            // non-zero score biases, so that their terms are checked too
            tower.getParameters().forEach(p -> p.getValue().getArray().addi(model.randomNormal(p.getValue().getArray().getShape()).mul(0.1f)));
            float[] statesValues = new float[rows * D];
            for (int i = 0; i < statesValues.length; i++) statesValues[i] = (float) rng.nextGaussian();
            NDArray weights = model.randomNormal(new Shape(rows, ITEMS)); // the loss is a weighted sum of the scores

            List<float[]> factored = scoresAndGradients(tower, statesValues, rows, weights, true);
            List<float[]> projected = scoresAndGradients(tower, statesValues, rows, weights, false);
            assertThat(factored).hasSameSizeAs(projected);
            for (int i = 0; i < factored.size(); i++) {
                float[] a = factored.get(i), b = projected.get(i);
                assertThat(a).hasSameSizeAs(b);
                float scale = 0;
                for (float v : b) scale = Math.max(scale, Math.abs(v));
                assertThat(scale).isGreaterThan(0f);
                for (int j = 0; j < a.length; j++) assertThat(a[j]).isCloseTo(b[j], within(1e-5f * scale + 1e-6f));
            }
        }
    }

    /** The scores [rows, N], then the gradient of sum(weights · scores) for each parameter of the tower. */
    private static List<float[]> scoresAndGradients(ItemTower tower, float[] states, int rows, NDArray weights, boolean factored) {
        List<float[]> out = new ArrayList<>();
        try (NDManager m = NDManager.newBaseManager(); GradientCollector collector = Engine.getInstance().newGradientCollector()) {
            NDArray s = m.create(states, new Shape(rows, D));
            NDArray scores = factored ? tower.scoreAll(s) : s.matMul(tower.all(m).transpose()).add(tower.allBias(m));
            out.add(scores.toFloatArray());
            collector.backward(scores.mul(weights).sum());
        }
        tower.getParameters().forEach(p -> {
            NDArray grad = p.getValue().getArray().getGradient();
            out.add(grad.toFloatArray());
            grad.set(new ai.djl.ndarray.index.NDIndex("..."), 0f);
        });
        return out;
    }
}
