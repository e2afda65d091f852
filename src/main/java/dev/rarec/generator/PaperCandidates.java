package dev.rarec.generator;

import dev.rarec.data.Turn;
import dev.rarec.retriever.Retriever;
import dev.rarec.retriever.ScoredItem;
import dev.rarec.understanding.UserIntent;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** RAR's candidates (section 3.2): the retriever's top k from the mentioned items alone. */
public final class PaperCandidates implements CandidateSource {
    public static final String NAME = "paper";

    private final Retriever retriever;

    public PaperCandidates(Retriever retriever) {
        this.retriever = retriever;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean readsIntent() {
        return false;
    }

    @Override
    public CandidateSource withRetriever(Retriever other) {
        return new PaperCandidates(other);
    }

    @Override
    public List<ScoredItem> candidates(List<Turn> context, List<Integer> historyItems, UserIntent intent, int k) {
        return retriever.topK(historyItems, k);
    }

    @Override
    public Set<Integer> excluded(List<Turn> context, List<Integer> historyItems, UserIntent intent) {
        return new HashSet<>(historyItems);
    }
}
