package dev.rarec.retriever;

import java.util.List;

/**
 * The first stage of RAR, f_ret: scores every corpus item from the items mentioned so far, and
 * returns the top-k as the candidate set C_t.
 *
 * <p>Implementations are thread-safe for scoring: {@code rarec eval} and {@code rarec serve} call one
 * retriever from many threads without a guard ({@link SequentialRetriever} scores under a read lock, each
 * call in its own child manager; {@code ConcurrentScoringTest} checks it).
 */
public interface Retriever {

    /** Number of items scored, the corpus size. */
    int numItems();

    /** A score for every corpus item given the history (oldest first); higher is better. */
    float[] score(List<Integer> historyItems);

    /**
     * The k best items, best first. Items already in the history are masked out, since
     * recommending what the user just named is no recommendation.
     */
    default List<ScoredItem> topK(List<Integer> historyItems, int k) {
        return TopK.select(score(historyItems), k, historyItems);
    }
}
