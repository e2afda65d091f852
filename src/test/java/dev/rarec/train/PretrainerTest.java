package dev.rarec.train;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rarec.retriever.RetrieverConfig;
import dev.rarec.retriever.SequentialRetriever;
import dev.rarec.util.Json;
import dev.rarec.util.Provenance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PretrainerTest {
    static final int ITEMS = 30;

    /** Sequences following a fixed successor rule with a little noise, so there is something to learn. */
    static List<int[]> sequences(int n, long seed) {
        Random r = new Random(seed);
        List<int[]> out = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            int len = 4 + r.nextInt(6);
            int[] s = new int[len];
            s[0] = r.nextInt(ITEMS);
            for (int i = 1; i < len; i++) s[i] = r.nextDouble() < 0.9 ? (s[i - 1] * 7 + 3) % ITEMS : r.nextInt(ITEMS);
            out.add(s);
        }
        return out;
    }

    static RetrieverConfig cfg(String model) {
        return new RetrieverConfig(model, 16, 1, 2, 0.1, 8, false, true, 0.3);
    }

    static PretrainConfig pcfg(int epochs) {
        return new PretrainConfig(epochs, 16, 1e-2, 0.01, 2, 10, false, 5, 20, 0, 0, 64, 7);
    }

    @Test
    void pretrainingLearnsAndSavesTheBestCheckpoint(@TempDir Path out) {
        List<int[]> train = sequences(120, 1);
        List<int[]> valid = sequences(40, 2);
        try (SequentialRetriever model = SequentialRetriever.create(cfg("lrurec"), ITEMS, null, 3)) {
            double before = SequenceMetrics.evaluate(model, valid, 64).get("ndcg@10");
            PretrainResult result = Pretrainer.run(model, train, valid, pcfg(6), out, TrainingListener.SILENT);
            assertThat(result.bestValidNdcg10()).isGreaterThan(before + 0.2);
            assertThat(result.history()).isNotEmpty();
            assertThat(result.stopReason()).isIn("epochs done", "early stop");
            assertThat(out.resolve("best/config.json")).exists();
            assertThat(Provenance.loadFrom(out.resolve("best")).config()).containsEntry("model", "lrurec");
            // the model holds the best checkpoint when run returns
            assertThat(SequenceMetrics.evaluate(model, valid, 64).get("ndcg@10")).isEqualTo(result.bestValidNdcg10());
        }
    }

    @Test
    void sampledNegativesTrainBert4RecWithTheClozeTask(@TempDir Path out) {
        List<int[]> train = sequences(120, 1);
        List<int[]> valid = sequences(40, 2);
        try (SequentialRetriever model = SequentialRetriever.create(cfg("bert4rec"), ITEMS, null, 3)) {
            double before = SequenceMetrics.evaluate(model, valid, 64).get("ndcg@10");
            PretrainResult result = Pretrainer.run(model, train, valid, pcfg(6), out, TrainingListener.SILENT);
            assertThat(result.bestValidNdcg10()).isGreaterThan(before + 0.1);
        }
    }

    /**
     * A next-item rule over 300 items with the text tower: every retriever must learn it well above chance
     * (NDCG@10 about .02). The floors sit below what each reaches in 5 epochs; BERT4Rec's cloze task, which
     * must find the neighbour through attention, is the slowest.
     */
    @ParameterizedTest
    @CsvSource({"lrurec, 0.4", "sasrec, 0.4", "fmlprec, 0.4", "gru4rec, 0.2", "bert4rec, 0.06"})
    void everyRetrieverLearnsASuccessorRule(String model, double floor, @TempDir Path out) {
        int items = 300;
        Random r = new Random(3);
        float[][] text = new float[items][16];
        for (float[] row : text) for (int j = 0; j < row.length; j++) row[j] = (float) r.nextGaussian();
        RetrieverConfig cfg = new RetrieverConfig(model, 32, 2, 2, 0.1, 32, true, true, 0.3);
        PretrainConfig p = new PretrainConfig(5, 32, 3e-3, 0.0, 20, 50, false, 0, 50, 0, 200, 256, 42);
        try (SequentialRetriever m = SequentialRetriever.create(cfg, items, text, 3)) {
            PretrainResult result = Pretrainer.run(m, successorSequences(800, items, 1), successorSequences(200, items, 2), p, out,
                    TrainingListener.SILENT);
            assertThat(result.bestValidNdcg10()).isGreaterThan(floor);
        }
    }

    private static List<int[]> successorSequences(int n, int items, long seed) {
        Random r = new Random(seed);
        List<int[]> out = new ArrayList<>();
        for (int u = 0; u < n; u++) {
            int[] s = new int[2 + r.nextInt(20)];
            s[0] = r.nextInt(items);
            for (int i = 1; i < s.length; i++) s[i] = r.nextDouble() < 0.8 ? (s[i - 1] * 7 + 3) % items : r.nextInt(items);
            out.add(s);
        }
        return out;
    }

    @Test
    void anInterruptedRunResumesToTheSameModel(@TempDir Path dir) {
        List<int[]> train = sequences(64, 4);
        List<int[]> valid = sequences(20, 5);
        List<List<Integer>> probe = List.of(List.of(1, 2, 3), List.of(9));
        float[][] uninterrupted;
        try (SequentialRetriever model = SequentialRetriever.create(cfg("sasrec"), ITEMS, null, 3)) {
            Pretrainer.run(model, train, valid, pcfg(3), dir.resolve("a"), TrainingListener.SILENT);
            uninterrupted = model.scoreBatch(probe);
        }
        TrainingListener crashAfterStep7 = (phase, done, total, metrics) -> {
            if (phase.startsWith("epoch 2") && done == 3) throw new IllegalStateException("simulated interruption");
        };
        try (SequentialRetriever model = SequentialRetriever.create(cfg("sasrec"), ITEMS, null, 3)) {
            assertThatThrownBy(() -> Pretrainer.run(model, train, valid, pcfg(3), dir.resolve("b"), crashAfterStep7))
                    .hasMessageContaining("simulated");
        }
        List<String> messages = new ArrayList<>();
        try (SequentialRetriever model = SequentialRetriever.create(cfg("sasrec"), ITEMS, null, 99)) {
            TrainingListener record = new TrainingListener() {
                @Override
                public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {}

                @Override
                public void onMessage(String message) {
                    messages.add(message);
                }
            };
            Pretrainer.run(model, train, valid, pcfg(3), dir.resolve("b"), record);
            assertThat(messages.get(0)).startsWith("resumed");
            assertThat(model.scoreBatch(probe)).isDeepEqualTo(uninterrupted);
        }
    }

    @Test
    void aRunWhoseValidationsAreFarApartResumesFromItsLastEpoch(@TempDir Path dir) {
        List<int[]> train = sequences(64, 4);
        List<int[]> valid = sequences(20, 5);
        PretrainConfig rare = new PretrainConfig(3, 16, 1e-2, 0.01, 2, 10, false, 1000, 20, 0, 0, 64, 7);
        List<List<Integer>> probe = List.of(List.of(1, 2, 3), List.of(9));
        float[][] uninterrupted;
        try (SequentialRetriever model = SequentialRetriever.create(cfg("sasrec"), ITEMS, null, 3)) {
            Pretrainer.run(model, train, valid, rare, dir.resolve("a"), TrainingListener.SILENT);
            uninterrupted = model.scoreBatch(probe);
        }
        TrainingListener crashInEpoch3 = (phase, done, total, metrics) -> {
            if (phase.startsWith("epoch 3") && done == 1) throw new IllegalStateException("simulated interruption");
        };
        try (SequentialRetriever model = SequentialRetriever.create(cfg("sasrec"), ITEMS, null, 3)) {
            assertThatThrownBy(() -> Pretrainer.run(model, train, valid, rare, dir.resolve("b"), crashInEpoch3)).hasMessageContaining("simulated");
        }
        List<String> messages = new ArrayList<>();
        try (SequentialRetriever model = SequentialRetriever.create(cfg("sasrec"), ITEMS, null, 99)) {
            Pretrainer.run(model, train, valid, rare, dir.resolve("b"), new TrainingListener() {
                @Override
                public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {}

                @Override
                public void onMessage(String message) {
                    messages.add(message);
                }
            });
            // No validation was due before the crash, yet two epochs' work survived it.
            assertThat(messages.get(0)).startsWith("resumed").contains("at epoch 3");
            assertThat(model.scoreBatch(probe)).isDeepEqualTo(uninterrupted);
        }
    }

    /** A run carried over many sessions has a long total; each session's time limit counts from its own start. */
    @Test
    void theTimeLimitCountsFromTheResumeNotFromTheRunsStart(@TempDir Path dir) throws Exception {
        List<int[]> train = sequences(64, 4);
        List<int[]> valid = sequences(20, 5);
        TrainingListener crash = (phase, done, total, metrics) -> {
            if (phase.startsWith("epoch 2") && done == 3) throw new IllegalStateException("simulated end of session");
        };
        try (SequentialRetriever model = SequentialRetriever.create(cfg("gru4rec"), ITEMS, null, 3)) {
            assertThatThrownBy(() -> Pretrainer.run(model, train, valid, pcfg(3), dir, crash)).hasMessageContaining("simulated");
        }
        Path state = dir.resolve("last/trainer-state.json");
        var json = (ObjectNode) Json.MAPPER.readTree(state.toFile());
        json.put("elapsedSeconds", 3.6e6); // a thousand hours so far
        Json.MAPPER.writeValue(state.toFile(), json);
        try (SequentialRetriever model = SequentialRetriever.create(cfg("gru4rec"), ITEMS, null, 3)) {
            PretrainResult result = Pretrainer.run(model, train, valid, pcfg(3).withMaxMinutes(10), dir, TrainingListener.SILENT);
            assertThat(result.stopReason()).isIn("epochs done", "early stop");
            assertThat(result.wallSeconds()).isGreaterThan(3.6e6);
        }
    }

    @Test
    void otherSettingsInTheSameFolderAreRefused(@TempDir Path dir) throws Exception {
        List<int[]> train = sequences(32, 4);
        List<int[]> valid = sequences(8, 5);
        try (SequentialRetriever model = SequentialRetriever.create(cfg("gru4rec"), ITEMS, null, 3)) {
            Pretrainer.run(model, train, valid, pcfg(1), dir, TrainingListener.SILENT);
        }
        assertThat(Files.exists(dir.resolve("last/trainer-state.json"))).isTrue();
        try (SequentialRetriever model = SequentialRetriever.create(cfg("gru4rec"), ITEMS, null, 3)) {
            assertThatThrownBy(() -> Pretrainer.run(model, train, valid, pcfg(2), dir, TrainingListener.SILENT))
                    .hasMessageContaining("other settings");
        }
    }

    @Test
    void otherTextEmbeddingsInTheSameFolderAreRefused(@TempDir Path dir) {
        List<int[]> train = sequences(32, 4);
        List<int[]> valid = sequences(8, 5);
        RetrieverConfig text = new RetrieverConfig("lrurec", 16, 1, 2, 0.1, 8, true, false, 0.3);
        try (SequentialRetriever model = SequentialRetriever.create(text, ITEMS, textEmbeddings(1), 3)) {
            Pretrainer.run(model, train, valid, pcfg(1), dir, TrainingListener.SILENT);
        }
        // same shapes and settings, other vectors (another encoder): resuming would mix two models
        try (SequentialRetriever model = SequentialRetriever.create(text, ITEMS, textEmbeddings(2), 3)) {
            assertThatThrownBy(() -> Pretrainer.run(model, train, valid, pcfg(1), dir, TrainingListener.SILENT))
                    .hasMessageContaining("other settings or data");
        }
    }

    private static float[][] textEmbeddings(long seed) {
        Random r = new Random(seed);
        float[][] out = new float[ITEMS][8];
        for (float[] row : out) for (int j = 0; j < row.length; j++) row[j] = (float) r.nextGaussian();
        return out;
    }

    @Test
    void windowsCoverEveryTransitionOnce() {
        int[] s = new int[20];
        for (int i = 0; i < s.length; i++) s[i] = i;
        List<int[]> w = Pretrainer.windows(List.of(s), 8, false);
        int transitions = 0;
        for (int[] x : w) {
            assertThat(x.length).isLessThanOrEqualTo(9);
            transitions += x.length - 1;
        }
        assertThat(transitions).isEqualTo(19);
    }

    @Test
    void maskingOnlyTheWindowLetsEarlierHistoryCompete() {
        SequenceScorer favoursLowIds = new SequenceScorer();
        List<int[]> examples = List.of(new int[] {0, 5, 6, 7, 3});
        // history 0, 5, 6, 7; target 3. Whole history masked: items 1 and 2 beat it (rank 2); with only the last
        // three items masked, item 0 does too (rank 3)
        Map<String, Double> all = SequenceMetrics.evaluate(favoursLowIds, examples, 8);
        Map<String, Double> window = SequenceMetrics.evaluate(favoursLowIds, examples, 8, 3);
        assertThat(all.get("recall@10")).isEqualTo(1.0);
        assertThat(window.get("recall@10")).isEqualTo(1.0);
        assertThat(all.get("ndcg@10")).isCloseTo(1 / (Math.log(4) / Math.log(2)), org.assertj.core.api.Assertions.within(1e-12));
        assertThat(window.get("ndcg@10")).isCloseTo(1 / (Math.log(5) / Math.log(2)), org.assertj.core.api.Assertions.within(1e-12));
    }

    /** Scores every item by 30 - id: the lower the id, the higher the score. */
    private static final class SequenceScorer implements dev.rarec.retriever.Retriever {
        @Override
        public int numItems() {
            return ITEMS;
        }

        @Override
        public float[] score(List<Integer> history) {
            float[] s = new float[ITEMS];
            for (int i = 0; i < ITEMS; i++) s[i] = ITEMS - i;
            return s;
        }
    }

    @Test
    void rankCountsTiesAgainstTheTargetAndMasksHistory() {
        float[] scores = {5f, 1f, 1f, 9f};
        assertThat(SequenceMetrics.rank(scores, 1, List.of())).isEqualTo(3);
        assertThat(SequenceMetrics.rank(scores, 1, List.of(0, 3))).isEqualTo(1);
    }
}
