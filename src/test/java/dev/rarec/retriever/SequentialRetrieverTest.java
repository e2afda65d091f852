package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SequentialRetrieverTest {
    static final int ITEMS = 40;
    static final int TEXT_DIM = 12;

    static float[][] text(int n, int dim, long seed) {
        Random r = new Random(seed);
        float[][] t = new float[n][dim];
        for (float[] row : t) for (int j = 0; j < dim; j++) row[j] = (float) r.nextGaussian();
        return t;
    }

    static RetrieverConfig tiny(String model, boolean text, boolean id) {
        return new RetrieverConfig(model, 8, 2, 2, 0.1, 8, text, id, 0.3);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 16, 48, 208})
    void blockScanEqualsStepByStepRecurrenceWithPadding(int l) {
        try (NDManager m = NDManager.newBaseManager()) {
            Random r = new Random(7);
            int b = 4, h = 5;
            float[] u = new float[b * l * 2 * h], mask = new float[b * l];
            for (int i = 0; i < u.length; i++) u[i] = (float) r.nextGaussian();
            int[] pads = {0, l / 7, l / 2, l - 1};
            for (int i = 0; i < b; i++) for (int t = 0; t < l; t++) mask[i * l + t] = t >= pads[i] ? 1 : 0;
            float[] nu = new float[h], theta = new float[h], lr = new float[h], li = new float[h];
            for (int j = 0; j < h; j++) {
                double mod = LruLayer.R_MIN + (LruLayer.R_MAX - LruLayer.R_MIN) * r.nextDouble();
                nu[j] = (float) -Math.log(mod);
                theta[j] = (float) (2 * Math.PI * r.nextDouble());
                lr[j] = (float) (Math.exp(-nu[j]) * Math.cos(theta[j]));
                li[j] = (float) (Math.exp(-nu[j]) * Math.sin(theta[j]));
            }
            NDArray input = m.create(u, new Shape(b, l, 2, h));
            NDArray maskArr = m.create(mask, new Shape(b, l));
            float[] seq = LruLayer.recurrence(input, m.create(lr), m.create(li), maskArr).toFloatArray();
            // the scan's layout: real and imaginary parts [H, (B, L)], padded inputs zeroed; back to [B, L, 2, H] to compare
            NDArray masked = input.mul(maskArr.reshape(b, l, 1, 1));
            NDArray re = masked.get(":, :, 0, :").reshape(b * l, h).transpose();
            NDArray im = masked.get(":, :, 1, :").reshape(b * l, h).transpose();
            NDArray[] states = LruLayer.blockScan(re, im, LruLayer.kernel(m, m.create(nu), m.create(theta), l), b, l);
            float[] blocked = NDArrays.stack(new NDList(states[0].transpose(), states[1].transpose()), 1).reshape(b, l, 2, h).toFloatArray();
            for (int i = 0; i < b; i++) {
                for (int t = pads[i]; t < l; t++) {
                    for (int k = 0; k < 2 * h; k++) {
                        int at = (i * l + t) * 2 * h + k;
                        assertThat(blocked[at]).as("window %d, position %d", i, t).isCloseTo(seq[at], within(2e-4f));
                    }
                }
            }
            // padding never leaks: the first real state is its own input
            int first = (2 * l + pads[2]) * 2 * h;
            for (int k = 0; k < 2 * h; k++) assertThat(blocked[first + k]).isCloseTo(u[first + k], within(1e-6f));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lrurec", "sasrec", "gru4rec", "fmlprec", "bert4rec"})
    void gradientsReachEveryParameter(String model) {
        try (SequentialRetriever r = SequentialRetriever.create(tiny(model, true, true), ITEMS, text(ITEMS, TEXT_DIM, 1), 3)) {
            r.configureOptimizer(new OptimizerConfig(1e-3, 0.01, 0, 10));
            List<List<Integer>> histories = List.of(List.of(1, 2, 3), List.of(5), List.of(9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
            List<float[]> before = snapshot(r);
            r.step(m -> r.scores(m, histories, true).logSoftmax(1).get(":, 11").mean().neg());
            List<float[]> after = snapshot(r);
            List<Parameter> params = r.parameters();
            for (int i = 0; i < params.size(); i++) {
                assertThat(after.get(i)).as("parameter %s of %s changed", params.get(i).getName(), model).isNotEqualTo(before.get(i));
            }
        }
    }

    /** The LRURec code's optimiser: a constant rate, and gradients scaled down to the maximum norm before the moments see them. */
    @Test
    void clippingScalesTheGradientBeforeTheMomentsAndTheRateStaysConstant(@TempDir Path dir) throws Exception {
        List<List<Integer>> histories = List.of(List.of(1, 2, 3), List.of(5), List.of(9, 8, 7, 6, 5, 4, 3, 2, 1, 0));
        float[][] firstMoments = new float[2][];
        double[] maxNorms = {0, 1e-4};
        for (int k = 0; k < 2; k++) {
            try (SequentialRetriever r = SequentialRetriever.create(tiny("lrurec", false, true).withDropout(0), ITEMS, null, 3)) {
                r.configureOptimizer(OptimizerConfig.constant(1e-3, 0.01, 10, maxNorms[k], 1e-9, true));
                r.step(m -> r.scores(m, histories, true).logSoftmax(1).get(":, 11").mean().neg());
                assertThat(r.currentLearningRate()).isEqualTo(1e-3);
                r.saveOptimizerState(dir.resolve("o" + k));
                try (NDManager m = NDManager.newBaseManager(); var in = java.nio.file.Files.newInputStream(dir.resolve("o" + k + "/optimizer.ndlist"))) {
                    NDList state = NDList.decode(m, in);
                    List<Float> all = new ArrayList<>();
                    for (int i = 0; i < state.size() - 1; i += 2) for (float f : state.get(i).toFloatArray()) all.add(f);
                    firstMoments[k] = new float[all.size()];
                    for (int i = 0; i < all.size(); i++) firstMoments[k][i] = all.get(i);
                }
            }
        }
        double norm = 0;
        for (float f : firstMoments[0]) norm += (double) f * f;
        norm = Math.sqrt(norm) / 0.1; // the first moment after one step is 0.1 g
        assertThat(norm).isGreaterThan(1e-3);
        double scale = 1e-4 / norm;
        for (int i = 0; i < firstMoments[0].length; i++) {
            assertThat((double) firstMoments[1][i]).isCloseTo(firstMoments[0][i] * scale, within(1e-7 + 1e-3 * Math.abs(firstMoments[0][i] * scale)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lrurec", "sasrec", "gru4rec", "fmlprec", "bert4rec"})
    void paddingDoesNotChangeScores(String model) {
        try (SequentialRetriever r = SequentialRetriever.create(tiny(model, true, false), ITEMS, text(ITEMS, TEXT_DIM, 1), 3)) {
            float[] alone = r.score(List.of(4, 5, 6));
            float[][] batch = r.scoreBatch(List.of(List.of(1, 2, 3, 4, 5, 6, 7), List.of(4, 5, 6)));
            for (int i = 0; i < ITEMS; i++) assertThat(batch[1][i]).isCloseTo(alone[i], within(1e-4f));
        }
    }

    @Test
    void scoringWithFrozenConstantsEqualsTheTrainingPathBeforeAndAfterAnUpdate() {
        RetrieverConfig cfg = new RetrieverConfig("lrurec", 8, 2, 2, 0.1, 64, true, true, 0.3);
        List<List<Integer>> histories = new ArrayList<>();
        Random r = new Random(5);
        for (int n : new int[] {1, 3, 16, 17, 40, 64}) {
            List<Integer> h = new ArrayList<>();
            for (int i = 0; i < n; i++) h.add(r.nextInt(ITEMS));
            histories.add(h);
        }
        try (SequentialRetriever retriever = SequentialRetriever.create(cfg, ITEMS, text(ITEMS, TEXT_DIM, 6), 8)) {
            retriever.configureOptimizer(new OptimizerConfig(5e-2, 0.0, 0, 10));
            for (int round = 0; round < 2; round++) {
                for (List<Integer> h : histories) {
                    float[] frozen = retriever.score(h); // evaluation without autograd: cached λ kernels
                    float[] live;
                    try (NDManager m = retriever.manager().newSubManager()) {
                        ai.djl.pytorch.jni.JniUtils.setGradMode(true); // forces the path that rebuilds them from θ
                        try {
                            live = retriever.scores(m, List.of(h), false).toFloatArray();
                        } finally {
                            ai.djl.pytorch.jni.JniUtils.setGradMode(false);
                        }
                    }
                    for (int i = 0; i < ITEMS; i++) assertThat(frozen[i]).isCloseTo(live[i], within(1e-4f));
                }
                // an update must thaw the cached constants
                retriever.step(m -> retriever.scores(m, histories.subList(0, 3), true).get(":, 5").sum().neg());
            }
            // queries on frozen constants leave nothing behind in the model's manager
            for (List<Integer> h : histories) retriever.topK(h, 5);
            int arrays = retriever.manager().getManagedArrays().size();
            for (int i = 0; i < 20; i++) for (List<Integer> h : histories) retriever.topK(h, 5);
            assertThat(retriever.manager().getManagedArrays().size()).isEqualTo(arrays);
        }
    }

    @Test
    void topKMasksHistoryItems() {
        try (SequentialRetriever r = SequentialRetriever.create(tiny("lrurec", true, false), ITEMS, text(ITEMS, TEXT_DIM, 1), 3)) {
            List<Integer> history = List.of(3, 17, 22);
            List<ScoredItem> top = r.topK(history, ITEMS);
            assertThat(top).hasSize(ITEMS - 3);
            assertThat(top).extracting(ScoredItem::item).doesNotContain(3, 17, 22);
            for (int i = 1; i < top.size(); i++) assertThat(top.get(i - 1).score()).isGreaterThanOrEqualTo(top.get(i).score());
            List<ScoredItem> reference = TopK.select(r.score(history), 5, history);
            assertThat(r.topK(history, 5)).extracting(ScoredItem::item).containsExactlyElementsOf(reference.stream().map(ScoredItem::item).toList());
            assertThat(r.topKBatch(List.of(history, List.of()), 5).get(1)).hasSize(5);
        }
    }

    @Test
    void trainingLowersTheLossAndMemoryStaysFlat() {
        try (SequentialRetriever r = SequentialRetriever.create(tiny("lrurec", true, false), ITEMS, text(ITEMS, TEXT_DIM, 2), 5)) {
            r.configureOptimizer(new OptimizerConfig(1e-2, 0.0, 2, 60));
            // a deterministic rule: after item i comes item (i + 1) % ITEMS
            List<List<Integer>> histories = new ArrayList<>();
            int[] targets = new int[16];
            for (int i = 0; i < 16; i++) {
                histories.add(List.of(i, i + 1, i + 2));
                targets[i] = i + 3;
            }
            float first = 0, last = 0;
            int arraysBefore = 0;
            for (int s = 0; s < 60; s++) {
                float loss = r.step(m -> {
                    NDArray logp = r.scores(m, histories, true).logSoftmax(1);
                    return logp.gather(m.create(targets).toType(ai.djl.ndarray.types.DataType.INT64, false).reshape(16, 1), 1).mean().neg();
                });
                if (s == 0) first = loss;
                if (s == 5) arraysBefore = r.manager().getManagedArrays().size();
                last = loss;
            }
            assertThat(last).isLessThan(first * 0.6f);
            assertThat(r.manager().getManagedArrays().size()).isEqualTo(arraysBefore);
            assertThat(r.topK(List.of(0, 1, 2), 1).get(0).item()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"lrurec", "bert4rec"})
    void checkpointRoundTripGivesIdenticalScores(String model, @TempDir Path dir) {
        float[][] text = text(ITEMS, TEXT_DIM, 4);
        float[] before;
        try (SequentialRetriever r = SequentialRetriever.create(tiny(model, true, true), ITEMS, text, 9)) {
            r.configureOptimizer(new OptimizerConfig(1e-2, 0.01, 0, 5));
            r.step(m -> r.scores(m, List.of(List.of(1, 2)), true).get(":, 3").sum().neg());
            before = r.score(List.of(1, 2, 3));
            r.save(dir);
        }
        try (SequentialRetriever loaded = SequentialRetriever.load(dir, text)) {
            assertThat(loaded.config()).isEqualTo(tiny(model, true, true));
            assertThat(loaded.score(List.of(1, 2, 3))).containsExactly(before);
        }
        assertThatThrownBy(() -> SequentialRetriever.load(dir, text(ITEMS + 1, TEXT_DIM, 4))).hasMessageContaining("items");
        assertThatThrownBy(() -> SequentialRetriever.load(dir, text(ITEMS, TEXT_DIM + 1, 4))).hasMessageContaining("dimension");
    }

    @Test
    void aNonFiniteLossOrGradientLeavesTheParametersAlone() {
        try (SequentialRetriever r = SequentialRetriever.create(tiny("sasrec", false, true), ITEMS, null, 1)) {
            r.configureOptimizer(new OptimizerConfig(1e-2, 0.01, 0, 10));
            List<float[]> before = snapshot(r);
            assertThat(r.step(m -> r.scores(m, List.of(List.of(1, 2)), true).sum().mul(Float.NaN))).isNaN();
            assertThat(r.step(m -> r.scores(m, List.of(List.of(1, 2)), true).sqrt().sum().mul(0f))).isNaN();
            List<float[]> after = snapshot(r);
            for (int i = 0; i < before.size(); i++) assertThat(after.get(i)).containsExactly(before.get(i));
            assertThat(r.step(m -> r.scores(m, List.of(List.of(1, 2)), true).get(":, 3").sum().neg())).isFinite();
        }
    }

    @Test
    void historyOutsideTheCorpusIsAnError() {
        try (SequentialRetriever r = SequentialRetriever.create(tiny("sasrec", false, true), ITEMS, null, 1)) {
            assertThatThrownBy(() -> r.score(List.of(ITEMS))).hasMessageContaining("outside the corpus");
        }
    }

    private static List<float[]> snapshot(SequentialRetriever r) {
        List<float[]> out = new ArrayList<>();
        for (Parameter p : r.parameters()) out.add(p.getArray().toFloatArray());
        return out;
    }
}
