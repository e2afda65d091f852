package dev.rarec.train;

import dev.rarec.data.CrsExample;
import dev.rarec.train.PreferenceConfig.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SftTrainerTest {
    @TempDir
    Path tmp;

    @Test
    void nllFineTuningMakesTargetsLikelyWithoutAnyGeneratorCall() {
        Synthetic data = new Synthetic();
        Path init = Synthetic.initialCheckpoint(tmp);
        PreferenceConfig c = PreferenceConfig.defaults(Method.SFT).toBuilder()
                .epochs(5).batchSize(6).evalEvery(5).warmupSteps(0).learningRate(3.0).seed(3).build();
        List<String> messages = new ArrayList<>();
        TrainingListener listener = Synthetic.collecting(messages);
        double before;
        try (TinyRetriever r = TinyRetriever.load(init, 0.5f, 0)) {
            before = Synthetic.meanTargetLogProb(r, data.train);
        }
        TrainResult r = new SftTrainer(c, listener).train(Synthetic.loader(0.1f), init, data.train, data.validationNdcg(), tmp.resolve("sft"));
        assertThat(r.completed()).isTrue();
        assertThat(r.generatorCalls()).isZero();
        assertThat(r.steps()).isEqualTo(50);
        assertThat(r.meanRewardByEpoch()).isEmpty();
        try (TinyRetriever after = TinyRetriever.load(tmp.resolve("sft/last"), 0.5f, 0)) {
            assertThat(Synthetic.meanTargetLogProb(after, data.train)).isGreaterThan(before + 1.0);
        }
        assertThat(r.bestStep()).isPositive();
        assertThat(messages).anyMatch(m -> m.startsWith("new best validation"));
    }

    @Test
    void theRlTermMovesTheRetrieverBeyondTheNll() {
        // Same seed, batches and dropout masks: only the DPO term can make the two retrievers differ.
        Synthetic data = new Synthetic();
        Path init = Synthetic.initialCheckpoint(tmp);
        PreferenceConfig sft = PreferenceConfig.defaults(Method.SFT).toBuilder()
                .k(5).epochs(1).batchSize(6).warmupSteps(0).learningRate(3.0).build();
        new SftTrainer(sft, TrainingListener.SILENT).train(Synthetic.loader(0.1f), init, data.train, data.validationNdcg(), tmp.resolve("sft"));
        new PreferenceTrainer(sft.toBuilder().method(Method.DPO).beta(1.0).build(), data.pipelines(data.generator("")), data.corpus, TrainingListener.SILENT)
                .train(Synthetic.loader(0.1f), init, data.train, data.validationNdcg(), tmp.resolve("dpo"));
        try (TinyRetriever a = TinyRetriever.load(tmp.resolve("sft/last"), 1f, 0);
             TinyRetriever b = TinyRetriever.load(tmp.resolve("dpo/last"), 1f, 0)) {
            float[] sa = a.score(List.of(4, 7));
            float[] sb = b.score(List.of(4, 7));
            double diff = 0;
            for (int i = 0; i < sa.length; i++) diff = Math.max(diff, Math.abs(sa[i] - sb[i]));
            assertThat(diff).isGreaterThan(1e-3);
            // ... and in the direction of the preference: the generator ranks by hiddenPreference, so a set wins when
            // its other items are ones the generator ranks below the target. DPO must therefore lower the items the
            // generator likes relative to the NLL-only run (a sign error raises them).
            double mean = java.util.Arrays.stream(data.hiddenPreference).average().orElseThrow();
            double covariance = 0;
            int histories = 0;
            for (CrsExample e : data.train) {
                float[] ea = a.score(e.historyItems());
                float[] eb = b.score(e.historyItems());
                for (int i = 0; i < ea.length; i++) covariance += (eb[i] - ea[i]) * (data.hiddenPreference[i] - mean);
                histories++;
            }
            assertThat(covariance / histories).isNegative();
        }
    }

    @Test
    void preferenceTrainerWithMethodSftIsTheSameRun() {
        Synthetic data = new Synthetic();
        Path init = Synthetic.initialCheckpoint(tmp);
        PreferenceConfig c = PreferenceConfig.defaults(Method.SFT).toBuilder()
                .epochs(2).batchSize(6).warmupSteps(0).learningRate(3.0).build();
        TrainResult a = new SftTrainer(c, TrainingListener.SILENT).train(Synthetic.loader(0.1f), init, data.train,
                data.validationNdcg(), tmp.resolve("a"));
        TrainResult b = new PreferenceTrainer(c, data.pipelines(data.generator("")), data.corpus, TrainingListener.SILENT)
                .train(Synthetic.loader(0.1f), init, data.train, data.validationNdcg(), tmp.resolve("b"));
        assertThat(b.bestValidation()).isEqualTo(a.bestValidation());
        assertThat(data.calls.get()).isZero();
    }
}
