package dev.rarec.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class GitInfoTest {
    @Test
    void resultsAndCarriedRunStateDoNotMakeTheTreeDirtyButCodeDoes(@TempDir Path repo) throws Exception {
        Path code = repo.resolve("src/Main.java");
        Path result = repo.resolve("docs/results/ml-1m.json");
        Path carried = repo.resolve("runs/ml-1m-lrurec.zip");
        for (Path file : List.of(code, result, carried)) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "v1");
        }
        git(repo, "init", "-q");
        git(repo, "add", ".");
        git(repo, "-c", "user.name=t", "-c", "user.email=t@example.org", "commit", "-q", "-m", "v1");
        assertThat(GitInfo.dirty(repo)).isFalse();

        // A resumed run packs its state into runs/ and then writes its result: the code that ran is still the commit.
        Files.writeString(carried, "v2");
        Files.writeString(result, "v2");
        assertThat(GitInfo.dirty(repo)).isFalse();

        Files.writeString(code, "v2");
        assertThat(GitInfo.dirty(repo)).isTrue();
    }

    private static void git(Path repo, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(repo.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", String.join(" ", args), out).isZero();
    }
}
