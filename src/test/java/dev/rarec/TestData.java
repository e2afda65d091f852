package dev.rarec;

import dev.rarec.util.DataDir;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * What tests need from outside the repository (the data dir, a browser) and what to do without it: skip
 * with a message on a developer's machine, fail under {@code CI=true}, where {@code .ci/run} provides both,
 * so that a moved data path cannot turn a test into a silent skip.
 */
public final class TestData {
    private TestData() {}

    /** The data dir as rarec resolves it: $RAREC_DATA, then ../shared/data, then ./data. */
    public static Path dataDir() {
        return DataDir.resolve(null);
    }

    /** Whether this is a CI run ({@code CI=true}). */
    public static boolean ci() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /**
     * Goes on when {@code present}; otherwise fails under CI and skips elsewhere.
     *
     * @param missing what is missing and where it was looked for
     */
    public static void require(boolean present, String missing) {
        if (present) return;
        if (ci()) fail("CI=true, but " + missing);
        assumeTrue(false, missing + "; skipped (under CI=true this fails)");
    }
}
