package dev.rarec.eval;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.Movie;
import dev.rarec.data.CrsExample;
import dev.rarec.data.Role;
import dev.rarec.data.Turn;
import dev.rarec.generator.Generator;
import dev.rarec.generator.GeneratorException;
import dev.rarec.generator.Pipeline;
import dev.rarec.generator.Ranking;
import dev.rarec.retriever.Retriever;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;

/** A tiny pipeline whose every answer can be worked out by hand. */
final class EvalFixtures {
    static final int NUM_MOVIES = 10;

    private EvalFixtures() {}

    static Corpus corpus() {
        List<Movie> movies = new ArrayList<>();
        for (int i = 0; i < NUM_MOVIES; i++) {
            movies.add(new Movie(i, "tt000000" + i, "Movie " + i, 2000 + i, List.of("Drama"), "Director " + i,
                    List.of("Actor " + i), "Plot " + i, List.of("test")));
        }
        return new Corpus(movies);
    }

    /** Ranks item 0 first, then 1, 2, ...: candidates are the lowest ids not in the history. */
    static final class FixedOrderRetriever implements Retriever {
        @Override
        public int numItems() {
            return NUM_MOVIES;
        }

        @Override
        public float[] score(List<Integer> historyItems) {
            float[] scores = new float[NUM_MOVIES];
            for (int i = 0; i < NUM_MOVIES; i++) scores[i] = NUM_MOVIES - i;
            return scores;
        }
    }

    /**
     * Reverses the candidates; claims one extra line that matched nothing (a hallucination); fails when
     * the last turn says FAIL; sleeps a little per example so that concurrent runs finish out of order.
     */
    static final class ReversingGenerator implements Generator {
        @Override
        public String name() {
            return "reverse";
        }

        @Override
        public Ranking rank(List<Turn> context, List<Movie> candidates) {
            String last = context.isEmpty() ? "" : context.get(context.size() - 1).text();
            LockSupport.parkNanos((Math.abs(last.hashCode()) % 4) * 1_000_000L);
            if (last.contains("FAIL")) throw new GeneratorException("endpoint kept failing");
            if (last.contains("BUG")) throw new IllegalStateException("a bug, not an endpoint failure");
            List<Integer> items = new ArrayList<>();
            for (int i = candidates.size() - 1; i >= 0; i--) items.add(candidates.get(i).id());
            return new Ranking(items, items.size() + 1, 1, List.of());
        }
    }

    /** Keeps the retriever's order: the "retriever-only" baseline. */
    static final class IdentityGenerator implements Generator {
        @Override
        public String name() {
            return "identity";
        }

        @Override
        public Ranking rank(List<Turn> context, List<Movie> candidates) {
            return Ranking.of(candidates.stream().map(Movie::id).toList());
        }
    }

    static Pipeline retrieverOnlyPipeline() {
        return new Pipeline(corpus(), new FixedOrderRetriever(), new IdentityGenerator());
    }

    static Pipeline pipeline() {
        return new Pipeline(corpus(), new FixedOrderRetriever(), new ReversingGenerator());
    }

    static CrsExample example(String id, String text, List<Integer> history, List<Integer> targets) {
        List<Turn> context = List.of(new Turn(Role.SEEKER, text, history));
        return new CrsExample(id, 1, context, history, targets);
    }

    /**
     * Worked out by hand at retrieval size 5 (ranked = candidates reversed):
     * e1: candidates 0..4, ranked 4,3,2,1,0; target 4 at rank 0 (candidate rank 4).
     * e2: history 0; candidates 1..5, ranked 5,4,3,2,1; target 1 at rank 4 (cand 0), target 7 absent.
     * e3: its only target is in the history: skipped, 1 excluded target.
     * e4: the generator fails.
     * e5: ranked 4,3,2,1,0; target 0 at rank 4 (cand 0), target 3 at rank 1 (cand 3).
     */
    static List<CrsExample> handExamples() {
        return List.of(
                example("e1", "something like Movie 4", List.of(), List.of(4)),
                example("e2", "I liked Movie 0", List.of(0), List.of(1, 7)),
                example("e3", "I liked Movie 2", List.of(2), List.of(2)),
                example("e4", "FAIL please", List.of(), List.of(1)),
                example("e5", "anything", List.of(), List.of(0, 3)));
    }

    /** Many examples with varied histories and targets, for determinism under concurrency. */
    static List<CrsExample> manyExamples(int n) {
        List<CrsExample> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Integer> history = i % 3 == 0 ? List.of() : List.of(i % NUM_MOVIES);
            List<Integer> targets = List.of((i * 7 + 3) % NUM_MOVIES, (i * 3 + 1) % NUM_MOVIES);
            String text = (i % 11 == 5 ? "FAIL " : "turn ") + i;
            out.add(example("c" + i, text, history, targets));
        }
        return out;
    }
}
