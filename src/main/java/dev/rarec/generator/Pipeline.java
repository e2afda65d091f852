package dev.rarec.generator;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.data.Turn;
import dev.rarec.retriever.Retriever;
import dev.rarec.retriever.ScoredItem;
import dev.rarec.understanding.IntentReader;
import dev.rarec.understanding.UserIntent;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Retrieve, then generate: the single place where RAR's two stages meet. Evaluation, RL training,
 * chat and the HTTP API all call {@link #recommend} or {@link #generate}; none re-implements a step.
 *
 * <p>Candidates come from a {@link CandidateSource}: the paper's (the retriever alone) or the
 * conversation-aware hybrid, which reads what the user said through a {@link IntentReader}.
 */
public final class Pipeline {
    public static final int DEFAULT_RETRIEVAL_SIZE = 25;

    private final Corpus corpus;
    private final Retriever retriever;
    private final Generator generator;
    private final CandidateSource candidates;
    private final Supplier<IntentReader> reader;

    /** The paper's pipeline: candidates from the retriever alone. */
    public Pipeline(Corpus corpus, Retriever retriever, Generator generator) {
        this(corpus, retriever, generator, new PaperCandidates(retriever), null);
    }

    /**
     * @param candidates where candidates come from; it must read {@code retriever}
     * @param reader     gives what reads the user's words, asked when a conversation is first read (so an
     *                   evaluation that never reads text never builds it); null reads the mentions alone
     */
    public Pipeline(Corpus corpus, Retriever retriever, Generator generator, CandidateSource candidates, Supplier<IntentReader> reader) {
        if (retriever.numItems() != corpus.size()) {
            throw new IllegalArgumentException("retriever scores " + retriever.numItems()
                    + " items but the corpus has " + corpus.size() + ": rebuild the embeddings and retriever for this corpus");
        }
        this.corpus = corpus;
        this.retriever = retriever;
        this.generator = generator;
        this.candidates = candidates;
        this.reader = reader;
    }

    /** This pipeline with another retriever (and candidates read from it) or generator. */
    public Pipeline with(Retriever otherRetriever, Generator otherGenerator) {
        return new Pipeline(corpus, otherRetriever, otherGenerator, candidates.withRetriever(otherRetriever), reader);
    }

    public Corpus corpus() {
        return corpus;
    }

    public Retriever retriever() {
        return retriever;
    }

    public Generator generator() {
        return generator;
    }

    public CandidateSource candidates() {
        return candidates;
    }

    /** What the user said in {@code context}, as the candidate source reads it. */
    public UserIntent read(List<Turn> context) {
        return reader == null ? IntentReader.mentionsOnly(context) : reader.get().read(context);
    }

    /**
     * The items this pipeline never recommends in this conversation (see {@link CandidateSource#excluded}):
     * RL training draws its candidate sets from the policy outside them.
     */
    public Set<Integer> excluded(List<Turn> context, List<Integer> historyItems) {
        return candidates.excluded(context, historyItems, candidates.readsIntent() ? read(context) : UserIntent.NONE);
    }

    /** C_t with k candidates, then Î_t = f_llm(context, C_t). */
    public Recommendation recommend(List<Turn> context, List<Integer> historyItems, int k) {
        return recommend(context, historyItems, candidates.readsIntent() ? read(context) : UserIntent.NONE, k);
    }

    /** {@link #recommend(List, List, int)} when the caller has read the conversation already. */
    public Recommendation recommend(List<Turn> context, List<Integer> historyItems, UserIntent intent, int k) {
        long t0 = System.nanoTime();
        List<ScoredItem> c = candidates.candidates(context, historyItems, intent, k);
        long t1 = System.nanoTime();
        Recommendation r = generate(context, c);
        return new Recommendation(r.ranked(), r.candidates(), r.ranking(), (t1 - t0) / 1e6, r.generateMillis());
    }

    /**
     * The generation stage alone, on a candidate set chosen elsewhere (RL training samples candidate
     * sets from the retriever's Plackett-Luce policy instead of taking its top-k).
     */
    public Recommendation generate(List<Turn> context, List<ScoredItem> candidates) {
        List<Movie> movies = new ArrayList<>(candidates.size());
        for (ScoredItem c : candidates) movies.add(corpus.get(c.item()));
        long t0 = System.nanoTime();
        Ranking ranking = generator.rank(context, movies);
        long t1 = System.nanoTime();
        List<ScoredItem> ranked = new ArrayList<>(ranking.items().size());
        for (int i = 0; i < ranking.items().size(); i++) {
            ranked.add(new ScoredItem(ranking.items().get(i), 1f / (i + 1)));
        }
        return new Recommendation(ranked, candidates, ranking, 0, (t1 - t0) / 1e6);
    }
}
