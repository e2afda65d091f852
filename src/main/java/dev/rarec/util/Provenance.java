package dev.rarec.util;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * What produced an artifact: the command, its settings, the hashes of its inputs, the seed and the
 * code version. Saved as {@code provenance.json} beside every corpus, embedding store, checkpoint
 * and report, and checked when the artifact is loaded. {@code gitDirty} says whether tracked files differed
 * from {@code gitCommit} (false in files written before the flag existed).
 */
public record Provenance(String kind, String command, Map<String, Object> config,
                         Map<String, String> inputs, long seed, String gitCommit, boolean gitDirty,
                         String javaVersion, String createdAt) {

    public static final String FILE = "provenance.json";

    public Provenance {
        config = config == null ? Map.of() : new TreeMap<>(config);
        inputs = inputs == null ? Map.of() : new TreeMap<>(inputs);
    }

    public static Provenance of(String kind, String command, Map<String, Object> config,
                                Map<String, String> inputs, long seed) {
        return new Provenance(kind, command, config, inputs, seed, GitInfo.commit(), GitInfo.dirty(),
                System.getProperty("java.version"), Instant.now().toString());
    }

    public void saveIn(Path dir) {
        AtomicFiles.writeJson(dir.resolve(FILE), this);
    }

    public static Provenance loadFrom(Path dir) {
        Path file = dir.resolve(FILE);
        try (InputStream in = Files.newInputStream(file)) {
            return Json.MAPPER.readValue(in, Provenance.class);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
