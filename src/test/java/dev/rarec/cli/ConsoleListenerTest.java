package dev.rarec.cli;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;

class ConsoleListenerTest {
    private static final long S = 1_000_000_000L;

    @Test
    void theEstimateUsesThisPhasesRateOnly() {
        AtomicLong now = new AtomicLong();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ConsoleListener listener = new ConsoleListener(new PrintStream(bytes, true, StandardCharsets.UTF_8), now::get);
        // epoch 1: 6 s per step
        listener.onProgress("epoch 1/2", 1, 10, Map.of());
        now.set(12 * S);
        listener.onProgress("epoch 1/2", 3, 10, Map.of());
        // a long validation, then epoch 2 at the same 6 s per step
        now.set(200 * S);
        listener.onProgress("epoch 2/2", 1, 10, Map.of());
        now.set(206 * S);
        listener.onProgress("epoch 2/2", 2, 10, Map.of());
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(4);
        assertThat(lines[0]).doesNotContain("eta");
        assertThat(lines[1]).endsWith("eta 0m42s");
        assertThat(lines[2]).startsWith("[3m20s] epoch 2/2 1/10").doesNotContain("eta");
        assertThat(lines[3]).endsWith("eta 0m48s"); // not 206 s / 2 steps x 8 = 13m44s
    }
}
