package dev.rarec.embed;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EmbeddingCacheTest {
    @TempDir
    Path tmp;

    private static List<String> texts(int from, int to) {
        List<String> out = new ArrayList<>();
        for (int i = from; i < to; i++) out.add("title: movie " + i);
        return out;
    }

    @Test
    void embedsNothingTwiceAcrossRunsAndDuplicates() {
        CountingEncoder encoder = new CountingEncoder("fake", 8);
        List<String> first = new ArrayList<>(texts(0, 10));
        first.add("title: movie 3");
        float[][] v1 = EmbeddingCache.open(tmp).embed(encoder, first, 4, EmbeddingListener.NONE);
        assertThat(encoder.embedded).hasSize(10).doesNotHaveDuplicates();
        assertThat(v1[10]).isEqualTo(v1[3]);

        // A new process: the grown corpus only sends its new texts to the encoder.
        encoder.embedded.clear();
        List<String> grown = texts(0, 15);
        float[][] v2 = EmbeddingCache.open(tmp).embed(encoder, grown, 4, EmbeddingListener.NONE);
        assertThat(encoder.embedded).containsExactlyElementsOf(texts(10, 15));
        for (int i = 0; i < 15; i++) assertThat(v2[i]).isEqualTo(CountingEncoder.vectorOf(grown.get(i), 8));
    }

    @Test
    void resumesAfterAnInterruptionLosingAtMostOneBatch() {
        CountingEncoder crashing = new CountingEncoder("fake", 8);
        crashing.failOnCall = 3;
        List<String> all = texts(0, 20);
        assertThatThrownBy(() -> EmbeddingCache.open(tmp).embed(crashing, all, 5, EmbeddingListener.NONE))
                .hasMessageContaining("simulated crash");

        CountingEncoder resumed = new CountingEncoder("fake", 8);
        EmbeddingCache cache = EmbeddingCache.open(tmp);
        assertThat(cache.size("fake")).isEqualTo(10);
        List<int[]> progress = new ArrayList<>();
        float[][] v = cache.embed(resumed, all, 5, (done, total) -> progress.add(new int[] {done, total}));
        assertThat(resumed.embedded).containsExactlyElementsOf(texts(10, 20));
        assertThat(progress.get(0)).containsExactly(10, 20);
        assertThat(progress.get(progress.size() - 1)).containsExactly(20, 20);
        assertThat(v[19]).isEqualTo(CountingEncoder.vectorOf(all.get(19), 8));
    }

    @Test
    void compactionKeepsEveryVectorInOneChunk() {
        CountingEncoder encoder = new CountingEncoder("fake", 8);
        EmbeddingCache cache = EmbeddingCache.open(tmp);
        cache.embed(encoder, texts(0, 12), 4, EmbeddingListener.NONE);
        assertThat(cache.chunkCount("fake")).isEqualTo(3);
        cache.compact("fake");
        assertThat(cache.chunkCount("fake")).isEqualTo(1);
        EmbeddingCache reopened = EmbeddingCache.open(tmp);
        assertThat(reopened.size("fake")).isEqualTo(12);
        assertThat(reopened.get("fake", "title: movie 7")).hasValueSatisfying(
                v -> assertThat(v).isEqualTo(CountingEncoder.vectorOf("title: movie 7", 8)));
    }

    @Test
    void modelsDoNotShareVectors() {
        EmbeddingCache cache = EmbeddingCache.open(tmp);
        cache.embed(new CountingEncoder("model-a", 8), texts(0, 3), 8, EmbeddingListener.NONE);
        CountingEncoder b = new CountingEncoder("openai:Qwen/Qwen3-Embedding-0.6B", 4);
        cache.embed(b, texts(0, 3), 8, EmbeddingListener.NONE);
        assertThat(b.embedded).hasSize(3);
        assertThat(EmbeddingCache.open(tmp).size("openai:Qwen/Qwen3-Embedding-0.6B")).isEqualTo(3);
    }

    @Test
    void aWrongDimensionForACachedModelIsAnError() {
        EmbeddingCache cache = EmbeddingCache.open(tmp);
        cache.embed(new CountingEncoder("fake", 8), texts(0, 3), 8, EmbeddingListener.NONE);
        assertThatThrownBy(() -> cache.embed(new CountingEncoder("fake", 4), texts(3, 5), 8, EmbeddingListener.NONE))
                .hasMessageContaining("4-dimensional").hasMessageContaining("8-dimensional");
    }
}
