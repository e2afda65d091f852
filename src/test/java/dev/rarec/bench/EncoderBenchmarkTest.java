package dev.rarec.bench;

import dev.rarec.embed.CountingEncoder;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class EncoderBenchmarkTest {

    @Test
    void measuresThroughputAndKeepsTheLastVectors() {
        CountingEncoder encoder = new CountingEncoder("fake", 4);
        EncoderBenchmark.Result r = EncoderBenchmark.measure(encoder, List.of("a", "b", "c"), 3);
        assertThat(r.runsPerSecond()).hasSize(3).allSatisfy(v -> assertThat(v).isPositive());
        assertThat(r.textsPerSecond()).isEqualTo(EncoderBenchmark.median(r.runsPerSecond()));
        assertThat(r.vectors()[2]).isEqualTo(CountingEncoder.vectorOf("c", 4));
        assertThat(encoder.calls).isEqualTo(4);
    }

    @Test
    void qualityMeasuresSeeIdentityAndChange() {
        float[][] a = {{1, 0}, {0.8f, 0.6f}, {0, 1}, {-1, 0}};
        assertThat(EncoderBenchmark.meanCosine(a, a)).isCloseTo(1.0, within(1e-6));
        assertThat(EncoderBenchmark.neighbourOverlap(a, a, 1)).isEqualTo(1.0);
        float[][] b = {{1, 0}, {0, 1}, {0.8f, 0.6f}, {-1, 0}};
        assertThat(EncoderBenchmark.meanCosine(a, b)).isLessThan(1.0);
        // item 0's nearest neighbour moves from item 1 to item 2
        assertThat(EncoderBenchmark.neighbourOverlap(a, b, 1)).isLessThan(1.0);
        assertThat(EncoderBenchmark.median(List.of(3.0, 1.0, 2.0))).isEqualTo(2.0);
        assertThat(EncoderBenchmark.median(List.of(4.0, 1.0, 2.0, 3.0))).isEqualTo(2.5);
    }
}
