package dev.rarec.bench;

import dev.rarec.train.PretrainConfig;
import dev.rarec.train.PretrainResult;
import dev.rarec.train.Pretrainer;
import dev.rarec.train.ResidentMemory;
import dev.rarec.train.TrainingListener;
import dev.rarec.retriever.RetrieverConfig;
import dev.rarec.retriever.SequentialRetriever;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Pretraining throughput and memory in the CRS setting: the CRS retriever configuration (text tower over
 * synthetic 384-dimensional embeddings, history 64) trained by {@link Pretrainer} with 100 sampled plus
 * in-batch negatives on synthetic sessions. Reports training windows per second (validation excluded) and
 * resident memory at the end of every epoch, which should stay flat.
 */
public final class ThroughputBenchmark {
    private ThroughputBenchmark() {}

    public record Result(String model, int items, int textDim, int sequences, int epochs, int batchSize,
                         double sequencesPerSecond, List<Double> rssMbAtEpochEnds, double peakRssMb, double wallSeconds) {}

    public static Result run(String model, int items, int textDim, int sequences, int epochs, long seed, Path workDir) {
        Random rng = new Random(seed);
        float[][] text = TrainingThroughput.syntheticText(items, textDim, rng);
        List<int[]> train = TrainingThroughput.syntheticSessions(items, sequences, rng);
        List<int[]> valid = train.subList(0, Math.min(64, train.size()));
        PretrainConfig cfg = PretrainConfig.defaults().withEpochs(epochs).withSeed(seed).withValidation(0, epochs + 1, 64);
        List<Double> rss = new ArrayList<>();
        TrainingListener listener = (phase, done, total, metrics) -> {
            if (done == total) rss.add(ResidentMemory.currentMb());
        };
        long start = System.nanoTime();
        try (SequentialRetriever retriever = SequentialRetriever.create(RetrieverConfig.crs(model), items, text, seed)) {
            PretrainResult result = Pretrainer.run(retriever, train, valid, cfg, workDir, listener);
            return new Result(model, items, textDim, sequences, epochs, cfg.batchSize(), result.trainSequencesPerSecond(), rss,
                    ResidentMemory.peakMb(), (System.nanoTime() - start) / 1e9);
        }
    }

}
