package dev.rarec.serve;

import dev.rarec.corpus.MentionDetector;
import dev.rarec.corpus.Movie;
import dev.rarec.data.Turn;
import dev.rarec.generator.Generator;
import dev.rarec.generator.Pipeline;
import dev.rarec.generator.Ranking;

import java.util.List;
import java.util.concurrent.Semaphore;

/**
 * Limits what the server's request threads may run at once. The retriever needs no guard: every
 * {@link dev.rarec.retriever.Retriever} is thread-safe for scoring, as {@code rarec eval} relies on too.
 * The mention detector runs one call at a time; the generator runs at most {@code generatorPermits} calls
 * at once (1 for the in-process reranker, the endpoint's concurrency for an LLM). Callers wait
 * rather than fail, so a burst becomes a queue, not an error.
 */
public final class ConcurrencyGuard {
    private ConcurrencyGuard() {}

    /** The same pipeline with its generator limited to {@code generatorPermits} calls at once. */
    public static Pipeline guard(Pipeline pipeline, int generatorPermits) {
        if (generatorPermits < 1) throw new IllegalArgumentException("generator permits must be at least 1, got " + generatorPermits);
        return pipeline.with(pipeline.retriever(), new LimitedGenerator(pipeline.generator(), generatorPermits));
    }

    /** The same detector, one call at a time. */
    public static MentionDetector guard(MentionDetector mentions) {
        Object lock = new Object();
        return new MentionDetector() {
            @Override
            public List<Integer> detect(String text) {
                synchronized (lock) {
                    return mentions.detect(text);
                }
            }

            @Override
            public List<Mention> mentions(String text) {
                synchronized (lock) {
                    return mentions.mentions(text);
                }
            }
        };
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
