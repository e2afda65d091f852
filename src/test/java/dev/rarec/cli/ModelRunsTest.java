package dev.rarec.cli;

import dev.rarec.util.RarecHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ModelRunsTest {
    @Test
    void seenInTrainingFollowsTheRunBackToItsPretraining(@TempDir Path root) {
        RarecHome home = new RarecHome(root);
        ModelRuns.write(home, new ModelRuns.RunInfo("pretrain-lrurec", "pretrain", "lrurec", "minilm", null, "movielens", Map.of(), Map.of()));
        ModelRuns.write(home, new ModelRuns.RunInfo("redial-sft", "SFT", "lrurec", "minilm", "pretrain-lrurec", "redial",
                Map.of("trainDatasets", List.of("redial", "redial-seq")), Map.of()));
        ModelRuns.write(home, new ModelRuns.RunInfo("redial-rl-dpo", "DPO", "lrurec", "minilm", "redial-sft", "redial",
                Map.of("trainDatasets", List.of("redial")), Map.of()));
        ModelRuns.write(home, new ModelRuns.RunInfo("old-sft", "SFT", "lrurec", "minilm", "pretrain-lrurec", "inspired", Map.of(), Map.of()));

        assertThat(ModelRuns.crsTrainingDatasets(home, "redial-rl-dpo")).as("redial-seq came in through the SFT parent")
                .containsExactly("redial", "redial-seq");
        assertThat(ModelRuns.crsTrainingDatasets(home, "old-sft")).as("a run.json without trainDatasets").containsExactly("inspired");
        assertThat(ModelRuns.crsTrainingDatasets(home, "pretrain-lrurec")).isEmpty();
    }
}
