package dev.rarec.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The git commit of the working tree and whether tracked files differ from it, recorded in provenance so a
 * result can be traced: a commit alone names the code before an uncommitted change, not the code that ran.
 */
public final class GitInfo {
    /** Result files themselves are not code: rewriting them does not make the tree that measures them dirty. */
    private static final String RESULTS = "docs/results";

    private static volatile String cachedCommit;

    private GitInfo() {}

    public static String commit() {
        String c = cachedCommit;
        if (c == null) {
            c = git(List.of("git", "rev-parse", "--short=12", "HEAD"));
            if (c == null) c = "unknown";
            cachedCommit = c;
        }
        return c;
    }

    /**
     * Whether a tracked file outside {@code docs/results} has uncommitted changes (not cached: the tree can
     * change while a long command runs). Outside a git checkout there is nothing to compare with: false.
     */
    public static boolean dirty() {
        String status = git(List.of("git", "status", "--porcelain", "--untracked-files=no", "--", ":(top)", ":(top,exclude)" + RESULTS));
        return status != null && !status.isBlank();
    }

    /** The command's standard output, or null when git is missing or fails. */
    private static String git(List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
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
