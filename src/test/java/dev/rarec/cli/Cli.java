package dev.rarec.cli;

import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs {@code rarec} in process with captured output, as the CLI tests need it. */
final class Cli {
    private Cli() {}

    /** {exit code, stdout, stderr} of {@code rarec args...}. */
    static String[] run(String... args) {
        CommandLine cl = Rarec.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }
}
