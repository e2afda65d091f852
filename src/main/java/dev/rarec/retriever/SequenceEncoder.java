package dev.rarec.retriever;

import ai.djl.ndarray.NDArray;

/**
 * A sequence model of section 4 (LRURec, SASRec, GRU4Rec, FMLP-Rec, BERT4Rec): maps the item vectors of a
 * left-padded history window to one user state per position. The user state at the last position is o_t of
 * eq. 2, dotted with every item vector to score the corpus.
 */
abstract class SequenceEncoder extends ParamBlock {

    /**
     * @param x    item vectors [B, L, d]; padded positions are zero
     * @param mask [B, L] float, 1 for a real (or mask-token) position, 0 for padding; padding is on the left
     * @return user states [B, L, d]
     */
    abstract NDArray encode(NDArray x, NDArray mask, boolean training);

    /** The window length the encoder wants for a batch whose longest input (mask token included) has n positions. */
    abstract int window(int n);

    /** Drops whatever the encoder derived from its parameters for scoring; called whenever they change. */
    void thaw() {}

    /** True for BERT4Rec: it sees the whole window and predicts at an appended mask position. */
    boolean bidirectional() {
        return false;
    }

    static SequenceEncoder of(RetrieverConfig cfg, ai.djl.ndarray.NDManager manager, java.util.Random rng) {
        return switch (cfg.model()) {
            case "lrurec" -> new LruRec(manager, rng, cfg);
            case "sasrec" -> new SasRec(manager, rng, cfg);
            case "gru4rec" -> new Gru4Rec(manager, rng, cfg);
            case "fmlprec" -> new FmlpRec(manager, rng, cfg);
            case "bert4rec" -> new Bert4Rec(manager, rng, cfg);
            default -> throw new IllegalArgumentException("unknown retriever model " + cfg.model());
        };
    }
}
