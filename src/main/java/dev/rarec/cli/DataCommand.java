package dev.rarec.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rarec data}: inspect the conversational datasets and their links to the corpus. */
@Command(name = "data", mixinStandardHelpOptions = true, description = "Fetch the datasets from their public origins, inspect them and how their mentions link to the corpus.",
        subcommands = {DataStatsCommand.class, DataMentionsCommand.class, DataFetchCommand.class})
public final class DataCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
