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
import java.util.Map;
import java.util.concurrent.Callable;

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

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Corpus corpus = Corpus.load(common.home().corpus());
        MentionBenchmark.Result r = MentionBenchmark.run(TitleMentionDetector.of(Datasets.linker(corpus, common.dataDir()).titles()), corpus, common.dataDir(), split, common.seed());
        if (json) {
            out.println(Json.MAPPER.writeValueAsString(Map.of("split", r.split(), "messages", r.messages(), "gold", r.gold(),
                    "predicted", r.predicted(), "truePositives", r.truePositives(), "precision", r.precision(), "recall", r.recall(),
                    "namedElsewhere", r.namedElsewhere(), "precisionConversationLevel", r.precisionConversationLevel())));
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
