package dev.rarec.util;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the datasets are read from: {@code --data-dir}, else {@code $RAREC_DATA}, else
 * {@code ../shared/data}, else {@code ./data}. Datasets are read in place, never copied.
 */
public final class DataDir {
    private DataDir() {}

    public static Path resolve(Path explicit) {
        if (explicit != null) return explicit;
        String env = System.getenv("RAREC_DATA");
        if (env != null && !env.isBlank()) return Path.of(env);
        Path shared = Path.of("..", "shared", "data");
        if (Files.isDirectory(shared)) return shared;
        return Path.of("data");
    }

    /**
     * A file the caller needs; a missing one is an error that names the expected path and where
     * the dataset officially comes from.
     */
    public static Path require(Path dataDir, String relative, String officialSource) {
        Path p = dataDir.resolve(relative);
        if (!Files.exists(p)) {
            throw new MissingDataException("missing " + p.toAbsolutePath().normalize()
                    + " (expected under the data dir " + dataDir + "; official source: " + officialSource
                    + "). Set --data-dir or RAREC_DATA to the folder that holds it.");
        }
        return p;
    }

    /** A required dataset file is absent. */
    public static final class MissingDataException extends IllegalStateException {
        public MissingDataException(String message) {
            super(message);
        }
    }
}
