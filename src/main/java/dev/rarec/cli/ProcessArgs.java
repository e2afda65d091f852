package dev.rarec.cli;

import java.util.List;

/** The arguments of the running command, recorded in reports so a figure can be re-run. */
final class ProcessArgs {
    private static volatile List<String> args = List.of();

    private ProcessArgs() {}

    static void set(String[] a) {
        args = List.of(a);
    }

    static List<String> current() {
        return args;
    }
}
