package dev.rarec.retriever;

import com.fasterxml.jackson.databind.JsonNode;
import dev.rarec.util.Json;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A checkpoint written by the SequentialRetriever of commit 19be4e8 (before it was split into scoring,
 * cache, optimiser and checkpoint classes) still loads and scores exactly as it did then.
 */
class CheckpointCompatibilityTest {
    private static final Path DIR = Path.of("src/test/resources/dev/rarec/retriever/checkpoint-before-split");

    @Test
    void aCheckpointSavedBeforeTheSplitLoadsAndScoresTheSame() throws Exception {
        JsonNode expected = Json.MAPPER.readTree(DIR.resolve("expected.json").toFile());
        float[][] text = Json.MAPPER.treeToValue(expected.get("text"), float[][].class);
        List<Integer> history = new ArrayList<>();
        expected.get("history").forEach(n -> history.add(n.asInt()));
        float[] scores = Json.MAPPER.treeToValue(expected.get("scores"), float[].class);
        try (SequentialRetriever r = SequentialRetriever.load(DIR, text)) {
            assertThat(r.config().model()).isEqualTo("lrurec");
            assertThat(r.numItems()).isEqualTo(12);
            float[] now = r.score(history);
            assertThat(now).hasSize(scores.length);
            for (int i = 0; i < scores.length; i++) assertThat(now[i]).as("item %d", i).isCloseTo(scores[i], within(1e-6f));
        }
    }
}
