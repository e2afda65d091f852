package dev.rarec.cli;

import dev.rarec.generator.ConversationRecommender;
import dev.rarec.generator.ConversationRecommender.Message;
import dev.rarec.generator.ConversationRecommender.Result;
import dev.rarec.generator.Pipeline;
import dev.rarec.serve.ConversationReader;
import dev.rarec.serve.ResultFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code rarec recommend}: one conversation in, ranked movies out. */
@Command(name = "recommend", mixinStandardHelpOptions = true,
        description = {"Recommends movies for a conversation read from --file or standard input.",
                "The conversation is JSON {\"messages\":[{\"role\":\"user\",\"content\":\"...\"}]} or plain lines \"user: ...\" / \"assistant: ...\"."})
public final class RecommendCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin GeneratorOptions generator;
    @Spec CommandSpec spec;

    @Option(names = "--file", description = "Conversation file (.json or plain lines); standard input when absent.")
    Path file;

    @Option(names = "--k", description = "How many movies to recommend (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int k;

    @Option(names = "--json", description = "Print the API's JSON response instead of text.")
    boolean json;

    @Option(names = "--retrieval-size", description = "Candidates proposed to the generator (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + Pipeline.DEFAULT_RETRIEVAL_SIZE)
    int candidates;

    @Override
    public Integer call() throws IOException {
        if (file == null && System.console() != null) {
            spec.commandLine().getErr().println("reading the conversation from standard input (\"user: ...\" lines; end with Ctrl-D)");
        }
        // Read and check the conversation before loading any model, so a typo fails in milliseconds.
        List<Message> messages = file != null ? ConversationReader.read(file)
                : ConversationReader.parse(new String(System.in.readAllBytes(), StandardCharsets.UTF_8), "<stdin>");
        if (k < 1 || k > ConversationRecommender.MAX_K) {
            throw new ConversationRecommender.InvalidConversation("k", "--k must be between 1 and " + ConversationRecommender.MAX_K + ", got " + k);
        }
        PrintWriter out = spec.commandLine().getOut();
        try (Workspace workspace = Workspace.open(common, generator)) {
            ConversationRecommender recommender = new ConversationRecommender(workspace.pipeline(), workspace.mentions(), candidates);
            Result result = recommender.recommend(messages, k);
            if (json) {
                out.println(ResultFormat.json(result, k));
            } else {
                String understood = ResultFormat.understood(result);
                if (!understood.isEmpty()) out.println(understood);
                out.println("Recommended by " + result.generator() + " from " + result.candidates().size() + " " + result.candidateSource() + " candidates:");
                ResultFormat.print(out, result, "");
                out.println(String.format(Locale.ROOT, "(%.0f ms: retrieve %.0f, generate %.0f)",
                        result.timings().totalMillis(), result.timings().retrieveMillis(), result.timings().generateMillis()));
            }
            out.flush();
        }
        return 0;
    }
}
