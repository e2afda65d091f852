package dev.rarec.train;

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
import dev.rarec.retriever.ScoredItem;
import dev.rarec.retriever.TrainableRetriever;

import dev.rarec.retriever.OptimizerConfig;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * A tiny conversational problem the trainers must solve: N movies, each example's history names one or
 * two of them and its target is a fixed function of the last one. The fake generator ranks candidates by a
 * hidden preference for each item, so a set's reward is high when it holds the target and few items the
 * generator prefers to it.
 */
final class Synthetic {
    static final int N = 30;
    static final float LEARNING_RATE = 3f;

    final Corpus corpus;
    final List<CrsExample> train = new ArrayList<>();
    final List<CrsExample> validation = new ArrayList<>();
    final double[] hiddenPreference = new double[N];
    final AtomicInteger calls = new AtomicInteger();

    Synthetic() {
        List<Movie> movies = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            movies.add(new Movie(i, "", "Movie " + i, 2000 + i, List.of("Drama"), "Director " + i, List.of("Actor " + i),
                    "A film about the number " + i + ".", List.of("test")));
        }
        corpus = new Corpus(movies);
        Random r = new Random(5);
        for (int i = 0; i < N; i++) hiddenPreference[i] = r.nextDouble();
        for (int a = 0; a < N; a++) {
            int other = (a + 11) % N;
            train.add(example("t" + a, List.of(a)));
            train.add(example("u" + a, List.of(other, a)));
            validation.add(example("v" + a, List.of((a + 5) % N, a)));
        }
    }

    static int target(int last) {
        return (last * 7 + 3) % N;
    }

    private static CrsExample example(String id, List<Integer> history) {
        int last = history.get(history.size() - 1);
        List<Turn> context = List.of(new Turn(Role.SEEKER, "I loved " + history + ", what else?", history));
        return new CrsExample(id, 1, context, history, List.of(target(last)));
    }

    /** Ranks candidates by the hidden preference; fails for conversations whose id starts with {@code failPrefix}. */
    Generator generator(String failPrefix) {
        return new Generator() {
            @Override
            public String name() {
                return "hidden-preference";
            }

            @Override
            public Ranking rank(List<Turn> context, List<Movie> candidates) {
                calls.incrementAndGet();
                if (!failPrefix.isEmpty() && context.get(0).text().contains(failPrefix)) {
                    throw new GeneratorException("endpoint down");
                }
                List<Integer> ids = new ArrayList<>();
                for (Movie m : candidates) ids.add(m.id());
                ids.sort(Comparator.comparingDouble((Integer i) -> -hiddenPreference[i]));
                return Ranking.of(ids);
            }
        };
    }

    /** The paper's pipeline around a retriever with {@code generator}: what the trainer rewards its sets with. */
    Function<Retriever, Pipeline> pipelines(Generator generator) {
        return r -> new Pipeline(corpus, r, generator);
    }

    /** A listener that keeps every message, for tests that check what a run said. */
    static TrainingListener collecting(List<String> messages) {
        return new TrainingListener() {
            @Override
            public void onProgress(String phase, long done, long total, java.util.Map<String, Double> metrics) {}

            @Override
            public void onMessage(String message) {
                messages.add(message);
            }
        };
    }

    /** Opens {@link TinyRetriever}s; on resume it insists on finding the training state it saved. */
    static RetrieverLoader loader(float dropout) {
        return new RetrieverLoader() {
            @Override
            public TrainableRetriever open(Path dir, OptimizerConfig optimizer, int completedSteps) {
                if (completedSteps > 0 && !Files.isRegularFile(dir.resolve(TRAINING_STATE))) {
                    throw new IllegalStateException("resuming from " + dir + " without its training state");
                }
                return TinyRetriever.load(dir, (float) optimizer.learningRate(), dropout);
            }

            @Override
            public void saveTrainingState(TrainableRetriever retriever, Path dir) {
                try {
                    Files.writeString(dir.resolve(TRAINING_STATE), "plain SGD has no moments");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }

    static final String TRAINING_STATE = "sgd-state.txt";

    /**
     * Wraps a generator with a response cache and an endpoint's counters: what an LLM generator reports
     * through {@link GeneratorUsage}, at 100 tokens a request.
     */
    static final class CachedGenerator implements Generator, GeneratorUsage {
        private final Generator inner;
        private final Map<List<Integer>, Ranking> cache = new ConcurrentHashMap<>();
        private final AtomicLong requests = new AtomicLong();
        private final AtomicLong hits = new AtomicLong();

        CachedGenerator(Generator inner) {
            this.inner = inner;
        }

        @Override
        public String name() {
            return "cached:" + inner.name();
        }

        @Override
        public Ranking rank(List<Turn> context, List<Movie> candidates) {
            List<Integer> key = new ArrayList<>(context.get(0).items());
            key.add(-1);
            for (Movie m : candidates) key.add(m.id());
            Ranking cached = cache.get(key);
            if (cached != null) {
                hits.incrementAndGet();
                return cached;
            }
            requests.incrementAndGet();
            Ranking r = inner.rank(context, candidates);
            cache.put(key, r);
            return r;
        }

        @Override
        public long requests() {
            return requests.get();
        }

        @Override
        public long tokens() {
            return requests.get() * 100;
        }

        @Override
        public long cacheHits() {
            return hits.get();
        }
    }

    static Path initialCheckpoint(Path root) {
        Path dir = root.resolve("init");
        try (TinyRetriever r = TinyRetriever.random(N, 8, 1, LEARNING_RATE, 0)) {
            r.save(dir);
        }
        return dir;
    }

    /** Retriever-only NDCG@10 on the validation examples. */
    ToDoubleFunction<TrainableRetriever> validationNdcg() {
        return retriever -> {
            double sum = 0;
            for (CrsExample e : validation) {
                List<Integer> top = new ArrayList<>();
                for (ScoredItem s : retriever.topK(e.historyItems(), 10)) top.add(s.item());
                sum += Reward.ndcg(top, e.targets());
            }
            return sum / validation.size();
        };
    }

    /** Mean log-probability (softmax over all items) of the targets of {@code examples}. */
    static double meanTargetLogProb(TrainableRetriever retriever, List<CrsExample> examples) {
        double sum = 0;
        for (CrsExample e : examples) {
            float[] s = retriever.score(e.historyItems());
            double max = Double.NEGATIVE_INFINITY;
            for (float v : s) max = Math.max(max, v);
            double z = 0;
            for (float v : s) z += Math.exp(v - max);
            sum += s[e.targets().get(0)] - max - Math.log(z);
        }
        return sum / examples.size();
    }
}
