package dev.rarec.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code rarec corpus}: build and inspect the unified movie corpus. */
@Command(name = "corpus", mixinStandardHelpOptions = true, description = "Build and inspect the unified movie corpus.",
        subcommands = {CorpusBuildCommand.class, CorpusStatsCommand.class})
public final class CorpusCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
