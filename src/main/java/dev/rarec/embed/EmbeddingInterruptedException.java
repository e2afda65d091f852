package dev.rarec.embed;

/** An embedding job stopped because its thread was interrupted; the batches finished so far are cached. */
public final class EmbeddingInterruptedException extends RuntimeException {
    public EmbeddingInterruptedException(String message) {
        super(message);
    }
}
