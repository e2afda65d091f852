package dev.rarec.generator;

import dev.rarec.data.Turn;
import dev.rarec.retriever.Retriever;
import dev.rarec.retriever.ScoredItem;
import dev.rarec.understanding.UserIntent;

import java.util.List;
import java.util.Set;

/**
 * Where the candidate set C_t comes from: {@link PaperCandidates} (the sequential retriever alone, as
 * in the paper) or {@link HybridCandidates} (beyond the paper: the retriever fused with the
 * conversation's text and the user's explicit constraints, over the whole corpus).
 */
public interface CandidateSource {

    /** {@code paper} or {@code hybrid}: reports and run provenance name the source by it. */
    String name();

    /** Whether {@link #candidates} reads the intent; the paper's source reads only the history. */
    boolean readsIntent();

    /** The same source reading another retriever (a serialised one, a policy being trained). */
    CandidateSource withRetriever(Retriever retriever);

    /**
     * The k best candidates, best first, never an item of {@link #excluded}.
     *
     * @param context      the turns so far
     * @param historyItems what the sequential retriever reads, oldest first
     * @param intent       what the user said, read from {@code context}
     */
    List<ScoredItem> candidates(List<Turn> context, List<Integer> historyItems, UserIntent intent, int k);

    /**
     * The items this source never offers in this conversation, whatever the retriever scores: the history, and
     * for a source that reads the conversation also what the user named or ruled out. RL training masks them
     * when it draws candidate sets from the policy, so the generator is only shown sets the pipeline could show.
     */
    Set<Integer> excluded(List<Turn> context, List<Integer> historyItems, UserIntent intent);
}
