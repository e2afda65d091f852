package dev.rarec.embed;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * An encoder that remembers the vectors of the texts it encoded last. Chat and the API send the whole
 * conversation with every turn, and the candidate source and the generator both embed the user's
 * messages, so most texts of a request were embedded before. A vector belongs to its text alone (the
 * in-process encoder runs one text per call), so a remembered vector is the one a fresh call returns.
 * Thread-safe if the wrapped encoder is.
 */
public final class MemoisedEncoder implements TextEncoder {
    private final TextEncoder encoder;
    private final Map<String, float[]> memo;

    /** @param capacity texts remembered, the least recently used forgotten first */
    public MemoisedEncoder(TextEncoder encoder, int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("capacity must be at least 1, got " + capacity);
        this.encoder = encoder;
        this.memo = new LinkedHashMap<>(64, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > capacity;
            }
        };
    }

    @Override
    public String modelId() {
        return encoder.modelId();
    }

    @Override
    public int dimension() {
        return encoder.dimension();
    }

    @Override
    public float[][] encode(List<String> texts) {
        float[][] out = new float[texts.size()][];
        LinkedHashSet<String> missing = new LinkedHashSet<>();
        synchronized (memo) {
            for (int i = 0; i < out.length; i++) {
                out[i] = memo.get(texts.get(i));
                if (out[i] == null) missing.add(texts.get(i));
            }
        }
        if (!missing.isEmpty()) {
            List<String> fresh = new ArrayList<>(missing);
            float[][] vectors = encoder.encode(fresh);
            if (vectors.length != fresh.size()) {
                throw new EmbeddingException("encoder " + modelId() + " returned " + vectors.length + " vectors for " + fresh.size() + " texts");
            }
            Map<String, float[]> got = new LinkedHashMap<>();
            for (int i = 0; i < vectors.length; i++) got.put(fresh.get(i), vectors[i]);
            synchronized (memo) {
                memo.putAll(got);
            }
            for (int i = 0; i < out.length; i++) if (out[i] == null) out[i] = got.get(texts.get(i));
        }
        // Callers own what they get: a vector they change must not change the remembered one.
        for (int i = 0; i < out.length; i++) out[i] = out[i].clone();
        return out;
    }

    @Override
    public void close() {
        encoder.close();
    }
}
