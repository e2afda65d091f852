package dev.rarec.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import dev.rarec.retriever.OptimizerConfig;
import dev.rarec.retriever.TrainableRetriever;
import dev.rarec.train.PreferenceConfig.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** One rule for non-finite steps in every trainer: skipped, not counted, one line each, five in a row stop the run. */
class NonFiniteStepsTest {
    @TempDir
    Path tmp;

    @Test
    void eachSkippedStepIsLoggedAndFiveInARowStop() {
        List<String> messages = new ArrayList<>();
        NonFiniteSteps rule = new NonFiniteSteps(Synthetic.collecting(messages));
        assertThat(rule.accept(1.5, 1)).isTrue();
        assertThat(rule.accept(Double.NaN, 2)).isFalse();
        assertThat(rule.accept(Double.POSITIVE_INFINITY, 3)).isFalse();
        assertThat(rule.accept(0.7, 4)).as("a finite step resets the run of failures").isTrue();
        for (int i = 0; i < NonFiniteSteps.MAX_IN_A_ROW - 1; i++) assertThat(rule.accept(Double.NaN, 5 + i)).isFalse();
        assertThatThrownBy(() -> rule.accept(Double.NaN, 9)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("5 steps in a row").hasMessageContaining("step 9");
        assertThat(messages).hasSize(7).allMatch(m -> m.contains("batch skipped"));
        assertThat(messages.get(0)).startsWith("step 2: loss NaN");
        assertThat(rule.skipped()).isEqualTo(7);
    }

    @Test
    void sftDoesNotCountANonFiniteStepAndSaysSo() {
        Synthetic data = new Synthetic();
        Path init = Synthetic.initialCheckpoint(tmp);
        PreferenceConfig c = PreferenceConfig.defaults(Method.SFT).toBuilder()
                .epochs(1).batchSize(6).evalEvery(100).warmupSteps(0).learningRate(3.0).seed(3).build();
        List<String> messages = new ArrayList<>();
        RetrieverLoader everyThirdNaN = new RetrieverLoader() {
            @Override
            public TrainableRetriever open(Path dir, OptimizerConfig optimizer, int completedSteps) {
                return new NaNEveryThirdStep(Synthetic.loader(0f).open(dir, optimizer, completedSteps));
            }

            @Override
            public void saveTrainingState(TrainableRetriever retriever, Path dir) {
                Synthetic.loader(0f).saveTrainingState(((NaNEveryThirdStep) retriever).delegate, dir);
            }
        };
        TrainResult r = new SftTrainer(c, Synthetic.collecting(messages)).train(everyThirdNaN, init, data.train, data.validationNdcg(), tmp.resolve("sft"));
        int batches = (data.train.size() + 5) / 6;
        int nan = batches / 3;
        assertThat(r.steps()).isEqualTo(batches - nan);
        assertThat(messages.stream().filter(m -> m.contains("is not finite; batch skipped"))).hasSize(nan);
    }

    /** Steps as its delegate, except that every third step reports NaN without touching θ, as SequentialRetriever does. */
    private static final class NaNEveryThirdStep implements TrainableRetriever {
        final TrainableRetriever delegate;
        private int calls;

        NaNEveryThirdStep(TrainableRetriever delegate) {
            this.delegate = delegate;
        }

        @Override
        public float step(Function<NDManager, NDArray> loss) {
            return ++calls % 3 == 0 ? Float.NaN : delegate.step(loss);
        }

        @Override
        public NDArray scores(NDManager manager, List<List<Integer>> histories, boolean training) {
            return delegate.scores(manager, histories, training);
        }

        @Override
        public void save(Path dir) {
            delegate.save(dir);
        }

        @Override
        public int numItems() {
            return delegate.numItems();
        }

        @Override
        public float[] score(List<Integer> historyItems) {
            return delegate.score(historyItems);
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
