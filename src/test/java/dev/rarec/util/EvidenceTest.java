package dev.rarec.util;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EvidenceTest {
    @Test
    void everyResultRecordsCommitAndDirtyFlag(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.json");
        Evidence.write(file, Map.of("ndcg@10", 0.5), false);
        JsonNode json = Json.MAPPER.readTree(file.toFile());
        assertThat(json.path("ndcg@10").asDouble()).isEqualTo(0.5);
        assertThat(json.path("gitCommit").asText()).isEqualTo(GitInfo.commit());
        assertThat(json.path("gitDirty").isBoolean()).isTrue();
        assertThat(json.path("gitDirty").asBoolean()).isEqualTo(GitInfo.dirty());
    }

    @Test
    void onlyFilesUnderDocsResultsAreGuarded() {
        assertThat(Evidence.underDocsResults(Path.of("/repo/docs/results/x.json"))).isTrue();
        assertThat(Evidence.underDocsResults(Path.of("/repo/docs/results/reports/a/metrics.json"))).isTrue();
        assertThat(Evidence.underDocsResults(Path.of("/home/runs/results/x.json"))).isFalse();
        assertThat(Evidence.underDocsResults(Path.of("/repo/docs/x.json"))).isFalse();
    }

    @Test
    void aDirtyTreeCannotWriteADocsFigureUnlessAllowed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("docs/results/bench.json");
        assertThatThrownBy(() -> Evidence.write(file, Map.of("x", 1), false, "abc", true))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("--allow-dirty").hasMessageContaining("abc");
        assertThat(file).doesNotExist();
        Evidence.write(dir.resolve("elsewhere.json"), Map.of("x", 1), false, "abc", true);
        assertThat(dir.resolve("elsewhere.json")).exists();
        Evidence.write(file, Map.of("x", 1), false, "abc", false);
        Evidence.write(file, Map.of("x", 2), true, "abc", true);
        JsonNode json = Json.MAPPER.readTree(file.toFile());
        assertThat(json.path("x").asInt()).isEqualTo(2);
        assertThat(json.path("gitDirty").asBoolean()).isTrue();
    }

    @Test
    void provenanceRecordsTheFlagAndOldFilesStillLoad(@TempDir Path dir) throws Exception {
        Provenance p = Provenance.of("kind", "cmd", Map.of(), Map.of(), 1);
        assertThat(p.gitDirty()).isEqualTo(GitInfo.dirty());
        Files.writeString(dir.resolve(Provenance.FILE), "{\"kind\":\"corpus\",\"command\":\"rarec corpus build\",\"seed\":1,\"gitCommit\":\"abc\"}");
        assertThat(Provenance.loadFrom(dir).gitDirty()).isFalse();
        assertThat(Provenance.loadFrom(dir).gitCommit()).isEqualTo("abc");
    }
}
