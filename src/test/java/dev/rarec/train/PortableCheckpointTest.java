package dev.rarec.train;

import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import dev.rarec.retriever.SequentialRetriever;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortableCheckpointTest {
    @Test
    void aPackedRunResumesElsewhereAndEndsCloseToTheUninterruptedOne(@TempDir Path dir) throws Exception {
        List<int[]> train = PretrainerTest.sequences(64, 4);
        List<int[]> valid = PretrainerTest.sequences(20, 5);
        PretrainConfig cfg = PretrainerTest.pcfg(3);
        List<List<Integer>> probe = List.of(List.of(1, 2, 3), List.of(9));
        float[][] uninterrupted;
        try (SequentialRetriever model = SequentialRetriever.create(PretrainerTest.cfg("lrurec"), PretrainerTest.ITEMS, null, 3)) {
            Pretrainer.run(model, train, valid, cfg, dir.resolve("a"), TrainingListener.SILENT);
            uninterrupted = model.scoreBatch(probe);
        }
        TrainingListener crash = (phase, done, total, metrics) -> {
            if (phase.startsWith("epoch 2") && done == 3) throw new IllegalStateException("simulated end of session");
        };
        try (SequentialRetriever model = SequentialRetriever.create(PretrainerTest.cfg("lrurec"), PretrainerTest.ITEMS, null, 3)) {
            assertThatThrownBy(() -> Pretrainer.run(model, train, valid, cfg, dir.resolve("b"), crash)).hasMessageContaining("simulated");
        }
        Path packed = dir.resolve("run.zip");
        PortableCheckpoint.pack(dir.resolve("b"), packed);
        long raw = 0;
        for (String folder : List.of("b/last", "b/best")) {
            try (var files = Files.list(dir.resolve(folder))) {
                for (Path p : files.toList()) raw += Files.size(p);
            }
        }
        assertThat(Files.size(packed)).isLessThan(raw * 4 / 5);

        Path moved = dir.resolve("another-machine");
        PortableCheckpoint.unpack(packed, moved);
        assertThat(Files.readAllBytes(moved.resolve("last/parameters.ndlist"))).isEqualTo(Files.readAllBytes(dir.resolve("b/last/parameters.ndlist")));
        assertThat(Files.readAllBytes(moved.resolve("best/parameters.ndlist"))).isEqualTo(Files.readAllBytes(dir.resolve("b/best/parameters.ndlist")));
        assertThat(Files.readString(moved.resolve("last/trainer-state.json"))).isEqualTo(Files.readString(dir.resolve("b/last/trainer-state.json")));
        try (NDManager m = NDManager.newBaseManager();
             InputStream a = Files.newInputStream(dir.resolve("b/last/optimizer.ndlist"));
             InputStream b = Files.newInputStream(moved.resolve("last/optimizer.ndlist"))) {
            NDList before = NDList.decode(m, a);
            NDList after = NDList.decode(m, b);
            assertThat(after.size()).isEqualTo(before.size());
            assertThat(after.get(after.size() - 1).toLongArray()).isEqualTo(before.get(before.size() - 1).toLongArray()); // AdamW's step count
            for (int i = 0; i < before.size() - 1; i++) {
                float[] x = before.get(i).toFloatArray();
                float[] y = after.get(i).toFloatArray();
                for (int j = 0; j < x.length; j++) assertThat(Math.abs(y[j] - x[j])).isLessThanOrEqualTo(Math.abs(x[j]) / 256);
            }
        }
        List<String> messages = new ArrayList<>();
        try (SequentialRetriever model = SequentialRetriever.create(PretrainerTest.cfg("lrurec"), PretrainerTest.ITEMS, null, 99)) {
            Pretrainer.run(model, train, valid, cfg, moved, new TrainingListener() {
                @Override
                public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {}

                @Override
                public void onMessage(String message) {
                    messages.add(message);
                }
            });
            assertThat(messages.get(0)).startsWith("resumed");
            float[][] resumed = model.scoreBatch(probe);
            double worst = 0;
            for (int i = 0; i < resumed.length; i++) {
                for (int j = 0; j < resumed[i].length; j++) worst = Math.max(worst, Math.abs(resumed[i][j] - uninterrupted[i][j]));
            }
            // bfloat16 moments: not bit for bit, but the same run
            assertThat(worst).as("largest score difference").isLessThan(0.005);
        }
        assertThatThrownBy(() -> PortableCheckpoint.unpack(packed, moved)).hasMessageContaining("already holds a run state");
    }

    @Test
    void aDamagedFileIsRefusedByName(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.zip");
        try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(bad))) {
            zip.putNextEntry(new ZipEntry("last/optimizer.ndlist" + PortableCheckpoint.MOMENTS_SUFFIX));
            zip.write(new byte[] {0, 0, 0, 1, 0, 3, 'x', 'y', 'z'});
            zip.closeEntry();
        }
        assertThatThrownBy(() -> PortableCheckpoint.unpack(bad, dir)).hasMessageContaining("bad.zip");
        assertThat(dir.resolve("last/trainer-state.json")).doesNotExist();
        assertThatThrownBy(() -> PortableCheckpoint.pack(dir.resolve("nothing"), dir.resolve("x.zip"))).hasMessageContaining("no run state");
    }

    @Test
    void bfloat16RoundsToNearest() {
        assertThat(Float.intBitsToFloat(PortableCheckpoint.bf16(1.0f) << 16)).isEqualTo(1.0f);
        float x = 1.00390625f * 1.001f; // just above the midpoint between two bfloat16 values
        float back = Float.intBitsToFloat((PortableCheckpoint.bf16(x) & 0xffff) << 16);
        assertThat(Math.abs(back - x) / x).isLessThan(1f / 256);
        assertThat(back).isEqualTo(1.0078125f);
    }
}
