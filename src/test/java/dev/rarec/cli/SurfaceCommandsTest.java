package dev.rarec.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The surfaces' command lines; conversations are checked before any model loads, so these need none. */
class SurfaceCommandsTest {

    private static String[] run(String... args) {
        return Cli.run(args);
    }

    @Test
    void recommendNamesTheFileAndLineOfABadConversation(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("conv.json");
        Files.writeString(file, "{\"messages\": [\n  {\"role\": \"user\", \"content\": \"Heat\"},\n  {\"role\": \"narrator\", \"content\": \"x\"}\n]}");

        String[] r = run("recommend", "--file", file.toString());

        assertThat(r[0]).isEqualTo("1");
        assertThat(r[2]).contains("error: " + file + " line 3 (messages[1].role): ").contains("unknown role \"narrator\"");
    }

    @Test
    void recommendRefusesKOutOfRangeBeforeLoadingModels(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("conv.txt");
        Files.writeString(file, "user: I loved Heat\n");

        String[] r = run("recommend", "--file", file.toString(), "--k", "0");

        assertThat(r[0]).isEqualTo("1");
        assertThat(r[2]).contains("--k must be between 1 and 100, got 0");
    }

    @Test
    void surfacesAreRegisteredWithHelp() {
        for (String command : new String[] {"recommend", "chat", "serve", "bench-serve"}) {
            String[] r = run(command, "--help");
            assertThat(r[0]).as(command).isEqualTo("0");
            assertThat(r[1]).as(command).contains("Usage: rarec " + command);
        }
        assertThat(run("serve", "--help")[1]).contains("--port", "--host", "--generator");
    }
}
