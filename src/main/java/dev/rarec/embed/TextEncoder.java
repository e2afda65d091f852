package dev.rarec.embed;

import java.util.List;

/** Turns texts into fixed-size vectors (item metadata for the item tower, conversations for the reranker). */
public interface TextEncoder extends AutoCloseable {

    /** A name that identifies the model and its settings; caches and embedding stores are keyed by it. */
    String modelId();

    int dimension();

    /** One L2-normalised vector per text, in order. */
    float[][] encode(List<String> texts);

    @Override
    default void close() {}
}
