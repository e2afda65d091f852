package dev.rarec.bench;

import ai.djl.pytorch.jni.JniUtils;
import dev.rarec.data.CrsExample;
import dev.rarec.data.Ml1mSequences;
import dev.rarec.retriever.RetrieverConfig;
import dev.rarec.retriever.SequentialRetriever;
import dev.rarec.train.PreferenceConfig;
import dev.rarec.train.PretrainConfig;
import dev.rarec.train.Pretrainer;
import dev.rarec.train.ResidentMemory;
import dev.rarec.train.SftTrainer;
import dev.rarec.train.TrainingListener;
import dev.rarec.util.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Pretraining throughput of two builds side by side: every measurement is a fresh JVM ({@link #main}, a
 * probe) that trains one fixed workload and prints its training windows per second, and the variants take
 * turns (before, after, after with two PyTorch threads, before, ...) so that they share the machine's load.
 * The "before" build is any classpath holding this class (see {@code scripts/build-baseline.sh}).
 *
 * <p>Workloads: {@code ml-1m} trains the LRURec protocol (id-only, history 200, batch 128, full softmax) on
 * a seeded random subset of users; {@code crs} is {@link ThroughputBenchmark}'s CRS setting (text tower over
 * synthetic embeddings, history 64, 100 sampled + in-batch negatives), one epoch; {@code sft} is the
 * fine-tuning step ({@link SftTrainer}: the NLL of eq. 6, a full softmax over a corpus-sized item set) in
 * batches of 32 as the quickstart used to run it, {@code sft-b128} in batches of 128 as it runs now, on
 * synthetic conversations over the same synthetic embeddings with the quickstart's retriever (text tower
 * and id embedding); both count examples per second.
 */
public final class TrainingThroughput {
    private TrainingThroughput() {}

    /**
     * One variant: a classpath, its PyTorch intra-op threads, and whether it runs with the C libraries' own
     * allocation defaults, without the launcher's {@link #LAUNCHER_SETTINGS}.
     */
    public record Variant(String name, String classpath, int threads, List<String> unset) {}

    /**
     * The environment the launcher ({@code ./rarec}) sets for PyTorch's and glibc's allocators (2 MB pages for
     * large tensors, and a heap that serves large blocks and keeps the memory it freed) and for MKL (the
     * preloaded library that lets it use its fast kernels on AMD processors). A probe inherits them from this JVM.
     */
    public static final List<String> LAUNCHER_SETTINGS = List.of("THP_MEM_ALLOC_ENABLE", "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "LD_PRELOAD");

    /**
     * What a probe measured: its rate, and the milliseconds of each step it timed (whether a slow probe was slow
     * throughout or in a phase; null where not timed by step, or from an old build); and the {@link MachineState}
     * measured just before it by the parent (null in the probe's own output).
     */
    public record Measurement(double windowsPerSecond, long windows, double peakRssMb, List<Double> stepMs, MachineState machineBefore) {
        Measurement(double windowsPerSecond, long windows, double peakRssMb) {
            this(windowsPerSecond, windows, peakRssMb, null, null);
        }

        Measurement after(MachineState machine) {
            return new Measurement(windowsPerSecond, windows, peakRssMb, stepMs, machine);
        }
    }

    /** The training windows one epoch of {@code sequences} makes with history {@code maxLen}, as {@link Pretrainer} cuts them. */
    public static long windowsPerEpoch(List<int[]> sequences, int maxLen) {
        long n = 0;
        for (int[] s : sequences) if (s.length >= 2) n += (s.length - 1 + maxLen - 1) / maxLen;
        return n;
    }

    /**
     * Runs {@code runs} rounds; in each, every variant measures the workload once, in the given order, each just
     * after a {@link MachineState} measurement (kept with its result).
     *
     * @return per variant name, its measurements in round order
     */
    public static Map<String, List<Measurement>> compare(List<Variant> variants, String setting, String model, int size, int runs,
                                                         long seed, Path dataDir, Path workDir) {
        Map<String, List<Measurement>> out = new LinkedHashMap<>();
        for (Variant v : variants) out.put(v.name(), new ArrayList<>());
        for (int run = 0; run < runs; run++) {
            for (Variant v : variants) {
                MachineState machine = MachineState.measure();
                out.get(v.name()).add(probe(v, setting, model, size, seed, dataDir, workDir.resolve(v.name() + "-" + setting + "-" + model + "-" + run))
                        .after(machine));
            }
        }
        return out;
    }

    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static Measurement probe(Variant v, String setting, String model, int size, long seed, Path dataDir, Path dir) {
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx6g",
                "-Dai.djl.offline=true", "-Dai.djl.pytorch.num_threads=" + v.threads(), "-Dai.djl.pytorch.num_interop_threads=1",
                "-cp", v.classpath(), TrainingThroughput.class.getName(), setting, model, String.valueOf(size), String.valueOf(seed),
                dataDir.toString(), dir.toString());
        try {
            deleteTree(dir); // a run folder left by an earlier probe would be resumed instead of trained
            Files.createDirectories(dir);
            Path log = dir.resolve("probe.log");
            ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
            pb.environment().keySet().removeAll(v.unset());
            Process p = pb.start();
            if (!p.waitFor(6, TimeUnit.HOURS)) {
                p.destroyForcibly();
                throw new IllegalStateException("probe " + v.name() + " did not finish; see " + log);
            }
            String last = null;
            for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) if (line.startsWith("{")) last = line;
            if (p.exitValue() != 0 || last == null) throw new IllegalStateException("probe " + v.name() + " failed (exit " + p.exitValue() + "); see " + log);
            return Json.MAPPER.readValue(last, Measurement.class);
        } catch (IOException e) {
            throw new UncheckedIOException("probe " + v.name() + " in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (var paths = Files.walk(dir)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** Probe entry: {@code setting model size seed dataDir workDir}; prints one JSON line (a {@link Measurement}). */
    public static void main(String[] args) throws IOException {
        String setting = args[0];
        String model = args[1];
        int size = Integer.parseInt(args[2]);
        long seed = Long.parseLong(args[3]);
        Path dataDir = Path.of(args[4]);
        Path workDir = Path.of(args[5]);
        Measurement m = switch (setting) {
            case "ml-1m" -> ml1m(model, size, seed, dataDir, workDir);
            case "crs" -> crs(model, size, seed, workDir);
            case "sft" -> sft(model, size, 32, seed, workDir);
            case "sft-b128" -> sft(model, size, 128, seed, workDir);
            default -> throw new IllegalArgumentException("setting must be ml-1m, crs, sft or sft-b128, got " + setting);
        };
        System.out.println(Json.MAPPER.writeValueAsString(m));
        System.exit(0);
    }

    /** One epoch of the LRURec protocol over a seeded random subset of users with at least {@code windows} training windows. */
    private static Measurement ml1m(String model, int windows, long seed, Path dataDir, Path workDir) {
        Ml1mSequences data = Ml1mSequences.read(dataDir);
        List<Integer> users = new ArrayList<>();
        for (int i = 0; i < data.sequences().size(); i++) users.add(i);
        Collections.shuffle(users, new Random(seed));
        List<int[]> train = new ArrayList<>();
        List<int[]> valid = new ArrayList<>();
        List<int[]> allTrain = data.train();
        List<int[]> allValid = data.validation();
        for (int u : users) {
            if (windowsPerEpoch(train, 200) >= windows) break;
            train.add(allTrain.get(u));
            if (valid.size() < 20) valid.add(allValid.get(u));
        }
        PretrainConfig cfg = PretrainConfig.lruRecProtocol(1, 0, seed).withValidation(0, 10, 20);
        try (SequentialRetriever r = SequentialRetriever.create(RetrieverConfig.idOnly(model, 200), data.numItems(), null, seed)) {
            return timedEpoch(r, train, valid, cfg, 200, workDir);
        }
    }

    /**
     * One epoch of {@link ThroughputBenchmark}'s CRS setting over {@code sessions} synthetic sessions: the CRS
     * retriever (text tower over synthetic embeddings of a corpus-sized item set, history 64), 100 sampled plus
     * in-batch negatives, batches of 64.
     */
    private static Measurement crs(String model, int sessions, long seed, Path workDir) {
        Random rng = new Random(seed);
        float[][] text = syntheticText(CRS_ITEMS, TEXT_DIM, rng);
        List<int[]> train = syntheticSessions(CRS_ITEMS, sessions, rng);
        List<int[]> valid = train.subList(0, Math.min(64, train.size()));
        PretrainConfig cfg = PretrainConfig.defaults().withEpochs(1).withSeed(seed).withValidation(0, 2, 64);
        RetrieverConfig config = RetrieverConfig.crs(model);
        try (SequentialRetriever r = SequentialRetriever.create(config, CRS_ITEMS, text, seed)) {
            return timedEpoch(r, train, valid, cfg, config.maxLen(), workDir);
        }
    }

    /**
     * Trains one epoch and times the steps after the first {@link #WARM_UP_STEPS}; validation and the
     * checkpoint written after the last step are outside the timed span.
     */
    private static Measurement timedEpoch(SequentialRetriever r, List<int[]> train, List<int[]> valid, PretrainConfig cfg, int maxLen,
                                          Path workDir) {
        long total = windowsPerEpoch(train, maxLen);
        long steps = (total + cfg.batchSize() - 1) / cfg.batchSize();
        if (steps <= WARM_UP_STEPS + 1) throw new IllegalArgumentException("need more than " + (WARM_UP_STEPS + 1) + " steps of "
                + cfg.batchSize() + " windows, got " + total + " windows");
        long[] stepEnds = new long[(int) steps];
        // -Drarec.profile=FILE: PyTorch's profiler over the steps after warm-up, as a Chrome trace (scripts/torch_profile.py sums it)
        String profile = System.getProperty("rarec.profile");
        TrainingListener listener = (phase, done, all, metrics) -> {
            if (!phase.startsWith("epoch") || done < 1 || done > steps) return;
            stepEnds[(int) done - 1] = System.nanoTime();
            if (profile != null && done == WARM_UP_STEPS) JniUtils.startProfile(false, true, false);
            if (profile != null && done == steps) JniUtils.stopProfile(profile);
        };
        Pretrainer.run(r, train, valid, cfg, workDir.resolve("run"), listener);
        // from the end of the warm-up steps to the end of the last: the steps after warm-up, all full but perhaps the last
        long measured = total - (long) WARM_UP_STEPS * cfg.batchSize();
        double seconds = (stepEnds[(int) steps - 1] - stepEnds[WARM_UP_STEPS - 1]) / 1e9;
        List<Double> stepMs = new ArrayList<>();
        for (int i = WARM_UP_STEPS; i < steps; i++) stepMs.add(Math.round((stepEnds[i] - stepEnds[i - 1]) / 1e5) / 10.0);
        return new Measurement(measured / seconds, total, ResidentMemory.peakMb(), stepMs, null);
    }

    /**
     * Steps a probe leaves out of its rate: the first steps of a fresh JVM compile Java code, and grow PyTorch's
     * and the C library's memory pools; a long run pays that once. (The probes of issue 13's first measurements
     * counted them, and understated a long run's rate badly: docs/benchmarks.md, section 2.)
     */
    public static final int WARM_UP_STEPS = 2;

    /** Items of the CRS corpus the synthetic settings score (the real corpus has about as many). */
    static final int CRS_ITEMS = 113_314;
    static final int TEXT_DIM = 384;

    /** Seeded synthetic item text embeddings [items][dim], rows of length about 1. */
    public static float[][] syntheticText(int items, int dim, Random rng) {
        float[][] text = new float[items][dim];
        for (float[] row : text) for (int j = 0; j < dim; j++) row[j] = (float) rng.nextGaussian() / (float) Math.sqrt(dim);
        return text;
    }

    /** Seeded synthetic sessions over {@code items} items, 2 to 65 long, as {@link ThroughputBenchmark} trains on. */
    public static List<int[]> syntheticSessions(int items, int sessions, Random rng) {
        List<int[]> out = new ArrayList<>(sessions);
        for (int i = 0; i < sessions; i++) {
            int[] s = new int[2 + rng.nextInt(64)];
            for (int j = 0; j < s.length; j++) s[j] = rng.nextInt(items);
            out.add(s);
        }
        return out;
    }

    /**
     * One epoch of SFT over {@code examples} synthetic conversations (histories of 1-8 items, one target) in
     * batches of {@code batch}. The rate counts the batches after the first (whose start the trainer does not
     * report) up to the last, so validation and checkpoint writes are left out.
     */
    private static Measurement sft(String model, int examples, int batch, long seed, Path workDir) {
        Random rng = new Random(seed);
        float[][] text = syntheticText(CRS_ITEMS, TEXT_DIM, rng);
        List<CrsExample> train = new ArrayList<>(examples);
        for (int i = 0; i < examples; i++) {
            List<Integer> history = new ArrayList<>();
            for (int j = 1 + rng.nextInt(8); j > 0; j--) history.add(rng.nextInt(CRS_ITEMS));
            train.add(new CrsExample("c" + i, 1, List.of(), history, List.of(rng.nextInt(CRS_ITEMS))));
        }
        RetrieverConfig crs = RetrieverConfig.crs(model);
        RetrieverConfig quickstart = new RetrieverConfig(crs.model(), crs.hiddenSize(), crs.blocks(), crs.heads(), crs.dropout(), crs.maxLen(),
                true, true, crs.maskProb());
        PreferenceConfig cfg = PreferenceConfig.defaults(PreferenceConfig.Method.SFT).toBuilder().maxExamples(examples).epochs(1)
                .learningRate(1e-3).batchSize(batch).evalEvery(Integer.MAX_VALUE).seed(seed).build();
        long[] first = {0};
        long[] last = {0};
        long[] batches = {0};
        TrainingListener listener = (phase, done, total, metrics) -> {
            if (!phase.startsWith("epoch")) return;
            last[0] = System.nanoTime();
            if (batches[0]++ == 0) first[0] = last[0];
        };
        SequentialRetriever retriever = SequentialRetriever.create(quickstart, CRS_ITEMS, text, seed);
        Path init = workDir.resolve("init");
        retriever.save(init);
        new SftTrainer(cfg, listener).train((checkpoint, optimizer, steps) -> {
            retriever.configureOptimizer(optimizer);
            return retriever;
        }, init, train, r -> 0.0, workDir.resolve("run"));
        if (batches[0] < 2) throw new IllegalStateException("need at least two batches of " + batch + ", got " + examples + " examples");
        return new Measurement((examples - batch) / ((last[0] - first[0]) / 1e9), examples, ResidentMemory.peakMb());
    }
}
