package dev.rarec.eval;

import dev.rarec.data.CrsExample;
import dev.rarec.generator.Pipeline;
import dev.rarec.generator.GeneratorUnavailableException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class EvaluatorTest {

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    private static EvalOptions options(int concurrency) {
        return new EvalOptions(5, List.of(1, 5, 10), concurrency, Set.of(), "toy", "reverse");
    }

    @Test
    void handWorkedExamples() {
        List<String> progress = new ArrayList<>();
        EvalResult r = Evaluator.evaluate(EvalFixtures.pipeline(), EvalFixtures.handExamples(), options(1), progress::add);

        assertThat(r.rows()).containsExactly(
                new TargetRow("e1#1", 4, 0, 4),
                new TargetRow("e2#1", 1, 4, 0),
                new TargetRow("e2#1", 7, -1, -1),
                new TargetRow("e5#1", 0, 4, 0),
                new TargetRow("e5#1", 3, 1, 3));
        assertThat(r.examples()).isEqualTo(5);
        assertThat(r.examplesEvaluated()).isEqualTo(3);
        assertThat(r.examplesWithoutTargets()).isEqualTo(1);
        assertThat(r.excludedTargets()).isEqualTo(1);
        assertThat(r.failures()).isEqualTo(1);
        assertThat(r.failedExamples()).containsExactly(new EvalResult.Failure("e4#1", "endpoint kept failing"));
        assertThat(r.targets()).as("the failed example's target stays in the denominator").isEqualTo(6);
        assertThat(r.failedTargets()).isEqualTo(1);

        double sum5 = 1 + 1 / log2(6) + 0 + 1 / log2(6) + 1 / log2(3);
        assertThat(r.answeredMetrics().get("ndcg@5").mean()).isCloseTo(sum5 / 5, within(1e-12));
        assertThat(r.answeredMetrics().get("ndcg@1").mean()).isCloseTo(0.2, within(1e-12));
        assertThat(r.answeredMetrics().get("recall@1").mean()).isCloseTo(0.2, within(1e-12));
        assertThat(r.answeredMetrics().get("recall@5").mean()).isCloseTo(0.8, within(1e-12));
        assertThat(r.answeredMetrics().get("recall@10").mean()).isCloseTo(0.8, within(1e-12));
        // over all examples the failure scores 0
        assertThat(r.metrics().get("ndcg@5").mean()).isCloseTo(sum5 / 6, within(1e-12));
        assertThat(r.metrics().get("recall@5").mean()).isCloseTo(4.0 / 6, within(1e-12));
        assertThat(r.mean("ndcg@5")).isEqualTo(r.metrics().get("ndcg@5").mean());
        assertThat(r.metrics().get("ndcg@5").ci95()).isPositive();

        assertThat(r.candidateRecall().keySet()).containsExactly("recall@1", "recall@5");
        assertThat(r.candidateRecall().get("recall@1").mean()).isCloseTo(0.4, within(1e-12));
        assertThat(r.candidateRecall().get("recall@5").mean()).isCloseTo(0.8, within(1e-12));

        assertThat(r.generatedLines()).isEqualTo(18);
        assertThat(r.hallucinatedLines()).isEqualTo(3);
        assertThat(r.hallucinationRate()).isCloseTo(3.0 / 18, within(1e-12));
        assertThat(r.generator()).isEqualTo("reverse");
        assertThat(r.ciMethod()).isEqualTo("normal");
        assertThat(r.groups()).isEmpty();
        assertThat(r.timings().totalP50()).isPositive();
        assertThat(r.timings().totalP99()).isGreaterThanOrEqualTo(r.timings().totalP50());
        assertThat(progress).first().asString().contains("evaluating 5 examples");
        assertThat(progress).last().asString().contains("done").contains("1 failed");
    }

    @Test
    void popularityGroupsSplitUnseenTargets() {
        EvalOptions o = options(1).withPopularity(Set.of(0, 1, 3));
        EvalResult r = Evaluator.evaluate(EvalFixtures.pipeline(), EvalFixtures.handExamples(), o, s -> {});
        // unseen: targets 4 (rank 0) and 7 (absent); seen: 1 (rank 4), 0 (rank 4), 3 (rank 1), and e4's 1 (failed: a miss)
        assertThat(r.groups().keySet()).containsExactly(EvalResult.UNSEEN, EvalResult.SEEN);
        EvalResult.Group unseen = r.groups().get(EvalResult.UNSEEN);
        EvalResult.Group seen = r.groups().get(EvalResult.SEEN);
        assertThat(unseen.targets()).isEqualTo(2);
        assertThat(seen.targets()).isEqualTo(4);
        assertThat(unseen.metrics().get("ndcg@5").mean()).isCloseTo(0.5, within(1e-12));
        assertThat(seen.metrics().get("ndcg@5").mean()).isCloseTo((2 / log2(6) + 1 / log2(3)) / 4, within(1e-12));
        assertThat(seen.metrics().get("recall@1").mean()).isZero();
    }

    @Test
    void anythingButAGeneratorExceptionStopsTheRun() {
        List<CrsExample> examples = new ArrayList<>(EvalFixtures.manyExamples(20));
        examples.add(7, EvalFixtures.example("bug", "BUG here", List.of(), List.of(1)));
        for (int threads : new int[] {1, 3}) {
            assertThatThrownBy(() -> Evaluator.evaluate(EvalFixtures.pipeline(), examples, options(threads), s -> {}))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("a bug");
        }
    }

    @Test
    void aGeneratorThatCannotWorkStopsTheRunInsteadOfFailingEveryExample() {
        List<Integer> calls = java.util.Collections.synchronizedList(new ArrayList<>());
        Pipeline misconfigured = new Pipeline(EvalFixtures.corpus(), new EvalFixtures.FixedOrderRetriever(), new dev.rarec.generator.Generator() {
            @Override
            public String name() {
                return "builtin";
            }

            @Override
            public dev.rarec.generator.Ranking rank(List<dev.rarec.data.Turn> context, List<dev.rarec.corpus.Movie> candidates) {
                calls.add(1);
                throw new GeneratorUnavailableException("embedding dimensions differ (384 vs 768): the conversation encoder must be "
                        + "the model the item embeddings were made with");
            }
        });
        for (int threads : new int[] {1, 3}) {
            calls.clear();
            assertThatThrownBy(() -> Evaluator.evaluate(misconfigured, EvalFixtures.manyExamples(40), options(threads), s -> {}))
                    .isInstanceOf(GeneratorUnavailableException.class).hasMessageContaining("dimensions differ");
            assertThat(calls.size()).as("stops at the first example, not after all of them").isLessThanOrEqualTo(threads);
        }
    }

    @Test
    void itemsSeenInTrainingAreHistoriesAndTargets() {
        assertThat(Evaluator.itemsSeenIn(EvalFixtures.handExamples())).containsExactlyInAnyOrder(0, 1, 2, 3, 4, 7);
    }

    @Test
    void concurrencyGivesTheSameOrderedResult() {
        Pipeline pipeline = EvalFixtures.pipeline();
        List<CrsExample> examples = EvalFixtures.manyExamples(120);
        EvalOptions serial = options(1).withPopularity(Set.of(1, 2, 3)).withBootstrap(200, 9);
        EvalResult a = Evaluator.evaluate(pipeline, examples, serial, s -> {});
        EvalResult b = Evaluator.evaluate(pipeline, examples, serial.withConcurrency(4), s -> {});
        EvalResult c = Evaluator.evaluate(pipeline, examples, serial.withConcurrency(3), s -> {});

        assertThat(a.failures()).isPositive();
        assertThat(a.targets()).isGreaterThan(100);
        for (EvalResult other : List.of(b, c)) {
            assertThat(other.rows()).isEqualTo(a.rows());
            assertThat(other.metrics()).isEqualTo(a.metrics());
            assertThat(other.candidateRecall()).isEqualTo(a.candidateRecall());
            assertThat(other.groups()).isEqualTo(a.groups());
            assertThat(other.failedExamples()).isEqualTo(a.failedExamples());
            assertThat(other.hallucinatedLines()).isEqualTo(a.hallucinatedLines());
        }
        assertThat(a.ciMethod()).isEqualTo("bootstrap-200");
    }

    @Test
    void sweepEvaluatesEverySize() {
        SweepResult s = Evaluator.sweep(EvalFixtures.pipeline(), EvalFixtures.handExamples(), new int[] {2, 5, 8},
                options(2), m -> {});
        assertThat(s.sizes()).containsExactly(2, 5, 8);
        assertThat(s.results()).extracting(EvalResult::retrievalSize).containsExactly(2, 5, 8);
        assertThat(s.results().get(1).rows()).isEqualTo(
                Evaluator.evaluate(EvalFixtures.pipeline(), EvalFixtures.handExamples(), options(1), m -> {}).rows());
        // a larger candidate set can only catch more targets
        double r2 = s.results().get(0).candidateRecall().get("recall@2").mean();
        double r8 = s.results().get(2).candidateRecall().get("recall@8").mean();
        assertThat(r8).isGreaterThan(r2);
        assertThat(s.results().get(2).candidateRecall().get("recall@8").mean()).isCloseTo(1.0, within(1e-12));
    }
}
