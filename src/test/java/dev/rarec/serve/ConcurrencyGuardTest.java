package dev.rarec.serve;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.data.Turn;
import dev.rarec.generator.Generator;
import dev.rarec.generator.Pipeline;
import dev.rarec.generator.Ranking;
import dev.rarec.generator.SurfaceFixtures;
import dev.rarec.retriever.Retriever;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class ConcurrencyGuardTest {

    /** Counts how many calls are inside at once and remembers the most. */
    static final class Overlap {
        final AtomicInteger inside = new AtomicInteger();
        final AtomicInteger most = new AtomicInteger();

        void enter() {
            most.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        void leave() {
            inside.decrementAndGet();
        }
    }

    @Test
    void generatorRunsWithinItsPermitsAndTheThreadSafeRetrieverIsNotSerialised() throws Exception {
        Corpus corpus = SurfaceFixtures.corpus();
        Overlap retrieval = new Overlap();
        Overlap generation = new Overlap();
        Retriever base = SurfaceFixtures.genreRetriever(corpus);
        Retriever retriever = new Retriever() {
            public int numItems() { return base.numItems(); }
            public float[] score(List<Integer> h) {
                retrieval.enter();
                try { return base.score(h); } finally { retrieval.leave(); }
            }
        };
        Generator generator = new Generator() {
            public String name() { return "slow"; }
            public Ranking rank(List<Turn> context, List<Movie> candidates) {
                generation.enter();
                try { return Ranking.of(candidates.stream().map(Movie::id).toList()); } finally { generation.leave(); }
            }
        };
        Pipeline guarded = ConcurrencyGuard.guard(new Pipeline(corpus, retriever, generator), 2);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> calls = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                int item = i % 12;
                calls.add(pool.submit(() -> guarded.recommend(List.of(), List.of(item), 4)));
            }
            for (Future<?> f : calls) f.get();
        } finally {
            pool.shutdownNow();
        }

        // scoring is thread-safe (Retriever's contract, ConcurrentScoringTest), so the guard leaves the retriever alone
        assertThat(retrieval.most.get()).isGreaterThan(1);
        assertThat(guarded.retriever()).isSameAs(retriever);
        assertThat(generation.most.get()).isBetween(1, 2);
        assertThat(guarded.generator().name()).isEqualTo("slow");
    }
}
