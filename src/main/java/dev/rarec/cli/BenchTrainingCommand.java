package dev.rarec.cli;

import dev.rarec.bench.TrainingThroughput;
import dev.rarec.bench.TrainingThroughput.Measurement;
import dev.rarec.bench.TrainingThroughput.Variant;
import dev.rarec.data.Ml1mSequences;
import dev.rarec.util.Evidence;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code rarec bench-training}: training windows (SFT: examples) per second of this build against a baseline build, measured
 * side by side in one run (alternating fresh JVMs), with this build also at two PyTorch threads; writes
 * {@code docs/results/training-throughput.json}.
 */
@Command(name = "bench-training", mixinStandardHelpOptions = true,
        description = "Training throughput of this build vs a baseline build, alternating in one run (ml-1m LRURec protocol, the CRS pretraining setting, "
                + "the quickstart's SFT step).")
public final class BenchTrainingCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--baseline-classpath", required = true,
            description = "Classpath of the baseline build (its jar and lib/*), made by scripts/build-baseline.sh.")
    String baselineClasspath;

    @Option(names = "--baseline", defaultValue = "", description = "What the baseline is (its commit), recorded in the JSON.")
    String baselineName;

    @Option(names = "--models", split = ",", defaultValue = "lrurec,sasrec", description = "Retrievers (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--settings", split = ",", defaultValue = "ml-1m,crs", description = "ml-1m, crs, sft and/or sft-b128 (default: ${DEFAULT-VALUE}).")
    List<String> settings;

    @Option(names = "--runs", defaultValue = "3", description = "Rounds; medians are reported (default: ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--windows", defaultValue = "1536", description = "ml-1m: training windows per probe, from a seeded subset of users; the rate leaves out the first two steps (default: ${DEFAULT-VALUE}).")
    int windows;

    @Option(names = "--sessions", defaultValue = "8000", description = "crs: synthetic sessions per probe, one epoch: 125 steps of 64, long enough that a few slow seconds do not decide the rate (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--examples", defaultValue = "640", description = "sft, sft-b128: synthetic conversation examples per probe, one epoch (default: ${DEFAULT-VALUE}).")
    int examples;

    @Option(names = "--one-thread-only", description = "Do not also measure this build with two PyTorch threads.")
    boolean oneThreadOnly;

    @Option(names = "--plain-allocator-baseline", description = "Run the baseline without any of the launcher's settings ("
            + "THP_MEM_ALLOC_ENABLE, MALLOC_MMAP_THRESHOLD_, MALLOC_TRIM_THRESHOLD_, LD_PRELOAD): the code at an old commit as it ran then.")
    boolean plainAllocatorBaseline;

    @Option(names = "--baseline-unset", split = ",", description = "Environment variables the baseline runs without, e.g. LD_PRELOAD: "
            + "with this build as --baseline-classpath, this measures what that setting is worth.")
    List<String> baselineUnset = new ArrayList<>();

    @Option(names = "--out", defaultValue = "docs/results", description = "Folder of training-throughput.json (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--allow-dirty", description = "Write under docs/results even when tracked files have uncommitted changes (recorded as gitDirty: true).")
    boolean allowDirty;

    @Override
    public Integer call() throws IOException {
        String here = System.getProperty("java.class.path");
        List<Variant> variants = new ArrayList<>();
        List<String> unset = new ArrayList<>(baselineUnset);
        if (plainAllocatorBaseline) unset.addAll(TrainingThroughput.LAUNCHER_SETTINGS);
        variants.add(new Variant("before", baselineClasspath, 1, unset));
        variants.add(new Variant("after", here, 1, List.of()));
        if (!oneThreadOnly) variants.add(new Variant("afterTwoThreads", here, 2, List.of()));
        Path work = common.home().root().resolve("bench-training");
        long epochWindows = TrainingThroughput.windowsPerEpoch(Ml1mSequences.read(common.dataDir()).train(), 200);
        double[] loadBefore = loadAverage();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (String setting : settings) {
            for (String model : models) {
                int size = switch (setting) {
                    case "crs" -> sessions;
                    case "sft", "sft-b128" -> examples;
                    default -> windows;
                };
                System.err.printf("%s %s: %d rounds of %s%n", setting, model, runs, variants.stream().map(Variant::name).toList());
                Map<String, List<Measurement>> got = TrainingThroughput.compare(variants, setting, model, size, runs, common.seed(),
                        common.dataDir(), work);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("setting", setting);
                row.put("model", model);
                got.forEach((name, list) -> row.put(name, summary(list)));
                double before = median(got.get("before"));
                double after = median(got.get("after"));
                row.put("ratio", after / before);
                if (!oneThreadOnly) row.put("twoThreadsRatio", median(got.get("afterTwoThreads")) / after);
                if (setting.equals("ml-1m")) {
                    row.put("secondsPerEpoch", epochWindows / after);
                    if (!oneThreadOnly) row.put("secondsPerEpochTwoThreads", epochWindows / median(got.get("afterTwoThreads")));
                }
                if (!oneThreadOnly) row.put("ratioTwoThreads", median(got.get("afterTwoThreads")) / before);
                System.err.printf("  before %.1f, after %.1f %s/s: %.2fx%n", before, after, setting.startsWith("sft") ? "examples" : "windows", after / before);
                rows.add(row);
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        rows.stream().filter(r -> r.get("setting").equals("ml-1m") && r.get("model").equals("lrurec")).findFirst().ifPresent(headline -> {
            json.put("headline", "ml-1m, LRURec protocol, LRURec");
            json.put("before", headline.get("before"));
            json.put("after", headline.get("after"));
            json.put("ratio", headline.get("ratio"));
            json.put("secondsPerEpoch", headline.get("secondsPerEpoch"));
            if (!oneThreadOnly) {
                json.put("afterTwoThreads", headline.get("afterTwoThreads"));
                json.put("ratioTwoThreads", headline.get("ratioTwoThreads"));
                json.put("secondsPerEpochTwoThreads", headline.get("secondsPerEpochTwoThreads"));
            }
        });
        json.put("ml1mWindowsPerEpoch", epochWindows);
        json.put("rows", rows);
        json.put("runs", runs);
        json.put("windowsPerMl1mProbe", windows);
        json.put("ml1mWarmUpStepsLeftOut", TrainingThroughput.WARM_UP_STEPS);
        json.put("sessionsPerCrsProbe", sessions);
        json.put("crsWarmUpStepsLeftOut", TrainingThroughput.WARM_UP_STEPS);
        json.put("examplesPerSftProbe", examples);
        json.put("baseline", baselineName);
        json.put("baselinePlainAllocator", plainAllocatorBaseline);
        json.put("baselineUnset", unset);
        Map<String, String> allocator = new LinkedHashMap<>();
        for (String name : TrainingThroughput.LAUNCHER_SETTINGS) allocator.put(name, System.getenv(name));
        json.put("launcherSettings", allocator);
        json.put("seed", common.seed());
        json.put("loadAverageAtStart", loadBefore);
        json.put("loadAverageAtEnd", loadAverage());
        json.put("machine", Runtime.getRuntime().availableProcessors() + " cores, shared with other sessions");
        json.put("command", "rarec " + String.join(" ", ProcessArgs.current()));
        Path file = out.resolve("training-throughput.json");
        Evidence.write(file, json, allowDirty);
        System.err.println("wrote " + file);
        return 0;
    }

    private static double median(List<Measurement> list) {
        return TrainingThroughput.median(list.stream().map(Measurement::windowsPerSecond).toList());
    }

    private static Map<String, Object> summary(List<Measurement> list) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("windowsPerSecond", median(list));
        s.put("runs", list.stream().map(Measurement::windowsPerSecond).toList());
        s.put("peakRssMb", TrainingThroughput.median(list.stream().map(Measurement::peakRssMb).toList()));
        s.put("windowsPerProbe", list.get(0).windows());
        // each run's step times and the machine just before it, to tell where a slow run's time went (MachineState)
        if (list.get(0).stepMs() != null) s.put("stepMs", list.stream().map(Measurement::stepMs).toList());
        s.put("copyGBpsBefore", list.stream().map(m -> m.machineBefore().copyGBps()).toList());
        s.put("arithmeticGopsBefore", list.stream().map(m -> m.machineBefore().arithmeticGops()).toList());
        return s;
    }

    /** The 1, 5 and 15 minute load averages, recorded beside timings measured on a shared machine. */
    static double[] loadAverage() throws IOException {
        String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
        return new double[] {Double.parseDouble(f[0]), Double.parseDouble(f[1]), Double.parseDouble(f[2])};
    }
}
