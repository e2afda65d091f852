package dev.rarec.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code rarec} command: one subcommand per job. */
@Command(name = "rarec", mixinStandardHelpOptions = true, version = "rarec 0.1.0",
        description = "Retrieval-augmented conversational movie recommendation with reinforcement learning (RAR).",
        subcommands = {
                CommandLine.HelpCommand.class,
                QuickstartCommand.class,
                CorpusCommand.class,
                DataCommand.class,
                EmbedCommand.class,
                PretrainCommand.class,
                TrainCommand.class,
                EvalCommand.class,
                RecommendCommand.class,
                ChatCommand.class,
                ServeCommand.class,
                BenchRetrieverCommand.class,
                BenchTrainingCommand.class,
                BenchServeCommand.class,
                BenchEmbedCommand.class,
                BenchFetchCommand.class,
                BenchConversationsCommand.class,
        })
public final class Rarec implements Runnable {

    public static void main(String[] args) {
        ProcessArgs.set(args);
        System.exit(commandLine().execute(args));
    }

    /** The configured command line; tests call {@code execute} on it with captured output. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new Rarec());
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("error: " + ex.getMessage());
            if (System.getenv("RAREC_DEBUG") != null) ex.printStackTrace(cmd.getErr());
            return 1;
        });
        return cl;
    }

    @Override
    public void run() {
        CommandLine.usage(this, System.out);
    }
}
