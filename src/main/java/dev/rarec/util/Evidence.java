package dev.rarec.util;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Writes a results JSON, the evidence behind a figure in README/docs: stamped with the git commit and
 * whether the tree was dirty. A file under {@code docs/results} is refused from a dirty tree unless the
 * caller allows it ({@code --allow-dirty}), since its commit would name code that did not run.
 */
public final class Evidence {
    /** The folder whose files back documented figures. */
    public static final Path DOCS_RESULTS = Path.of("docs", "results");

    private Evidence() {}

    /** {@code json} followed by {@code gitCommit} and {@code gitDirty}. */
    public static Map<String, Object> stamped(Map<String, ?> json) {
        return stamped(json, GitInfo.commit(), GitInfo.dirty());
    }

    private static Map<String, Object> stamped(Map<String, ?> json, String commit, boolean dirty) {
        Map<String, Object> out = new LinkedHashMap<>(json);
        out.put("gitCommit", commit);
        out.put("gitDirty", dirty);
        return out;
    }

    /**
     * Writes {@link #stamped}({@code json}) to {@code file} atomically, creating its folder.
     *
     * @throws IllegalStateException if {@code file} is under docs/results, the tree is dirty and {@code allowDirty} is false
     */
    public static void write(Path file, Map<String, ?> json, boolean allowDirty) {
        write(file, json, allowDirty, GitInfo.commit(), GitInfo.dirty());
    }

    static void write(Path file, Map<String, ?> json, boolean allowDirty, String commit, boolean dirty) {
        if (dirty && !allowDirty && underDocsResults(file)) {
            throw new IllegalStateException("refusing to write " + file + " from a dirty tree (uncommitted changes to tracked files): "
                    + "its gitCommit " + commit + " would not be the code that ran. Commit first, or pass --allow-dirty "
                    + "(the file then records gitDirty: true).");
        }
        Map<String, Object> stamped = stamped(json, commit, dirty);
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) Files.createDirectories(parent);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of " + file, e);
        }
        AtomicFiles.writeJson(file, stamped);
    }

    /** Whether {@code file} lies in a {@code docs/results} folder (of any checkout). */
    static boolean underDocsResults(Path file) {
        Path p = file.toAbsolutePath().normalize();
        for (Path dir = p.getParent(); dir != null; dir = dir.getParent()) {
            if (dir.endsWith(DOCS_RESULTS)) return true;
        }
        return false;
    }
}
