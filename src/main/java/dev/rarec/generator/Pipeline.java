package dev.rarec.generator;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.data.Turn;
import dev.rarec.retriever.Retriever;
import dev.rarec.retriever.ScoredItem;

import java.util.ArrayList;
import java.util.List;

/**
 * Retrieve, then generate: the single place where RAR's two stages meet. Evaluation, RL training,
 * chat and the HTTP API all call {@link #recommend} or {@link #generate}; none re-implements a step.
 */
public final class Pipeline {
    public static final int DEFAULT_RETRIEVAL_SIZE = 25;

    private final Corpus corpus;
    private final Retriever retriever;
    private final Generator generator;

    public Pipeline(Corpus corpus, Retriever retriever, Generator generator) {
        if (retriever.numItems() != corpus.size()) {
            throw new IllegalArgumentException("retriever scores " + retriever.numItems()
                    + " items but the corpus has " + corpus.size() + ": rebuild the embeddings and retriever for this corpus");
        }
        this.corpus = corpus;
        this.retriever = retriever;
        this.generator = generator;
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

    /** C_t = f_ret(history) with k candidates, then Î_t = f_llm(context, C_t). */
    public Recommendation recommend(List<Turn> context, List<Integer> historyItems, int k) {
        long t0 = System.nanoTime();
        List<ScoredItem> candidates = retriever.topK(historyItems, k);
        long t1 = System.nanoTime();
        Recommendation r = generate(context, candidates);
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
