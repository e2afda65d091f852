package dev.rarec.cli;

import dev.rarec.corpus.BadRecord;
import dev.rarec.corpus.Corpus;
import dev.rarec.data.CrsDataset;
import dev.rarec.data.Datasets;
import dev.rarec.data.LinkStats;
import dev.rarec.data.MovieLensSessions;
import dev.rarec.data.RedditMovie;
import dev.rarec.data.SequenceSplits;
import dev.rarec.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code rarec data stats}: per dataset and split, conversations, examples, mentions, linked mentions, coverage (Table 8). */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "Per dataset and split: conversations, examples, mentions, linked mentions and coverage (like the paper's Table 8).")
public final class DataStatsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--json", description = "Print {\"datasets\":[{name, split, conversations, examples, mentions, linked, coverage, ...}]}.")
    boolean json;

    @Option(names = "--malformed", description = "Also list every malformed record (file, line, reason).")
    boolean malformed;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        Corpus corpus = Corpus.load(common.home().corpus());
        Path dataDir = common.dataDir();
        List<Map<String, Object>> rows = new ArrayList<>();
        List<BadRecord> bad = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : Datasets.splits().entrySet()) {
            for (String split : e.getValue()) {
                if (!json) {
                    err.printf("reading %s %s...%n", e.getKey(), split);
                    err.flush();
                }
                CrsDataset d = Datasets.load(e.getKey(), split, corpus, dataDir);
                rows.add(row(d.name(), split, d.conversations().size(), d.examples().size(), d.links()));
                bad.addAll(d.links().malformed());
            }
        }
        SequenceSplits ml = MovieLensSessions.load(dataDir, corpus, common.seed());
        LinkStats mlLinks = MovieLensSessions.linkStats(dataDir, corpus);
        bad.addAll(mlLinks.malformed());
        rows.add(row("movielens", "train", ml.train().size(), ml.train().size(), mlLinks));
        rows.add(row("movielens", "valid", ml.valid().size(), ml.valid().size(), mlLinks));
        rows.add(row("movielens", "test", ml.test().size(), ml.test().size(), mlLinks));
        LinkStats reddit = RedditMovie.vocabularyLinks(corpus, dataDir);
        rows.add(row("reddit-vocab", "all", 0, 0, reddit));
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(Map.of("datasets", rows)));
        } else {
            out.printf("%-12s %-6s %8s %8s %9s %8s %9s %10s %9s%n", "dataset", "split", "convs", "examples", "mentions", "linked",
                    "coverage", "noTargets", "malformed");
            for (Map<String, Object> r : rows) {
                out.printf("%-12s %-6s %,8d %,8d %,9d %,8d %8.2f%% %,10d %,9d%n", r.get("name"), r.get("split"), r.get("conversations"),
                        r.get("examples"), r.get("mentions"), r.get("linked"), 100 * (double) r.get("coverage"),
                        r.get("examplesWithoutTargets"), r.get("malformed"));
            }
            out.println("(movielens: conversations/examples = sessions; mentions = movies of ml-latest-small links.csv;"
                    + " reddit-vocab: the Reddit-Movie item vocabulary, conversations not in the data dir)");
        }
        if (malformed) for (BadRecord b : bad) err.println("malformed: " + b);
        return 0;
    }

    private static Map<String, Object> row(String name, String split, int conversations, int examples, LinkStats links) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("name", name);
        r.put("split", split);
        r.put("conversations", conversations);
        r.put("examples", examples);
        r.put("mentions", links.mentions());
        r.put("linked", links.linked());
        r.put("coverage", links.coverage());
        r.put("examplesWithoutTargets", links.examplesWithoutTargets());
        r.put("malformed", links.malformed().size());
        return r;
    }
}
