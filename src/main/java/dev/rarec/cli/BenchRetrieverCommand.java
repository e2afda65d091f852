package dev.rarec.cli;

import dev.rarec.data.Ml1mSequences;
import dev.rarec.bench.LatencyBenchmark;
import dev.rarec.bench.PlackettLuceBenchmark;
import dev.rarec.retriever.RetrieverConfig;
import dev.rarec.retriever.SequentialRetriever;
import dev.rarec.train.PretrainConfig;
import dev.rarec.train.PortableCheckpoint;
import dev.rarec.train.PretrainRecipe;
import dev.rarec.train.PretrainResult;
import dev.rarec.train.Pretrainer;
import dev.rarec.train.ResidentMemory;
import dev.rarec.bench.ThroughputBenchmark;
import dev.rarec.train.SequenceMetrics;
import dev.rarec.train.TrainingListener;
import dev.rarec.util.Evidence;
import dev.rarec.util.Hashing;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rarec bench-retriever}: trains a retriever on ml-1m with the LRURec protocol (id-only, leave-one-out,
 * full ranking with history masked) and writes its test metrics to {@code docs/results/ml-1m-<model>.json}.
 */
@Command(name = "bench-retriever", mixinStandardHelpOptions = true,
        description = "Benchmark a sequential retriever on ml-1m with the LRURec protocol (id-only, leave-one-out, full ranking).")
public final class BenchRetrieverCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--dataset", defaultValue = "ml-1m", description = "Dataset (only ml-1m).")
    String dataset;

    @Option(names = "--model", defaultValue = "lrurec", description = "lrurec, sasrec, gru4rec, fmlprec or bert4rec (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--epochs", defaultValue = "30", description = "Epochs; the cosine schedule spans them (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--max-minutes", defaultValue = "0", description = "Stop training (after a validation and a test) once this invocation has run this many minutes; a resumed run counts afresh (0 = no limit).")
    double maxMinutes;

    @Option(names = "--batch-size", defaultValue = "128", description = "Training batch size (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--max-len", defaultValue = "200", description = "History length (default: ${DEFAULT-VALUE}).")
    int maxLen;

    @Option(names = "--validate-every", defaultValue = "0", description = "Validate every N steps (0 = every epoch).")
    int validateEvery;

    @Option(names = "--patience", defaultValue = "10", description = "Validations without improvement before stopping (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--max-valid", defaultValue = "0", description = "Validate on at most this many users (0 = all).")
    int maxValid;

    @Option(names = "--recipe", defaultValue = "default", description = "default (this project's: every transition, length-bucketed "
            + "batches, warm-up + cosine, best NDCG@10) or lrurec-code (the LRURec authors' windows, random batches, constant rate, "
            + "clipping at 5, ε 1e-9, best Recall@10) (default: ${DEFAULT-VALUE}).")
    String recipe;

    @Option(names = "--carry", description = "A packed run state (a few MB, meant to be committed) that carries a run longer than a "
            + "session to the next machine: the run resumes from it when its run folder holds no state, and it is rewritten when the run stops.")
    Path carry;

    @Option(names = "--out", defaultValue = "docs/results", description = "Folder of the result JSON (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--latency", description = "Instead of training: top-25 retrieval latency over synthetic corpora of --items items.")
    boolean latency;

    @Option(names = "--plackett-luce", description = "Instead of ml-1m: the Plackett-Luce sampling and log-likelihood cost of one RL step "
            + "at the corpus sizes of --pl-items (groups of 2 and 8, medians of --runs after 3 warm-ups).")
    boolean plackettLuce;

    @Option(names = "--pl-items", split = ",", defaultValue = "20000,50000,100000", description = "Corpus sizes for --plackett-luce (default: ${DEFAULT-VALUE}).")
    List<Integer> plItems;

    @Option(names = "--throughput", description = "Instead of ml-1m: CRS-setting pretraining throughput and memory on synthetic sessions.")
    boolean throughput;

    @Option(names = "--items", split = ",", defaultValue = "113314,337731", description = "Corpus sizes (the built corpus has 113,314 items) for --latency / --throughput (default: ${DEFAULT-VALUE}).")
    List<Integer> items;

    @Option(names = "--text-dim", defaultValue = "384", description = "Synthetic text embedding dimension (default: ${DEFAULT-VALUE}).")
    int textDim;

    @Option(names = "--runs", defaultValue = "5", description = "Latency runs; medians are reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--queries", defaultValue = "200", description = "Single queries per latency run (default: ${DEFAULT-VALUE}).")
    int queries;

    @Option(names = "--latency-batch", defaultValue = "256", description = "Batch size of the batched latency figure (default: ${DEFAULT-VALUE}).")
    int latencyBatch;

    @Option(names = "--torch-threads", defaultValue = "1", description = "PyTorch intra-op threads (default: ${DEFAULT-VALUE}, or "
            + "-Dai.djl.pytorch.num_threads when given without this option). "
            + "On a shared machine one thread is far faster: two threads spin at every op's barrier while the other is descheduled.")
    int torchThreads;

    @Spec
    CommandSpec spec;

    @Option(names = "--sequences", defaultValue = "2000", description = "Synthetic sessions for --throughput (default: ${DEFAULT-VALUE}).")
    int sequences;

    @Option(names = "--allow-dirty", description = "Write the result JSON under docs/results even when tracked files have uncommitted changes (it records gitDirty: true).")
    boolean allowDirty;

    @Override
    public Integer call() throws IOException {
        // must happen before the PyTorch engine loads. The launcher always passes a -D setting (one thread), so the
        // option, when given, wins over it; without the option an explicit -D setting is kept.
        if (spec.commandLine().getParseResult().hasMatchedOption("--torch-threads") || System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", String.valueOf(torchThreads));
        }
        if (System.getProperty("ai.djl.pytorch.num_interop_threads") == null) System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        if (latency) return latency();
        if (throughput) return throughput();
        if (plackettLuce) return plackettLuce();
        if (!dataset.equals("ml-1m")) throw new IllegalArgumentException("--dataset: only ml-1m is supported, got " + dataset);
        PrintStream err = System.err;
        Ml1mSequences data = Ml1mSequences.read(common.dataDir());
        RetrieverConfig cfg = RetrieverConfig.idOnly(model, maxLen);
        PretrainRecipe pretrainRecipe = switch (recipe) {
            case "default" -> PretrainRecipe.DEFAULT;
            case "lrurec-code" -> PretrainRecipe.LRUREC_CODE;
            default -> throw new IllegalArgumentException("--recipe: expected default or lrurec-code, got " + recipe);
        };
        PretrainConfig pcfg = PretrainConfig.lruRecProtocol(epochs, maxMinutes, common.seed())
                .withBatchSize(batchSize).withValidation(validateEvery, patience, maxValid).withRecipe(pretrainRecipe);
        String suffix = pretrainRecipe == PretrainRecipe.DEFAULT ? "" : "-" + recipe;
        Path runDir = common.home().run("bench-" + dataset + "-" + cfg.model() + suffix + "-seed" + common.seed());
        err.printf("ml-1m: %d users, %d items; %s; run folder %s%n", data.sequences().size(), data.numItems(), cfg, runDir);
        long start = System.nanoTime();
        RssSampler rss = new RssSampler();
        if (carry != null && PortableCheckpoint.unpackIfFresh(carry, runDir)) err.println("unpacked " + carry + " into " + runDir);
        try (SequentialRetriever retriever = SequentialRetriever.create(cfg, data.numItems(), null, common.seed())) {
            PretrainResult result = Pretrainer.run(retriever, data.train(), data.validation(), pcfg, runDir, new ConsoleListener(err, rss));
            if (carry != null) {
                PortableCheckpoint.pack(runDir, carry);
                err.printf("packed %s into %s (%.1f MB)%n", runDir, carry, Files.size(carry) / 1e6);
            }
            err.println("testing the best checkpoint (step " + result.bestStep() + ")");
            Map<String, Double> test = SequenceMetrics.evaluate(retriever, data.test(), 256);
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("dataset", "ml-1m (" + Ml1mSequences.FILE + ")");
            json.put("model", cfg.model());
            json.putAll(test);
            json.put("seed", common.seed());
            json.put("epochs", result.epochs());
            json.put("epochsPlanned", epochs);
            json.put("steps", result.steps());
            json.put("stopReason", result.stopReason());
            json.put("wallSeconds", result.wallSeconds());
            json.put("totalSecondsThisInvocation", (System.nanoTime() - start) / 1e9);
            // windows: the trainer counts training windows (a long history gives several); pauses inside a step count as training time
            json.put("trainWindowsPerSecond", result.trainSequencesPerSecond());
            json.put("peakRssMb", ResidentMemory.peakMb());
            json.put("rssMbAtEpochEnds", rss.samples());
            // the LRURec code masks only the input window's items at test time; the same checkpoint measured that way
            json.put("testMaskingTheWindowOnly", SequenceMetrics.evaluate(retriever, data.test(), 256, maxLen));
            json.put("bestStep", result.bestStep());
            Map<String, Double> validation = new LinkedHashMap<>();
            result.bestValidation().forEach((k, v) -> validation.put(k, v));
            json.put("validation", validation);
            json.put("validationHistory", result.history());
            json.put("retrieverConfig", cfg);
            json.put("pretrainConfig", pcfg);
            json.put("parameters", retriever.parameterCount());
            json.put("reference", reference(cfg.model()));
            json.put("command", "rarec bench-retriever --dataset ml-1m --model " + cfg.model() + " --epochs " + epochs
                    + (maxMinutes > 0 ? " --max-minutes " + maxMinutes : "") + (maxValid > 0 ? " --max-valid " + maxValid : "")
                    + (validateEvery > 0 ? " --validate-every " + validateEvery : "") + " --patience " + patience
                    + (suffix.isEmpty() ? "" : " --recipe " + recipe) + " --seed " + common.seed()
                    + " --torch-threads " + System.getProperty("ai.djl.pytorch.num_threads"));
            json.put("dataSha256", Hashing.sha256(common.dataDir().resolve(Ml1mSequences.FILE)));
            json.put("machine", Runtime.getRuntime().availableProcessors() + " cores (shared), PyTorch intra-op threads " + System.getProperty("ai.djl.pytorch.num_threads"));
            Path file = out.resolve("ml-1m-" + cfg.model() + suffix + ".json");
            Evidence.write(file, json, allowDirty);
            err.printf("test NDCG@10 %.5f NDCG@20 %.5f Recall@10 %.5f Recall@20 %.5f -> %s%n",
                    test.get("ndcg@10"), test.get("ndcg@20"), test.get("recall@10"), test.get("recall@20"), file);
        }
        return 0;
    }

    private int latency() {
        List<Object> results = new ArrayList<>();
        for (int n : items) {
            System.err.printf("latency: %s over %d items (text dimension %d), %d runs x %d queries%n", model, n, textDim, runs, queries);
            LatencyBenchmark.Result r = LatencyBenchmark.run(model, n, textDim, runs, queries, latencyBatch, common.seed());
            System.err.printf("  single query p50 %.2f ms, p99 %.2f ms; batch of %d %.1f ms (%.3f ms/query); peak RSS %.0f MiB%n",
                    r.singleP50Ms(), r.singleP99Ms(), latencyBatch, r.batchMs(), r.batchPerQueryMs(), ResidentMemory.peakMb());
            results.add(r);
        }
        write("retriever-latency-" + model + ".json", Map.of("command", "rarec bench-retriever --latency --model " + model + " --items "
                + items.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("") + " --runs " + runs + " --queries " + queries + " --latency-batch " + latencyBatch,
                "results", results, "machine", Runtime.getRuntime().availableProcessors() + " cores (shared)"));
        return 0;
    }

    private int throughput() {
        int n = items.get(0);
        System.err.printf("throughput: %s, %d items, %d synthetic sessions, %d epochs%n", model, n, sequences, epochs);
        Path work = common.home().run("bench-throughput-" + model + "-" + System.currentTimeMillis());
        ThroughputBenchmark.Result r = ThroughputBenchmark.run(model, n, textDim, sequences, epochs, common.seed(), work);
        System.err.printf("  %.1f sequences/s; RSS at epoch ends %s MiB; peak %.0f MiB%n", r.sequencesPerSecond(), r.rssMbAtEpochEnds(), r.peakRssMb());
        write("retriever-throughput-" + model + ".json", Map.of("command", "rarec bench-retriever --throughput --model " + model + " --items " + n
                + " --sequences " + sequences + " --epochs " + epochs, "result", r,
                "machine", Runtime.getRuntime().availableProcessors() + " cores (shared)"));
        return 0;
    }

    private int plackettLuce() {
        List<Object> results = new ArrayList<>();
        for (int n : plItems) {
            for (int g : new int[] {2, 8}) {
                PlackettLuceBenchmark.Result r = PlackettLuceBenchmark.run(n, g, 3, runs, common.seed());
                System.err.printf("plackett-luce: %,d items, %d x %d sets: sample %.0f ms, log-likelihood fwd+bwd %.0f ms (medians of %d)%n",
                        n, r.histories(), g, r.sampleMsMedian(), r.logLikelihoodMsMedian(), runs);
                results.add(r);
            }
        }
        write("plackett-luce.json", Map.of("command", "rarec bench-retriever --plackett-luce --pl-items "
                        + plItems.stream().map(String::valueOf).reduce((a, b) -> a + "," + b).orElse("") + " --runs " + runs + " --seed " + common.seed(),
                "results", results, "machine", Runtime.getRuntime().availableProcessors() + " cores (shared), PyTorch intra-op threads "
                        + System.getProperty("ai.djl.pytorch.num_threads")));
        return 0;
    }

    private void write(String name, Map<String, ?> json) {
        Evidence.write(out.resolve(name), json, allowDirty);
        System.err.println("wrote " + out.resolve(name));
    }

    private static Map<String, Double> reference(String model) {
        return switch (model) {
            case "lrurec" -> Map.of("ndcg@10", 0.19298, "ndcg@20", 0.21990, "recall@10", 0.32636, "recall@20", 0.43313);
            case "sasrec" -> Map.of("ndcg@10", 0.19021, "recall@10", 0.31810);
            default -> Map.of();
        };
    }

    /** Resident memory sampled at the end of every epoch. */
    static final class RssSampler {
        private final List<Double> samples = new ArrayList<>();

        void sample() {
            samples.add(ResidentMemory.currentMb());
        }

        List<Double> samples() {
            return samples;
        }
    }

    /** Progress lines on stderr: one every 10 steps and at the end of each epoch. */
    static final class ConsoleListener implements TrainingListener {
        private final PrintStream err;
        private final RssSampler rss;

        ConsoleListener(PrintStream err, RssSampler rss) {
            this.err = err;
            this.rss = rss;
        }

        @Override
        public void onProgress(String phase, long done, long total, Map<String, Double> metrics) {
            if (done == total) rss.sample();
            if (done % 10 == 0 || done == total) {
                StringBuilder sb = new StringBuilder(phase).append(" step ").append(done).append('/').append(total);
                metrics.forEach((k, v) -> sb.append(' ').append(k).append(' ').append(String.format("%.4g", v)));
                err.println(sb);
            }
        }

        @Override
        public void onMessage(String message) {
            err.println(message);
        }
    }
}
