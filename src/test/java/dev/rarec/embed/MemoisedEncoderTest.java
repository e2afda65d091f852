package dev.rarec.embed;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MemoisedEncoderTest {

    @Test
    void givesTheEncodersVectorsAndEmbedsEachRememberedTextOnce() {
        CountingEncoder counting = new CountingEncoder("test", 8);
        MemoisedEncoder memo = new MemoisedEncoder(counting, 10);
        memo.encode(List.of("I loved Heat", "Any ideas?"));
        float[][] again = memo.encode(List.of("Any ideas?", "Something darker", "I loved Heat", "Something darker"));
        assertThat(counting.embedded).containsExactly("I loved Heat", "Any ideas?", "Something darker");
        assertThat(again).isDeepEqualTo(new float[][] {CountingEncoder.vectorOf("Any ideas?", 8), CountingEncoder.vectorOf("Something darker", 8),
                CountingEncoder.vectorOf("I loved Heat", 8), CountingEncoder.vectorOf("Something darker", 8)});
    }

    @Test
    void aCallerChangingItsVectorDoesNotChangeTheRememberedOne() {
        MemoisedEncoder memo = new MemoisedEncoder(new CountingEncoder("test", 8), 10);
        memo.encode(List.of("Heat"))[0][0] = 42;
        assertThat(memo.encode(List.of("Heat"))[0]).isEqualTo(CountingEncoder.vectorOf("Heat", 8));
    }

    @Test
    void forgetsTheLeastRecentlyUsedTextBeyondItsCapacity() {
        CountingEncoder counting = new CountingEncoder("test", 8);
        MemoisedEncoder memo = new MemoisedEncoder(counting, 2);
        memo.encode(List.of("a", "b"));
        memo.encode(List.of("a"));      // b is now the least recently used
        memo.encode(List.of("c"));      // forgets b
        memo.encode(List.of("a", "b"));
        assertThat(counting.embedded).containsExactly("a", "b", "c", "b");
    }
}
