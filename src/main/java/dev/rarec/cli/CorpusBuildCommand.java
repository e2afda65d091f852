package dev.rarec.cli;

import dev.rarec.corpus.BadRecord;
import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.CorpusBuilder;
import dev.rarec.corpus.CorpusStats;
import dev.rarec.util.AtomicFiles;
import dev.rarec.util.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/** {@code rarec corpus build}: merges every metadata source into {@code <home>/corpus/movies.jsonl.gz}. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = "Merge every metadata source of the data dir into the unified corpus (<home>/corpus/movies.jsonl.gz).")
public final class CorpusBuildCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Path dataDir = common.dataDir();
        long t0 = System.nanoTime();
        CorpusBuilder.Result result = CorpusBuilder.run(dataDir, msg -> {
            err.println(msg);
            err.flush();
        });
        Corpus corpus = result.corpus();
        Path dir = common.home().corpus();
        corpus.save(dir);
        String bad = result.badRecords().stream().map(BadRecord::toString).collect(Collectors.joining("\n"));
        AtomicFiles.writeString(dir.resolve("bad-records.txt"), bad.isEmpty() ? "" : bad + "\n");
        AtomicFiles.writeString(dir.resolve("merges.txt"), result.merges().stream().map(m -> m + "\n").collect(Collectors.joining()));
        Map<String, Object> config = new LinkedHashMap<>();
        config.put("dataDir", dataDir.toAbsolutePath().normalize().toString());
        config.put("recordsPerSource", result.recordsPerSource());
        config.put("badRecords", result.badRecords().size());
        config.put("duplicatesMerged", result.merges().size());
        config.put("duplicateMerges", result.merges());
        config.put("unknownGenreLabels", result.unknownGenreLabels());
        config.put("popularityFactors", result.popularityFactors());
        config.put("stats", CorpusStats.of(corpus));
        Map<String, String> inputs = Map.of("corpusContentHash", corpus.contentHash());
        Provenance.of("corpus", "rarec corpus build", config, inputs, common.seed()).saveIn(dir);
        double seconds = (System.nanoTime() - t0) / 1e9;
        out.printf("wrote %,d movies to %s in %.1fs (%d bad records listed in %s)%n", corpus.size(),
                dir.resolve(Corpus.FILE), seconds, result.badRecords().size(), dir.resolve("bad-records.txt"));
        for (BadRecord b : result.badRecords().stream().limit(5).toList()) err.println("  bad record: " + b);
        return 0;
    }
}
