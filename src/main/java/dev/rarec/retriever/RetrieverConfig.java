package dev.rarec.retriever;

import java.util.Locale;
import java.util.Set;

/**
 * What a {@link SequentialRetriever} is made of. Saved as {@code config.json} beside every checkpoint,
 * so that a checkpoint can only be loaded into the model that made it.
 *
 * @param model       sequence encoder: "lrurec", "sasrec", "gru4rec", "fmlprec" or "bert4rec"
 * @param hiddenSize  d, the width of user states and item vectors
 * @param blocks      stacked encoder blocks (layers)
 * @param heads       attention heads of SASRec and BERT4Rec (ignored by the others)
 * @param dropout     dropout rate inside the encoder and on its input
 * @param maxLen      longest history the encoder reads; older items are dropped (64 for CRS, 200 on ml-1m)
 * @param textTower   item vectors come from the item text embeddings through a learned projection
 * @param idEmbedding a learned per-item embedding (and score bias) is added to the item vector
 * @param maskProb    BERT4Rec's cloze masking probability during pretraining (ignored by the others)
 */
public record RetrieverConfig(String model, int hiddenSize, int blocks, int heads, double dropout, int maxLen,
                              boolean textTower, boolean idEmbedding, double maskProb) {

    public static final Set<String> MODELS = Set.of("lrurec", "sasrec", "gru4rec", "fmlprec", "bert4rec");

    public RetrieverConfig {
        model = model == null ? "" : model.toLowerCase(Locale.ROOT);
        if (!MODELS.contains(model)) throw new IllegalArgumentException("unknown retriever model '" + model + "', expected one of " + MODELS);
        if (hiddenSize < 2 || hiddenSize % 2 != 0) throw new IllegalArgumentException("hiddenSize must be even and >= 2, got " + hiddenSize);
        if (blocks < 1) throw new IllegalArgumentException("blocks must be >= 1, got " + blocks);
        if (heads < 1 || hiddenSize % heads != 0) throw new IllegalArgumentException("heads must divide hiddenSize, got " + heads);
        if (dropout < 0 || dropout >= 1) throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
        if (maxLen < 2) throw new IllegalArgumentException("maxLen must be >= 2, got " + maxLen);
        if (!textTower && !idEmbedding) throw new IllegalArgumentException("an item tower needs textTower, idEmbedding or both");
        if (maskProb <= 0 || maskProb >= 1) throw new IllegalArgumentException("maskProb must be in (0, 1), got " + maskProb);
    }

    /** The CRS setting of the paper: d = 64, 2 blocks, history 64, text tower, no id embedding. */
    public static RetrieverConfig crs(String model) {
        return new RetrieverConfig(model, 64, 2, 2, 0.2, 64, true, false, 0.2);
    }

    /** The LRURec ml-1m protocol: id-only, d = 64, 2 blocks, dropout 0.2, history 200. */
    public static RetrieverConfig idOnly(String model, int maxLen) {
        return new RetrieverConfig(model, 64, 2, 2, 0.2, maxLen, false, true, 0.2);
    }

    public RetrieverConfig withDropout(double newDropout) {
        return new RetrieverConfig(model, hiddenSize, blocks, heads, newDropout, maxLen, textTower, idEmbedding, maskProb);
    }

    public RetrieverConfig withMaxLen(int newMaxLen) {
        return new RetrieverConfig(model, hiddenSize, blocks, heads, dropout, newMaxLen, textTower, idEmbedding, maskProb);
    }
}
