package dev.rarec.generator;

import dev.rarec.data.Turn;
import dev.rarec.retriever.Retriever;
import dev.rarec.retriever.ScoredItem;
import dev.rarec.understanding.UserIntent;

import java.util.List;

/**
 * Where the candidate set C_t comes from: {@link PaperCandidates} (the sequential retriever alone, as
 * in the paper) or {@link HybridCandidates} (beyond the paper: the retriever fused with the
 * conversation's text and the user's explicit constraints, over the whole corpus).
 */
public interface CandidateSource {

    /** {@code paper} or {@code hybrid}: reports and run provenance name the source by it. */
    String name();

    /**
     * The k best candidates, best first, never an item of {@code historyItems}.
     *
     * @param context      the turns so far
     * @param historyItems what the sequential retriever reads, oldest first
     * @param intent       what the user said, read from {@code context}
     */
    /** Whether {@link #candidates} reads the intent; the paper's source reads only the history. */
    boolean readsIntent();

    /** The same source reading another retriever (a serialised one, a policy being trained). */
    CandidateSource withRetriever(Retriever retriever);

    List<ScoredItem> candidates(List<Turn> context, List<Integer> historyItems, UserIntent intent, int k);
}
