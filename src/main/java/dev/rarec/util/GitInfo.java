package dev.rarec.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The git commit of the working tree and whether tracked files differ from it, recorded in provenance so a
 * result can be traced: a commit alone names the code before an uncommitted change, not the code that ran.
 */
public final class GitInfo {
    /**
     * Not code: result files, and the run state carried between sessions in {@code runs/} (a resumed run packs
     * its state there before it writes its result). Rewriting them does not make the tree that measures them dirty.
     */
    private static final List<String> NOT_CODE = List.of("docs/results", "runs");

    private static volatile String cachedCommit;

    private GitInfo() {}

    public static String commit() {
        String c = cachedCommit;
        if (c == null) {
            c = git(List.of("git", "rev-parse", "--short=12", "HEAD"), null);
            if (c == null) c = "unknown";
            cachedCommit = c;
        }
        return c;
    }

    /**
     * Whether a tracked file outside {@code docs/results} and {@code runs} has uncommitted changes (not cached:
     * the tree can change while a long command runs). Outside a git checkout there is nothing to compare with: false.
     */
    public static boolean dirty() {
        return dirty(null);
    }

    /** {@link #dirty()} for the checkout at {@code dir} (null: the working directory). */
    static boolean dirty(Path dir) {
        List<String> command = new ArrayList<>(List.of("git", "status", "--porcelain", "--untracked-files=no", "--", ":(top)"));
        for (String path : NOT_CODE) command.add(":(top,exclude)" + path);
        String status = git(command, dir);
        return status != null && !status.isBlank();
    }

    /** The command's standard output, run in {@code dir} (null: the working directory); null when git is missing or fails. */
    private static String git(List<String> command, Path dir) {
        try {
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            if (dir != null) builder.directory(dir.toFile());
            Process p = builder.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) return out;
            p.destroy();
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return null;
    }
}
