package dev.rarec.util;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/** The git commit of the working tree, recorded in provenance so a result can be traced. */
public final class GitInfo {
    private static volatile String cached;

    private GitInfo() {}

    public static String commit() {
        String c = cached;
        if (c == null) {
            c = readCommit();
            cached = c;
        }
        return c;
    }

    private static String readCommit() {
        try {
            Process p = new ProcessBuilder("git", "rev-parse", "--short=12", "HEAD").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0) return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return "unknown";
    }
}
