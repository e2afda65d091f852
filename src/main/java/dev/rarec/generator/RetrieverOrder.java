package dev.rarec.generator;

import dev.rarec.corpus.Movie;
import dev.rarec.data.Turn;

import java.util.ArrayList;
import java.util.List;

/**
 * The identity generator: keeps the retriever's order. Evaluating a pipeline with it measures the
 * retriever alone ("retriever-only" rows of Table 1) through the same code path as every generator.
 */
public final class RetrieverOrder implements Generator {
    public static final String NAME = "retriever";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Ranking rank(List<Turn> context, List<Movie> candidates) {
        List<Integer> items = new ArrayList<>(candidates.size());
        for (Movie m : candidates) items.add(m.id());
        return Ranking.of(items);
    }
}
