package dev.rarec.embed;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class OnnxTextEncoderTest {

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Test
    void similarTextsAreCloserThanUnrelatedOnes() {
        try (OnnxTextEncoder encoder = OnnxTextEncoder.load(OnnxTextEncoder.Model.MINILM)) {
            float[][] v = encoder.encode(List.of(
                    "title: Toy Story; year: 1995; genre: animation, comedy; plot: toys come to life when their owner is away",
                    "title: Toy Story 2; year: 1999; genre: animation, comedy; plot: a toy cowboy is stolen by a collector and his friends rescue him",
                    "title: The Exorcist; year: 1973; genre: horror; plot: a priest fights the demon that possesses a young girl"));
            assertThat(encoder.modelId()).isEqualTo("all-minilm-l6-v2-q");
            assertThat(v).hasNumberOfRows(3);
            for (float[] row : v) {
                assertThat(row).hasSize(384);
                assertThat(dot(row, row)).isCloseTo(1.0, within(1e-4));
            }
            assertThat(dot(v[0], v[1])).isGreaterThan(dot(v[0], v[2]) + 0.1);
        }
    }

    /** One text per inference call: a vector must not depend on the other texts of the call or on the thread count. */
    @Test
    void vectorsDoNotDependOnBatchNeighboursOrThreads() {
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < 40; i++) texts.add("movie number " + i + " " + "with a long plot ".repeat(i % 7));
        try (OnnxTextEncoder two = OnnxTextEncoder.load(OnnxTextEncoder.Model.MINILM, 0, 2);
             OnnxTextEncoder one = OnnxTextEncoder.load(OnnxTextEncoder.Model.MINILM, 0, 1)) {
            float[][] batched = two.encode(texts);
            assertThat(one.encode(List.of(texts.get(33)))[0]).isEqualTo(batched[33]);
            assertThat(one.encode(texts.subList(30, 35))[3]).isEqualTo(batched[33]);
        }
    }

    @Test
    void bgeSmallWithClsPoolingAlsoSeparatesSimilarFromUnrelated() {
        try (OnnxTextEncoder encoder = OnnxTextEncoder.load(OnnxTextEncoder.Model.BGE_SMALL)) {
            float[][] v = encoder.encode(List.of(
                    "title: Alien; genre: horror, sci-fi; plot: a spaceship crew is hunted by a deadly creature",
                    "title: Aliens; genre: action, horror, sci-fi; plot: marines fight deadly creatures on a distant colony",
                    "title: Notting Hill; genre: comedy, romance; plot: a London bookseller falls for a famous actress"));
            assertThat(encoder.modelId()).isEqualTo("bge-small-en-v1.5-q");
            assertThat(v[0]).hasSize(384);
            assertThat(dot(v[0], v[0])).isCloseTo(1.0, within(1e-4));
            assertThat(dot(v[0], v[1])).isGreaterThan(dot(v[0], v[2]) + 0.05);
        }
    }

    @Test
    void truncationIsPartOfTheModelId() {
        try (OnnxTextEncoder encoder = OnnxTextEncoder.load(OnnxTextEncoder.Model.MINILM, 64, 1)) {
            assertThat(encoder.modelId()).isEqualTo("all-minilm-l6-v2-q-max64");
            assertThat(encoder.countTokens("word ".repeat(500))).isEqualTo(64);
        }
    }
}
