package dev.rarec.eval;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class MetricsTest {

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    @Test
    void ndcgFollowsTheRankOfTheSingleTarget() {
        assertThat(Metrics.ndcg(0, 10)).isEqualTo(1.0);
        assertThat(Metrics.ndcg(3, 10)).isCloseTo(1 / log2(5), within(1e-12)).isCloseTo(0.430677, within(1e-6));
        assertThat(Metrics.ndcg(4, 5)).isCloseTo(1 / log2(6), within(1e-12));
        assertThat(Metrics.ndcg(5, 5)).isZero();
        assertThat(Metrics.ndcg(12, 10)).isZero();
        assertThat(Metrics.ndcg(-1, 10)).isZero();
    }

    @Test
    void recallIsAHitInTheTopK() {
        assertThat(Metrics.recall(0, 1)).isEqualTo(1.0);
        assertThat(Metrics.recall(1, 1)).isZero();
        assertThat(Metrics.recall(9, 10)).isEqualTo(1.0);
        assertThat(Metrics.recall(10, 10)).isZero();
        assertThat(Metrics.recall(-1, 20)).isZero();
    }

    @Test
    void mrrIsTheReciprocalRankInTheTopK() {
        assertThat(Metrics.mrr(0, 1)).isEqualTo(1.0);
        assertThat(Metrics.mrr(3, 5)).isEqualTo(0.25);
        assertThat(Metrics.mrr(5, 5)).isZero();
        assertThat(Metrics.mrr(-1, 5)).isZero();
    }

    @Test
    void oneRowPerDistinctTargetAndMentionedTargetsAreExcluded() {
        List<TargetRow> rows = Metrics.rows("c#3", List.of(5, 7, 5, 9), List.of(9, 1),
                List.of(7, 2, 5), List.of(2, 5, 7, 8));
        assertThat(rows).containsExactly(
                new TargetRow("c#3", 5, 2, 1),
                new TargetRow("c#3", 7, 0, 2));
        assertThat(Metrics.rows("c#4", List.of(1), List.of(1), List.of(1), List.of(1))).isEmpty();
    }

    @Test
    void mentionedItemsAreRemovedFromTheListsBeforeRanking() {
        // history item 9 sits at the top of both lists; without it, target 5 is first in the final list
        List<TargetRow> rows = Metrics.rows("c#5", List.of(5), List.of(9), List.of(9, 5, 2), List.of(9, 2, 5));
        assertThat(rows).containsExactly(new TargetRow("c#5", 5, 0, 1));
    }

    @Test
    void meanHasTheNormalIntervalOfAKnownSample() {
        Estimate e = Metrics.mean(new double[] {1, 0, 0, 1});
        // sample sd = sqrt(4 * 0.25 / 3) = 0.57735; ci = 1.96 * 0.57735 / sqrt(4)
        assertThat(e.mean()).isEqualTo(0.5);
        assertThat(e.ci95()).isCloseTo(1.96 * Math.sqrt(1.0 / 3) / 2, within(1e-12)).isCloseTo(0.565803, within(1e-6));
        assertThat(e.low()).isCloseTo(0.5 - e.ci95(), within(1e-12));
        assertThat(e.high()).isCloseTo(0.5 + e.ci95(), within(1e-12));
        assertThat(e.n()).isEqualTo(4);

        Estimate f = Metrics.mean(new double[] {2, 4, 4, 4, 5, 5, 7, 9});
        // mean 5, sum of squares 32, sample variance 32/7
        assertThat(f.mean()).isEqualTo(5.0);
        assertThat(f.ci95()).isCloseTo(1.96 * Math.sqrt(32.0 / 7) / Math.sqrt(8), within(1e-12));

        assertThat(Metrics.mean(new double[] {0.3})).isEqualTo(Estimate.symmetric(0.3, 0, 1));
        assertThat(Metrics.mean(new double[0])).isEqualTo(Estimate.EMPTY);
    }

    @Test
    void summarizeAveragesOverRowsNotExamples() {
        List<TargetRow> rows = List.of(
                new TargetRow("a", 1, 0, 0),
                new TargetRow("b", 2, 3, 1),
                new TargetRow("b", 3, -1, -1),
                new TargetRow("c", 4, 12, 12));
        Map<String, Estimate> m = Metrics.summarize(rows, List.of(1, 5, 10), 0, 0);
        assertThat(m.keySet()).containsExactly("ndcg@1", "ndcg@5", "ndcg@10", "recall@1", "recall@5", "recall@10",
                "mrr@1", "mrr@5", "mrr@10");
        assertThat(m.get("mrr@5").mean()).isCloseTo((1 + 0.25) / 4, within(1e-12));
        assertThat(m.get("ndcg@1").mean()).isEqualTo(0.25);
        assertThat(m.get("ndcg@5").mean()).isCloseTo((1 + 1 / log2(5)) / 4, within(1e-12));
        assertThat(m.get("ndcg@10").mean()).isCloseTo((1 + 1 / log2(5)) / 4, within(1e-12));
        assertThat(m.get("recall@5").mean()).isEqualTo(0.5);
        assertThat(m.get("recall@10").n()).isEqualTo(4);

        Map<String, Estimate> c = Metrics.candidateRecall(rows, List.of(1, 5, 10), 5, 0, 0);
        assertThat(c.keySet()).containsExactly("recall@1", "recall@5");
        assertThat(c.get("recall@1").mean()).isEqualTo(0.25);
        assertThat(c.get("recall@5").mean()).isEqualTo(0.5);
    }

    @Test
    void pairedDifferenceUsesSharedRowsOnly() {
        List<TargetRow> baseline = List.of(
                new TargetRow("a", 1, 3, 3), new TargetRow("b", 2, -1, -1), new TargetRow("c", 3, 0, 0));
        List<TargetRow> method = List.of(
                new TargetRow("a", 1, 0, 3), new TargetRow("b", 2, 1, -1), new TargetRow("d", 4, 0, 0));
        Estimate d = Metrics.pairedDifference(baseline, method, "recall@1");
        // shared rows a/1 (0 -> 1) and b/2 (0 -> 0): differences 1 and 0
        assertThat(d.n()).isEqualTo(2);
        assertThat(d.mean()).isEqualTo(0.5);
        assertThat(d.ci95()).isCloseTo(1.96 * Math.sqrt(0.5) / Math.sqrt(2), within(1e-12));
        assertThat(Metrics.pairedDifference(baseline, method, "ndcg@5").mean())
                .isCloseTo(((1 - 1 / log2(5)) + 1 / log2(3)) / 2, within(1e-12));
        assertThat(Metrics.value("mrr@5", 1)).isEqualTo(0.5);
        assertThatThrownBy(() -> Metrics.value("map@5", 1))
                .hasMessageContaining("unknown metric 'map@5'");
    }

    @Test
    void bootstrapIsSeededAndAgreesWithTheNormalIntervalOnIndependentRows() {
        double[] values = new double[2000];
        int[] clusters = new int[values.length];
        java.util.SplittableRandom r = new java.util.SplittableRandom(7);
        for (int i = 0; i < values.length; i++) {
            values[i] = r.nextDouble() < 0.1 ? 1 : 0;
            clusters[i] = i;
        }
        Estimate boot = Metrics.bootstrap(values, clusters, 1000, 42);
        Estimate normal = Metrics.mean(values);
        assertThat(boot).isEqualTo(Metrics.bootstrap(values, clusters, 1000, 42));
        assertThat(boot.mean()).isEqualTo(normal.mean());
        assertThat(boot.low()).isLessThan(boot.mean());
        assertThat(boot.high()).isGreaterThan(boot.mean());
        assertThat(boot.ci95()).isCloseTo(normal.ci95(), within(normal.ci95() * 0.15));

        Estimate constant = Metrics.bootstrap(new double[] {1, 1, 1}, new int[] {0, 0, 1}, 200, 1);
        assertThat(constant.ci95()).isZero();
        assertThat(constant.mean()).isEqualTo(1.0);
    }

    @Test
    void bootstrapResamplesExamplesNotRows() {
        // two examples: one with ten hits, one with ten misses; rows are perfectly correlated within
        // an example, so the cluster bootstrap sees two observations and a wide interval
        double[] values = new double[20];
        int[] clusters = new int[20];
        for (int i = 0; i < 20; i++) {
            values[i] = i < 10 ? 1 : 0;
            clusters[i] = i < 10 ? 0 : 1;
        }
        Estimate boot = Metrics.bootstrap(values, clusters, 2000, 3);
        assertThat(boot.low()).isEqualTo(0.0);
        assertThat(boot.high()).isEqualTo(1.0);
        assertThat(Metrics.mean(values).ci95()).isLessThan(0.3);
    }
}
