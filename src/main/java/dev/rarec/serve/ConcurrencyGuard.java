package dev.rarec.serve;

import dev.rarec.corpus.MentionDetector;
import dev.rarec.corpus.Movie;
import dev.rarec.data.Turn;
import dev.rarec.generator.Generator;
import dev.rarec.generator.Pipeline;
import dev.rarec.generator.Ranking;
import dev.rarec.retriever.Retriever;
import dev.rarec.retriever.ScoredItem;

import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Makes a pipeline safe for the server's request threads without knowing how its stages are built.
 * The retriever (a DJL model whose forward pass shares one NDManager and parameter store) and the
 * mention detector run one call at a time; the generator runs at most {@code generatorPermits} calls
 * at once (1 for the in-process reranker, the endpoint's concurrency for an LLM). Callers wait
 * rather than fail, so a burst becomes a queue, not an error.
 */
public final class ConcurrencyGuard {
    private ConcurrencyGuard() {}

    /** The same pipeline with its retriever serialised and its generator limited to {@code generatorPermits} calls. */
    public static Pipeline guard(Pipeline pipeline, int generatorPermits) {
        if (generatorPermits < 1) throw new IllegalArgumentException("generator permits must be at least 1, got " + generatorPermits);
        return new Pipeline(pipeline.corpus(), new SerialRetriever(pipeline.retriever()),
                new LimitedGenerator(pipeline.generator(), generatorPermits));
    }

    /** The same detector, one call at a time. */
    public static MentionDetector guard(MentionDetector mentions) {
        Object lock = new Object();
        return text -> {
            synchronized (lock) {
                return mentions.detect(text);
            }
        };
    }

    private static final class SerialRetriever implements Retriever {
        private final Retriever delegate;

        SerialRetriever(Retriever delegate) {
            this.delegate = delegate;
        }

        @Override
        public int numItems() {
            return delegate.numItems();
        }

        @Override
        public synchronized float[] score(List<Integer> historyItems) {
            return delegate.score(historyItems);
        }

        @Override
        public synchronized List<ScoredItem> topK(List<Integer> historyItems, int k) {
            return delegate.topK(historyItems, k);
        }
    }

    private static final class LimitedGenerator implements Generator {
        private final Generator delegate;
        private final Semaphore permits;

        LimitedGenerator(Generator delegate, int permits) {
            this.delegate = delegate;
            this.permits = new Semaphore(permits, true);
        }

        @Override
        public String name() {
            return delegate.name();
        }

        @Override
        public Ranking rank(List<Turn> context, List<Movie> candidates) {
            permits.acquireUninterruptibly();
            try {
                return delegate.rank(context, candidates);
            } finally {
                permits.release();
            }
        }
    }
}
