package dev.rarec.retriever;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Scoring is thread-safe (the decision of issue 12, item 1): many threads scoring the same retriever at
 * once get exactly what one thread gets, for every encoder, while the item matrix is built lazily by
 * whichever thread comes first.
 */
class ConcurrentScoringTest {
    private static final int ITEMS = 300;
    private static final int THREADS = 8;

    @Test
    void manyThreadsScoreExactlyAsOneThreadDoes(@TempDir Path dir) throws Exception {
        for (String model : RetrieverConfig.MODELS) {
            try (SequentialRetriever r = SequentialRetriever.create(SequentialRetrieverTest.tiny(model, true, true), ITEMS,
                    SequentialRetrieverTest.text(ITEMS, 6, 3), 11)) {
                List<List<Integer>> histories = histories(40, new Random(5));
                // reference first, from a fresh cache; then invalidate so the threads race to rebuild it
                List<List<ScoredItem>> expectedTop = new ArrayList<>();
                List<float[]> expectedScores = new ArrayList<>();
                for (List<Integer> h : histories) {
                    expectedTop.add(r.topK(h, 10));
                    expectedScores.add(r.score(h));
                }
                List<List<ScoredItem>> expectedBatch = r.topKBatch(histories, 10);
                r.save(dir.resolve(model));
                r.restore(dir.resolve(model)); // drops the cached item matrix: the threads race to rebuild it
                ExecutorService pool = Executors.newFixedThreadPool(THREADS);
                try {
                    List<Future<Integer>> futures = new ArrayList<>();
                    for (int t = 0; t < THREADS; t++) {
                        int offset = t;
                        futures.add(pool.submit((Callable<Integer>) () -> {
                            int checked = 0;
                            for (int i = 0; i < histories.size(); i++) {
                                int j = (i + offset * 5) % histories.size();
                                assertThat(r.topK(histories.get(j), 10)).as("%s, history %d", model, j).isEqualTo(expectedTop.get(j));
                                assertThat(r.score(histories.get(j))).as("%s, history %d", model, j).isEqualTo(expectedScores.get(j));
                                checked++;
                            }
                            List<List<ScoredItem>> batch = r.topKBatch(histories, 10);
                            assertThat(batch).as("%s, batched", model).isEqualTo(expectedBatch);
                            return checked;
                        }));
                    }
                    for (Future<Integer> f : futures) assertThat(f.get(2, TimeUnit.MINUTES)).isEqualTo(histories.size());
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    private static List<List<Integer>> histories(int n, Random rng) {
        List<List<Integer>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            List<Integer> h = new ArrayList<>();
            int len = 1 + rng.nextInt(12);
            for (int j = 0; j < len; j++) h.add(rng.nextInt(ITEMS));
            out.add(h);
        }
        return out;
    }
}
