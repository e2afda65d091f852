package dev.rarec.cli;

import dev.rarec.corpus.Corpus;
import dev.rarec.corpus.CorpusStats;
import dev.rarec.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code rarec corpus stats}: size, year range and field completeness of the built corpus. */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Print the corpus size, year range and completeness per field (run `rarec corpus build` first).")
public final class CorpusStatsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Print one JSON object: movies, yearMin, yearMax, completeness, sources.")
    boolean json;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        CorpusStats stats = CorpusStats.of(Corpus.load(common.home().corpus()));
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
        return 0;
    }
}
