package dev.rarec.train;

import dev.rarec.data.CrsExample;
import dev.rarec.retriever.TrainableRetriever;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The SFT baseline of appendix A.2: the retriever is fine-tuned on the conversations with the NLL of their
 * targets given the history items, and nothing else. No generator is called. It is also the β = 0 point
 * of the β sweep. Checkpoints, validation and resume work as in {@link PreferenceTrainer}.
 */
public final class SftTrainer {
    private final PreferenceConfig config;
    private final TrainLoop loop;

    /** {@code config.method()} is ignored: SFT is the NLL alone whatever the method says. */
    public SftTrainer(PreferenceConfig config, TrainingListener listener) {
        this.config = config.method() == PreferenceConfig.Method.SFT ? config
                : config.toBuilder().method(PreferenceConfig.Method.SFT).groupSize(2).build();
        this.loop = new TrainLoop(this.config, listener);
    }

    /**
     * Trains from {@code initialCheckpoint}, or resumes the run saved in {@code outDir}.
     *
     * @param validation the validation NDCG@10 of a retriever (called at the start, every {@code evalEvery}
     *                   steps and after every epoch); the best retriever is saved in {@code outDir/best}
     */
    public TrainResult train(RetrieverLoader loader, Path initialCheckpoint, List<CrsExample> examples,
                             ToDoubleFunction<TrainableRetriever> validation, Path outDir) {
        return loop.run(loader, initialCheckpoint, examples, validation, outDir, new NllStep());
    }

    /** Stops the run at the next batch boundary, saving its state (e.g. from a shutdown hook). */
    public void requestStop() {
        loop.requestStop();
    }

    /** One NLL step per batch; also what {@link PreferenceTrainer} runs for method sft. */
    static final class NllStep implements TrainLoop.BatchTrainer {
        @Override
        public TrainLoop.Spend worstCase(List<CrsExample> batch) {
            return TrainLoop.Spend.NONE;
        }

        @Override
        public Map<String, Double> train(TrainableRetriever policy, List<CrsExample> batch, int epoch, int position, RunState state) {
            List<List<Integer>> histories = new ArrayList<>(batch.size());
            List<List<Integer>> targets = new ArrayList<>(batch.size());
            for (CrsExample e : batch) {
                histories.add(e.historyItems());
                targets.add(e.targets());
            }
            float loss = policy.step(m -> NegativeLogLikelihood.loss(policy.scores(m, histories, true), targets));
            return Map.of("loss", (double) loss);
        }
    }
}
