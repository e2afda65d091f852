package dev.rarec.train;

import dev.rarec.retriever.OptimizerConfig;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The parts of pretraining that are choices of a codebase rather than of the paper: which training windows an
 * epoch holds, how they are batched, how AdamW is scheduled and clipped, and which validation metric picks the
 * best checkpoint.
 */
public enum PretrainRecipe {
    /**
     * This project's: every transition once per epoch (a long history is cut from its end into consecutive
     * windows), batches of similar length (fast: little padding), warm-up then cosine decay, best NDCG@10.
     */
    DEFAULT,
    /**
     * The LRURec authors' code on ml-1m (yueqirex/LRURec: config.py, dataloader/sas.py, trainer/base.py): a
     * history shorter than two windows gives one window, its last {@code maxLen} transitions (the earlier
     * ones are never trained); a longer one is cut from its end into windows of {@code maxLen} items, the
     * remainder dropped. Batches are drawn at random (padded to the longest window), the learning rate is
     * constant, gradients are clipped to norm 5, AdamW's ε is 1e-9, LRU's λ/γ are decayed like any weight,
     * and the best checkpoint is the one with the best Recall@10.
     */
    LRUREC_CODE;

    /** The training windows of an epoch: each holds its context items and, one position on, their targets. */
    List<int[]> windows(List<int[]> sequences, int maxLen, boolean cloze) {
        if (this == DEFAULT || cloze) return Pretrainer.windows(sequences, maxLen, cloze);
        List<int[]> out = new ArrayList<>();
        for (int[] s : sequences) {
            if (s.length < 2) continue;
            if (s.length < 2 * maxLen) {
                out.add(Arrays.copyOfRange(s, Math.max(0, s.length - maxLen - 1), s.length));
            } else {
                // the authors' window also predicts its first item from an empty history; that one target is left out here
                for (int from = s.length - maxLen; from >= 0; from -= maxLen) out.add(Arrays.copyOfRange(s, from, from + maxLen));
            }
        }
        return out;
    }

    /** Whether batches group windows of similar length (true) or are drawn purely at random. */
    boolean bucketed() {
        return this == DEFAULT;
    }

    /** The validation metric whose best value marks the checkpoint kept. */
    String selectionMetric() {
        return this == DEFAULT ? "ndcg@10" : "recall@10";
    }

    OptimizerConfig optimizer(PretrainConfig cfg, long totalSteps) {
        int total = (int) Math.min(Integer.MAX_VALUE, totalSteps);
        if (this == LRUREC_CODE) return OptimizerConfig.constant(cfg.learningRate(), cfg.weightDecay(), total, 5.0, 1e-9, true);
        return new OptimizerConfig(cfg.learningRate(), cfg.weightDecay(), (int) Math.min(cfg.warmupSteps(), Math.max(0, totalSteps - 1)), total);
    }
}
