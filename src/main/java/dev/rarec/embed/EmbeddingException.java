package dev.rarec.embed;

/** An encoder could not produce vectors (the server refused, answered garbage, or kept failing). */
public final class EmbeddingException extends RuntimeException {
    public EmbeddingException(String message) {
        super(message);
    }
}
