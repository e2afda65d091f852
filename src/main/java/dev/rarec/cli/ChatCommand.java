package dev.rarec.cli;

import dev.rarec.generator.ConversationRecommender;
import dev.rarec.generator.Pipeline;
import dev.rarec.serve.ChatSession;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;

/** {@code rarec chat}: an interactive conversation in the terminal (or a script piped in). */
@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"Chats in the terminal: name movies you liked, get recommendations with a reason each.",
                "Commands: /history, /forget <title>, /clear, /help, /quit."})
public final class ChatCommand implements Callable<Integer> {
    @Mixin CommonOptions common;
    @Mixin GeneratorOptions generator;
    @Spec CommandSpec spec;

    @Option(names = "--k", description = "Recommendations per reply (default: ${DEFAULT-VALUE}).", defaultValue = "5")
    int k;

    @Option(names = "--retrieval-size", description = "Candidates proposed to the generator (default: ${DEFAULT-VALUE}).",
            defaultValue = "" + Pipeline.DEFAULT_RETRIEVAL_SIZE)
    int candidates;

    @Override
    public Integer call() {
        if (k < 1 || k > ConversationRecommender.MAX_K) {
            throw new ConversationRecommender.InvalidConversation("k", "--k must be between 1 and " + ConversationRecommender.MAX_K + ", got " + k);
        }
        try (Workspace workspace = Workspace.open(common, generator)) {
            ConversationRecommender recommender = new ConversationRecommender(workspace.pipeline(), workspace.mentions(), candidates);
            ChatSession session = new ChatSession(recommender, k, spec.commandLine().getOut());
            session.run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)), System.console() != null);
        }
        return 0;
    }
}
