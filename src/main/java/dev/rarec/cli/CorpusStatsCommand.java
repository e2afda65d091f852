package dev.rarec.cli;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.CorpusStats;
import dev.rarec.util.Evidence;
import dev.rarec.util.Json;
import dev.rarec.util.Provenance;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code rarec corpus stats}: size, year range and field completeness of the built corpus. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print the corpus size, year range and completeness per field (run `rarec corpus build` first).")
public final class CorpusStatsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Print one JSON object: movies, yearMin, yearMax, completeness, sources, genres, votesMedian.")
    boolean json;

    @Option(names = "--out", description = "Also write the figures with their provenance (command, commit, corpus build) to this JSON file.")
    Path outFile;

    @Option(names = "--allow-dirty", description = "Write --out under docs/results even when tracked files have uncommitted changes (it records gitDirty: true).")
    boolean allowDirty;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path dir = common.home().corpus();
        Corpus corpus = Corpus.load(dir);
        CorpusStats stats = CorpusStats.of(corpus);
        if (outFile != null) {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("command", "rarec corpus stats --json --out " + outFile);
            result.put("corpusContentHash", corpus.contentHash());
            if (Files.isRegularFile(dir.resolve(Provenance.FILE))) result.put("corpusBuild", Provenance.loadFrom(dir));
            result.put("stats", stats);
            Evidence.write(outFile, result, allowDirty);
        }
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(stats));
            return 0;
        }
        out.printf("movies      %,d%n", stats.movies());
        out.printf("years       %d-%d%n", stats.yearMin(), stats.yearMax());
        out.println("completeness");
        for (Map.Entry<String, Double> e : stats.completeness().entrySet()) out.printf("  %-9s %6.1f%%%n", e.getKey(), 100 * e.getValue());
        out.println("movies per source");
        for (Map.Entry<String, Integer> e : stats.sources().entrySet()) out.printf("  %-15s %,8d%n", e.getKey(), e.getValue());
        out.println("movies per genre");
        for (Map.Entry<String, Integer> e : stats.genres().entrySet()) out.printf("  %-15s %,8d%n", e.getKey(), e.getValue());
        out.printf("median votes %,d (movies with votes)%n", stats.votesMedian());
        return 0;
    }
}
