package dev.rarec.train;

import dev.rarec.corpus.Movie;
import dev.rarec.data.Turn;
import dev.rarec.generator.CandidateSource;
import dev.rarec.generator.Generator;
import dev.rarec.generator.Pipeline;
import dev.rarec.generator.Ranking;
import dev.rarec.retriever.Retriever;
import dev.rarec.retriever.ScoredItem;
import dev.rarec.train.PreferenceConfig.Budget;
import dev.rarec.train.PreferenceConfig.Method;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import dev.rarec.understanding.UserIntent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PreferenceTrainerTest {
    @TempDir
    Path tmp;

    private static PreferenceConfig config(Method method) {
        return PreferenceConfig.defaults(method).toBuilder()
                .beta(0.1).k(5).epochs(6).batchSize(6).evalEvery(5).warmupSteps(0).learningRate(3.0)
                .resampleLimit(2).groupSize(method == Method.GRPO ? 4 : 2).seed(9).build();
    }

    private TrainResult run(Synthetic data, PreferenceConfig config, Generator generator, Path out, int concurrency) {
        return new PreferenceTrainer(config, data.pipelines(generator), data.corpus, TrainingListener.SILENT).optConcurrency(concurrency)
                .train(Synthetic.loader(0.2f), Synthetic.initialCheckpoint(tmp), data.train,
                        data.validationNdcg(), out);
    }

    private static double targetLogProb(Path checkpoint, Synthetic data) {
        try (TinyRetriever r = TinyRetriever.load(checkpoint, 0.5f, 0)) {
            return Synthetic.meanTargetLogProb(r, data.train);
        }
    }

    private static float[] scoresOf(Path checkpoint) {
        try (TinyRetriever r = TinyRetriever.load(checkpoint, 0.5f, 0)) {
            List<Float> all = new ArrayList<>();
            for (int a = 0; a < Synthetic.N; a++) for (float f : r.score(List.of(a))) all.add(f);
            float[] out = new float[all.size()];
            for (int i = 0; i < out.length; i++) out[i] = all.get(i);
            return out;
        }
    }

    @Test
    void dpoRaisesTheRewardAndTheTargetLikelihood() {
        Synthetic data = new Synthetic();
        Path out = tmp.resolve("dpo");
        double before = targetLogProb(Synthetic.initialCheckpoint(tmp), data);
        TrainResult r = run(data, config(Method.DPO), data.generator(""), out, 4);

        assertThat(r.completed()).isTrue();
        assertThat(r.steps()).isEqualTo(6 * 10);
        assertThat(r.meanRewardByEpoch()).hasSize(6);
        assertThat(r.meanRewardByEpoch().get(5)).isGreaterThan(r.meanRewardByEpoch().get(0) + 0.1);
        assertThat(targetLogProb(out.resolve("last"), data)).isGreaterThan(before + 0.5);
        assertThat(r.bestValidation()).isGreaterThan(data.validationNdcg().applyAsDouble(
                TinyRetriever.load(Synthetic.initialCheckpoint(tmp), 0.5f, 0)));
        assertThat(Files.isRegularFile(out.resolve("best").resolve("best.json"))).isTrue();
        assertThat(r.generatorCalls()).isEqualTo(data.calls.get()).isGreaterThanOrEqualTo(60L * 6 * 2 - r.cacheHits());
        assertThat(r.skippedExamples()).isZero();
    }

    @Test
    void setsAreDrawnOutsideWhatThePipelineNeverRecommendsAndTheFirstDrawsAreCounted() {
        Synthetic data = new Synthetic();
        Set<Integer> ruledOut = Set.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        List<Integer> shown = Collections.synchronizedList(new ArrayList<>());
        Generator hidden = data.generator("");
        Generator recording = new Generator() {
            @Override
            public String name() {
                return "recording";
            }

            @Override
            public Ranking rank(List<Turn> context, List<Movie> candidates) {
                for (Movie m : candidates) shown.add(m.id());
                return hidden.rank(context, candidates);
            }
        };
        PreferenceConfig c = config(Method.DPO).toBuilder().epochs(1).build();
        TrainResult r = new PreferenceTrainer(c, p -> new Pipeline(data.corpus, p, recording, new RulingOut(p, ruledOut), null),
                data.corpus, TrainingListener.SILENT)
                .train(Synthetic.loader(0.2f), Synthetic.initialCheckpoint(tmp), data.train, data.validationNdcg(), tmp.resolve("out"));

        assertThat(shown).hasSizeGreaterThan(100).doesNotContainAnyElementsOf(ruledOut);
        TrainResult.FirstDraws first = r.firstDraws();
        assertThat(first.groups()).isEqualTo(60);
        assertThat(first.sets()).isEqualTo(120);
        assertThat(first.withTarget()).isStrictlyBetween(0.0, 1.0);
        assertThat(first.rewardMean()).isCloseTo(r.meanRewardByEpoch().get(0), org.assertj.core.data.Offset.offset(1e-12));
        assertThat(first.rewardStd()).isPositive();
        // one target per example: a first pair without preference is one whose rewards are equal, and it is re-drawn
        assertThat(first.tied()).isStrictlyBetween(0.0, 1.0);
        assertThat(r.resampled()).isGreaterThanOrEqualTo(Math.round(first.tied() * first.groups()));
    }

    /** The paper's candidates with some items never offered. */
    private record RulingOut(Retriever retriever, Set<Integer> ruledOut) implements CandidateSource {
        @Override
        public String name() {
            return "ruling-out";
        }

        @Override
        public boolean readsIntent() {
            return false;
        }

        @Override
        public CandidateSource withRetriever(Retriever other) {
            return new RulingOut(other, ruledOut);
        }

        @Override
        public List<ScoredItem> candidates(List<Turn> context, List<Integer> historyItems, UserIntent intent, int k) {
            return dev.rarec.retriever.TopK.select(retriever.score(historyItems), k, excluded(context, historyItems, intent));
        }

        @Override
        public Set<Integer> excluded(List<Turn> context, List<Integer> historyItems, UserIntent intent) {
            Set<Integer> out = new HashSet<>(historyItems);
            out.addAll(ruledOut);
            return out;
        }
    }

    @Test
    void grpoRaisesTheReward() {
        Synthetic data = new Synthetic();
        TrainResult r = run(data, config(Method.GRPO), data.generator(""), tmp.resolve("grpo"), 4);
        assertThat(r.meanRewardByEpoch().get(5)).isGreaterThan(r.meanRewardByEpoch().get(0) + 0.1);
        assertThat(r.generatorCalls() + r.cacheHits()).isEqualTo(60L * 6 * 4);
        assertThat(r.resampled()).isZero();
    }

    @Test
    void simpoAndTheReferenceModelTrain() {
        Synthetic data = new Synthetic();
        TrainResult simpo = run(data, config(Method.SIMPO).toBuilder().epochs(2).build(),
                data.generator(""), tmp.resolve("simpo"), 2);
        assertThat(simpo.completed()).isTrue();
        assertThat(simpo.meanRewardByEpoch()).hasSize(2);

        List<Path> opened = Collections.synchronizedList(new ArrayList<>());
        RetrieverLoader recording = (dir, opt, steps) -> {
            opened.add(dir);
            return TinyRetriever.load(dir, 0.5f, 0.1f);
        };
        PreferenceConfig withRef = config(Method.DPO).toBuilder().epochs(1).referenceModel(true).build();
        Path init = Synthetic.initialCheckpoint(tmp);
        TrainResult dpo = new PreferenceTrainer(withRef, data.pipelines(data.generator("")), data.corpus, TrainingListener.SILENT)
                .train(recording, init, data.train, data.validationNdcg(), tmp.resolve("dpo-ref"));
        assertThat(dpo.completed()).isTrue();
        assertThat(opened).containsExactly(init, init);
    }

    @Test
    void sameSeedSameRunWhateverTheConcurrency() {
        Synthetic data = new Synthetic();
        PreferenceConfig c = config(Method.DPO).toBuilder().epochs(2).build();
        TrainResult a = run(data, c, data.generator(""), tmp.resolve("a"), 4);
        TrainResult b = run(data, c, data.generator(""), tmp.resolve("b"), 1);
        assertThat(scoresOf(tmp.resolve("a/last"))).containsExactly(scoresOf(tmp.resolve("b/last")));
        assertThat(b.meanRewardByEpoch()).isEqualTo(a.meanRewardByEpoch());
        assertThat(b.generatorCalls()).isEqualTo(a.generatorCalls());
        assertThat(b.bestValidation()).isEqualTo(a.bestValidation());
    }

    @Test
    void aRunStoppedAtItsBudgetResumesToTheSameResult() {
        Synthetic data = new Synthetic();
        PreferenceConfig c = config(Method.DPO).toBuilder().epochs(2).build();
        TrainResult whole = run(data, c, data.generator(""), tmp.resolve("whole"), 4);

        Path out = tmp.resolve("parts");
        TrainResult first = run(data, c.withBudget(new Budget(100, Long.MAX_VALUE)), data.generator(""), out, 4);
        assertThat(first.stoppedByBudget()).isTrue();
        assertThat(first.completed()).isFalse();
        assertThat(first.generatorCalls()).isLessThanOrEqualTo(100).isGreaterThan(0);
        TrainResult again = run(data, c.withBudget(new Budget(100, Long.MAX_VALUE)), data.generator(""), out, 4);
        assertThat(again.stoppedByBudget()).isTrue();
        assertThat(again.steps()).isEqualTo(first.steps());

        TrainResult rest = run(data, c, data.generator(""), out, 4);
        assertThat(rest.completed()).isTrue();
        assertThat(scoresOf(out.resolve("last"))).containsExactly(scoresOf(tmp.resolve("whole/last")));
        assertThat(scoresOf(out.resolve("best"))).containsExactly(scoresOf(tmp.resolve("whole/best")));
        assertThat(rest.steps()).isEqualTo(whole.steps());
        assertThat(rest.generatorCalls()).isEqualTo(whole.generatorCalls());
        assertThat(rest.meanRewardByEpoch()).isEqualTo(whole.meanRewardByEpoch());
        assertThat(rest.bestValidation()).isEqualTo(whole.bestValidation());
        assertThat(rest.bestStep()).isEqualTo(whole.bestStep());

        TrainResult done = run(data, c, data.generator(""), out, 4);
        assertThat(done.steps()).isEqualTo(whole.steps());
        assertThatThrownBy(() -> run(data, c.toBuilder().beta(0.2).build(), data.generator(""), out, 4))
                .hasMessageContaining("another config");
    }

    @Test
    void aWarmGeneratorCacheCostsNothingAgainstTheBudget() {
        Synthetic data = new Synthetic();
        Synthetic.CachedGenerator generator = new Synthetic.CachedGenerator(data.generator(""));
        PreferenceConfig c = config(Method.DPO).toBuilder().epochs(1).build();
        TrainResult cold = new PreferenceTrainer(c, data.pipelines(generator), data.corpus, TrainingListener.SILENT).optUsage(generator)
                .train(Synthetic.loader(0.1f), Synthetic.initialCheckpoint(tmp), data.train, data.validationNdcg(), tmp.resolve("cold"));
        assertThat(cold.tokensMeasured()).isTrue();
        assertThat(cold.requests()).isEqualTo(generator.requests()).isPositive();
        assertThat(cold.tokens()).isEqualTo(100 * cold.requests());

        // The same run again: every ranking is in the cache, so a budget of 40 requests (enough for the worst case
        // of one batch, 6 x 2 x 3) is never reached.
        assertThat(cold.requests()).isGreaterThan(40);
        TrainResult warm = new PreferenceTrainer(c.withBudget(new Budget(40, Long.MAX_VALUE)), data.pipelines(generator),
                data.corpus, TrainingListener.SILENT).optUsage(generator)
                .train(Synthetic.loader(0.1f), Synthetic.initialCheckpoint(tmp), data.train, data.validationNdcg(), tmp.resolve("warm"));
        assertThat(warm.completed()).isTrue();
        assertThat(warm.requests()).isZero();
        assertThat(warm.cacheHits()).isGreaterThanOrEqualTo(warm.generatorCalls());
        assertThat(warm.generatorCalls()).isEqualTo(cold.generatorCalls());
    }

    @Test
    void tokenBudgetStopsTheRunToo() {
        Synthetic data = new Synthetic();
        TrainResult r = run(data, config(Method.GRPO).withBudget(new Budget(Long.MAX_VALUE, 20_000)),
                data.generator(""), tmp.resolve("tokens"), 4);
        assertThat(r.stoppedByBudget()).isTrue();
        assertThat(r.tokens()).isLessThanOrEqualTo(20_000).isGreaterThan(0);
    }

    @Test
    void aFailedGeneratorCallSkipsItsExample() {
        Synthetic data = new Synthetic();
        // Only the history [3] of example t3 prints as "[3]".
        TrainResult r = run(data, config(Method.GRPO).toBuilder().epochs(2).build(),
                data.generator("[3]"), tmp.resolve("fail"), 4);
        assertThat(r.completed()).isTrue();
        assertThat(r.skippedExamples()).isEqualTo(2);
    }

    @Test
    void pairsWithoutALabelAreResampledThenLeftToTheNll() {
        Synthetic data = new Synthetic();
        PreferenceConfig c = config(Method.DPO).toBuilder().k(1).epochs(1).learningRate(0.3).build();
        TrainResult r = run(data, c, data.generator(""), tmp.resolve("resample"), 4);
        assertThat(r.resampled()).isPositive().isLessThanOrEqualTo(60L * 2);
        assertThat(r.noPreference()).isPositive().isLessThan(60);
        assertThat(r.generatorCalls() + r.cacheHits()).isEqualTo(2 * (60 + r.resampled()));
        assertThat(r.steps()).isEqualTo(10);
    }

    @Test
    void estimateCountsTrainingAndValidationCallsBeforeTheRun() {
        Synthetic data = new Synthetic();
        java.util.function.Function<dev.rarec.data.CrsExample, List<dev.rarec.corpus.Movie>> firstFive =
                e -> data.corpus.movies().subList(0, 5);
        BudgetEstimate dpo = PreferenceTrainer.estimate(config(Method.DPO), data.train, 30, firstFive);
        assertThat(dpo.examples()).isEqualTo(60);
        assertThat(dpo.trainingCalls()).isEqualTo(60L * 6 * 2);
        // 10 steps an epoch, 6 epochs, validating at the start and every 5 steps: 13 validations of 30 calls
        assertThat(dpo.validations()).isEqualTo(13);
        assertThat(dpo.expectedCalls()).isEqualTo(60L * 6 * 2 + 13 * 30);
        assertThat(dpo.maxCalls()).isEqualTo(60L * 6 * 2 * 3 + 13 * 30);
        assertThat(dpo.tokensPerCall()).isBetween(150L, 600L);
        assertThat(dpo.maxTokens()).isEqualTo(dpo.maxCalls() * dpo.tokensPerCall());
        BudgetEstimate capped = PreferenceTrainer.estimate(config(Method.GRPO).toBuilder().maxExamples(10).build(), data.train, 0, firstFive);
        assertThat(capped.expectedCalls()).isEqualTo(capped.maxCalls()).isEqualTo(10L * 6 * 4);
        assertThat(PreferenceTrainer.estimate(config(Method.SFT), data.train, 30, firstFive).maxCalls()).isZero();
        assertThat(dpo.describe()).contains("1,110 generator calls");
    }
}
