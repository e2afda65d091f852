package dev.rarec.embed;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ItemEmbeddingsTest {
    @TempDir
    Path tmp;

    private static Corpus corpus(int n) {
        List<Movie> movies = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            movies.add(new Movie(i, "tt" + (1000 + i), "Movie " + i, 1990 + i % 30, List.of("drama"), "Director " + i % 3,
                    List.of("Actor " + i), i % 2 == 0 ? "A plot about " + i : "", List.of("test")));
        }
        return new Corpus(movies);
    }

    @Test
    void buildsSavesAndLoadsTheMatrixInCorpusOrder() throws Exception {
        Corpus corpus = corpus(7);
        CountingEncoder encoder = new CountingEncoder("fake", 6);
        Path dir = ItemEmbeddings.directory(tmp.resolve("embeddings"), encoder.modelId());
        ItemEmbeddings built = ItemEmbeddings.build(corpus, encoder, EmbeddingCache.open(tmp.resolve("cache")), dir, 3, EmbeddingListener.NONE);
        assertThat(built.dimension()).isEqualTo(6);
        assertThat(built.modelId()).isEqualTo("fake");

        ItemEmbeddings loaded = ItemEmbeddings.load(dir, corpus);
        assertThat(loaded.size()).isEqualTo(7);
        assertThat(loaded.corpusHash()).isEqualTo(corpus.contentHash());
        for (int i = 0; i < 7; i++) {
            assertThat(loaded.vector(i)).isEqualTo(CountingEncoder.vectorOf(corpus.get(i).keyValueText(), 6));
        }
        ByteBuffer raw = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(ItemEmbeddings.VECTORS))).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(raw.getFloat(4 * (6 * 2 + 1))).isEqualTo(loaded.matrix()[2][1]);
        assertThat(Files.readString(dir.resolve("provenance.json"))).contains(corpus.contentHash()).contains("\"modelId\" : \"fake\"");
    }

    @Test
    void aGrownCorpusEmbedsOnlyItsNewItems() {
        EmbeddingCache cache = EmbeddingCache.open(tmp.resolve("cache"));
        CountingEncoder encoder = new CountingEncoder("fake", 6);
        Path dir = tmp.resolve("embeddings/fake");
        ItemEmbeddings.build(corpus(5), encoder, cache, dir, 2, EmbeddingListener.NONE);
        assertThat(encoder.embedded).hasSize(5);

        encoder.embedded.clear();
        Corpus grown = corpus(8);
        ItemEmbeddings after = ItemEmbeddings.build(grown, encoder, EmbeddingCache.open(tmp.resolve("cache")), dir, 2, EmbeddingListener.NONE);
        assertThat(encoder.embedded).containsExactly(grown.get(5).keyValueText(), grown.get(6).keyValueText(), grown.get(7).keyValueText());
        assertThat(after.size()).isEqualTo(8);

        encoder.embedded.clear();
        ItemEmbeddings.build(grown, encoder, cache, dir, 2, EmbeddingListener.NONE);
        assertThat(encoder.embedded).isEmpty();
    }

    @Test
    void anInterruptedBuildLeavesNoStoreAndResumes() {
        Corpus corpus = corpus(10);
        Path dir = tmp.resolve("embeddings/fake");
        CountingEncoder crashing = new CountingEncoder("fake", 6);
        crashing.failOnCall = 4;
        assertThatThrownBy(() -> ItemEmbeddings.build(corpus, crashing, EmbeddingCache.open(tmp.resolve("cache")), dir, 2, EmbeddingListener.NONE))
                .hasMessageContaining("simulated crash");
        assertThat(ItemEmbeddings.existsIn(dir)).isFalse();

        CountingEncoder resumed = new CountingEncoder("fake", 6);
        ItemEmbeddings.build(corpus, resumed, EmbeddingCache.open(tmp.resolve("cache")), dir, 2, EmbeddingListener.NONE);
        assertThat(resumed.embedded).hasSize(4);
        assertThat(ItemEmbeddings.load(dir, corpus).size()).isEqualTo(10);
    }

    @Test
    void aThreadInterruptStopsBetweenBatches() {
        Corpus corpus = corpus(6);
        EmbeddingCache cache = EmbeddingCache.open(tmp.resolve("cache"));
        CountingEncoder encoder = new CountingEncoder("fake", 6);
        EmbeddingListener interruptAfterFirstBatch = (done, total) -> {
            if (done == 2) Thread.currentThread().interrupt();
        };
        assertThatThrownBy(() -> ItemEmbeddings.build(corpus, encoder, cache, tmp.resolve("e"), 2, interruptAfterFirstBatch))
                .isInstanceOf(EmbeddingInterruptedException.class).hasMessageContaining("run again to resume");
        assertThat(EmbeddingCache.open(tmp.resolve("cache")).size("fake")).isEqualTo(2);
    }

    @Test
    void loadingForAnotherCorpusOrModelTellsToReRunEmbed() {
        Path dir = tmp.resolve("embeddings/fake");
        ItemEmbeddings.build(corpus(4), new CountingEncoder("fake", 6), EmbeddingCache.open(tmp.resolve("cache")), dir, EmbeddingListener.NONE);
        assertThatThrownBy(() -> ItemEmbeddings.load(dir, corpus(5)))
                .hasMessageContaining("another corpus").hasMessageContaining("re-run `rarec embed`").hasMessageContaining(dir.toString());
        assertThatThrownBy(() -> ItemEmbeddings.load(dir, corpus(4), "all-minilm-l6-v2-q"))
                .hasMessageContaining("come from model fake").hasMessageContaining("re-run `rarec embed`");
        assertThatThrownBy(() -> ItemEmbeddings.load(tmp.resolve("nothing"), corpus(4)))
                .hasMessageContaining("run `rarec embed` first");
    }

    @Test
    void aTruncatedVectorFileIsAClearError() throws Exception {
        Path dir = tmp.resolve("embeddings/fake");
        ItemEmbeddings.build(corpus(4), new CountingEncoder("fake", 6), EmbeddingCache.open(tmp.resolve("cache")), dir, EmbeddingListener.NONE);
        Path vectors = dir.resolve(ItemEmbeddings.VECTORS);
        byte[] bytes = Files.readAllBytes(vectors);
        Files.write(vectors, java.util.Arrays.copyOf(bytes, bytes.length - 4));
        assertThatThrownBy(() -> ItemEmbeddings.load(dir, corpus(4))).hasMessageContaining("expected 96").hasMessageContaining("re-run");
    }

    @Test
    void directoryNamesAreSafeForAnyModelId() {
        assertThat(ItemEmbeddings.directory(tmp, "openai:Qwen/Qwen3-Embedding-0.6B").getFileName().toString())
                .isEqualTo("openai_Qwen_Qwen3-Embedding-0.6B");
        assertThat(ItemEmbeddings.directory(tmp, "all-minilm-l6-v2-q").getFileName().toString()).isEqualTo("all-minilm-l6-v2-q");
    }
}
