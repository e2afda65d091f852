package dev.rarec.data;

import dev.rarec.TestData;
import dev.rarec.util.DataDir;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class Ml1mSequencesTest {

    static void write(Path dataDir, String content) throws Exception {
        Path file = dataDir.resolve(Ml1mSequences.FILE);
        Files.createDirectories(file.getParent());
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file))) {
            out.write(content.getBytes(StandardCharsets.UTF_8));
        }
    }

    @Test
    void readsSequencesAndSplitsLeaveOneOut(@TempDir Path dir) throws Exception {
        write(dir, "userId\tmovieIds_chronological(train...,val,test)\n1\t30 10 20 40\n2\t10 40 50\n");
        Ml1mSequences data = Ml1mSequences.read(dir);
        assertThat(data.movieIds()).containsExactly(10, 20, 30, 40, 50);
        assertThat(data.sequences().get(0)).containsExactly(2, 0, 1, 3);
        assertThat(data.train().get(0)).containsExactly(2, 0);
        assertThat(data.validation().get(1)).containsExactly(0, 3);
        assertThat(data.test().get(1)).containsExactly(0, 3, 4);
    }

    @Test
    void malformedLineNamesFileAndLine(@TempDir Path dir) throws Exception {
        write(dir, "userId\tmovieIds\n1\t1 2 3\n2\t4 x 6\n");
        assertThatThrownBy(() -> Ml1mSequences.read(dir)).hasMessageContaining("sequences_lrurec_min5.tsv.gz").hasMessageContaining("line 3");
    }

    @Test
    void missingFileIsAClearError(@TempDir Path dir) {
        assertThatThrownBy(() -> Ml1mSequences.read(dir)).isInstanceOf(DataDir.MissingDataException.class).hasMessageContaining("LRURec");
    }

    @Test
    void realFileHasTheDocumentedCounts() {
        Path dataDir = TestData.dataDir();
        TestData.require(Files.exists(dataDir.resolve(Ml1mSequences.FILE)), "ml-1m sequences not under " + dataDir);
        Ml1mSequences data = Ml1mSequences.read(dataDir);
        assertThat(data.sequences()).hasSize(6040);
        assertThat(data.numItems()).isEqualTo(3416);
        assertThat(data.sequences().stream().mapToInt(s -> s.length).sum()).isEqualTo(999_611);
    }
}
