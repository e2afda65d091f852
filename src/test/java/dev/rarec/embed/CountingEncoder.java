package dev.rarec.embed;

import dev.rarec.util.Hashing;

import java.util.ArrayList;
import java.util.List;

/** A deterministic fake encoder that counts what it is asked to embed, and can fail on a chosen call. */
public final class CountingEncoder implements TextEncoder {
    final List<String> embedded = new ArrayList<>();
    public int calls;
    int failOnCall = -1;
    private final String modelId;
    private final int dimension;

    public CountingEncoder(String modelId, int dimension) {
        this.modelId = modelId;
        this.dimension = dimension;
    }

    @Override
    public String modelId() {
        return modelId;
    }

    @Override
    public int dimension() {
        return dimension;
    }

    @Override
    public float[][] encode(List<String> texts) {
        calls++;
        if (calls == failOnCall) throw new IllegalStateException("simulated crash on call " + calls);
        embedded.addAll(texts);
        float[][] out = new float[texts.size()][];
        for (int i = 0; i < texts.size(); i++) out[i] = vectorOf(texts.get(i), dimension);
        return out;
    }

    /** The vector this encoder gives a text: derived from its hash, so tests can check rows. */
    public static float[] vectorOf(String text, int dimension) {
        byte[] h = Hashing.sha256(text).getBytes();
        float[] v = new float[dimension];
        for (int d = 0; d < dimension; d++) v[d] = h[d % h.length] - 70;
        return OnnxTextEncoder.normalise(v);
    }
}
