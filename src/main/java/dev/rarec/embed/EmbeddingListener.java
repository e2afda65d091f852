package dev.rarec.embed;

/** Hears how far an embedding job is; the CLI draws a progress bar from it. */
@FunctionalInterface
public interface EmbeddingListener {

    /** A listener that ignores everything. */
    EmbeddingListener NONE = (done, total) -> {};

    /**
     * Called once before the first batch (with the texts already cached counted as done) and after
     * every batch.
     *
     * @param done  texts whose vectors are known (cached or freshly embedded)
     * @param total texts of the job
     */
    void onProgress(int done, int total);
}
