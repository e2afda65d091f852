package dev.rarec.retriever;

import java.util.List;

/**
 * The first stage of RAR, f_ret: scores every corpus item from the items mentioned so far, and
 * returns the top-k as the candidate set C_t.
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
