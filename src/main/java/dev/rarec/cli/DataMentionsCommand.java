package dev.rarec.cli;

import dev.rarec.corpus.Corpus;
import dev.rarec.data.Datasets;
import dev.rarec.bench.MentionBenchmark;
import dev.rarec.corpus.TitleMentionDetector;
import dev.rarec.util.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.nio.file.Path;
import dev.rarec.util.Evidence;

/** {@code rarec data mentions}: precision and recall of free-text title detection on ReDial messages. */
@Command(name = "mentions", mixinStandardHelpOptions = true,
        description = "Measure TitleMentionDetector.detect on ReDial messages whose @ids are replaced by titles as a person would type them.")
public final class DataMentionsCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Option(names = "--split", description = "test (official test, default) or train (the available train part, for tuning).", defaultValue = "test")
    String split;

    @Option(names = "--errors", description = "Print up to N false positives and false negatives (default: ${DEFAULT-VALUE}).", defaultValue = "0")
    int errors;

    @Option(names = "--json", description = "Print the result as JSON.")
    boolean json;

    @Option(names = "--out", description = "Also write the result as evidence JSON (command, seed, commit, clean tree) to this file, e.g. docs/results/mentions-test.json.")
    Path outFile;

    @Option(names = "--allow-dirty", description = "Write --out under docs/results even when tracked files have uncommitted changes (it records gitDirty: true).")
    boolean allowDirty;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Corpus corpus = Corpus.load(common.home().corpus());
        MentionBenchmark.Result r = MentionBenchmark.run(TitleMentionDetector.of(Datasets.linker(corpus, common.dataDir()).titles()), corpus, common.dataDir(), split, common.seed());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("split", r.split());
        figures.put("messages", r.messages());
        figures.put("gold", r.gold());
        figures.put("predicted", r.predicted());
        figures.put("truePositives", r.truePositives());
        figures.put("precision", r.precision());
        figures.put("recall", r.recall());
        figures.put("namedElsewhere", r.namedElsewhere());
        figures.put("precisionConversationLevel", r.precisionConversationLevel());
        Map<String, Object> byForm = new LinkedHashMap<>();
        r.recallByForm().forEach((form, v) -> byForm.put(form, Map.of("mentions", (int) v[0], "recall", v[1])));
        figures.put("recallByForm", byForm);
        if (outFile != null) {
            String command = ("rarec " + String.join(" ", spec.commandLine().getParseResult().originalArgs())).strip();
            Map<String, Object> evidence = new LinkedHashMap<>(figures);
            evidence.put("command", command);
            evidence.put("seed", common.seed());
            Evidence.write(outFile, evidence, allowDirty);
            spec.commandLine().getErr().println("wrote " + outFile);
        }
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(figures));
            return 0;
        }
        out.printf("ReDial %s: %,d messages, %,d gold mentions, %,d detected, %,d correct%n", r.split(), r.messages(), r.gold(), r.predicted(), r.truePositives());
        out.printf("precision %.3f  recall %.3f%n", r.precision(), r.recall());
        out.printf("precision counting movies the conversation marks with @ in another message as correct: %.3f (%,d such detections)%n",
                r.precisionConversationLevel(), r.namedElsewhere());
        for (Map.Entry<String, double[]> e : r.recallByForm().entrySet()) {
            out.printf("  recall when written as %-17s %.3f (%,d mentions)%n", e.getKey(), e.getValue()[1], (int) e.getValue()[0]);
        }
        for (String s : r.falsePositives().stream().limit(errors).toList()) out.println("FP " + s);
        for (String s : r.falseNegatives().stream().limit(errors).toList()) out.println("FN " + s);
        return 0;
    }
}
