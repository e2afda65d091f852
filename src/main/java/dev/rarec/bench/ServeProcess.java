package dev.rarec.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code rarec serve} of a given build (its classpath) in a fresh JVM on a free loopback port, for
 * {@link LoadBench} to load: so that two builds, e.g. a baseline commit and this checkout, are measured the
 * same way in alternating processes. Started with the launcher's JVM options ({@code ./rarec}) and no rate
 * limit; closing it stops the JVM.
 */
public final class ServeProcess implements AutoCloseable {
    private static final Pattern URL = Pattern.compile("rarec serving (http://[^/ ]+)/");
    private final Process process;
    private final String url;

    private ServeProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /**
     * Starts the server and waits until it says where it listens.
     *
     * @param classpath the build's jar and libraries
     * @param args      what follows {@code rarec serve}, e.g. {@code --home H --model M}
     * @param log       where the server's output goes
     */
    public static ServeProcess start(String classpath, List<String> args, Path log) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx8g", "-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1", "-Dai.djl.offline=true",
                "-cp", classpath, "dev.rarec.cli.Rarec", "serve", "--host", "127.0.0.1", "--port", "0", "--rate-limit", "0"));
        cmd.addAll(args);
        Process p = null;
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            List<String> seen = new ArrayList<>();
            String line;
            while ((line = out.readLine()) != null) {
                seen.add(line);
                Matcher m = URL.matcher(line);
                if (m.find()) {
                    Files.write(log, seen, StandardCharsets.UTF_8);
                    drain(out, log);
                    return new ServeProcess(p, m.group(1));
                }
            }
            Files.write(log, seen, StandardCharsets.UTF_8);
            throw new IllegalStateException("the server exited before listening (exit " + p.waitFor() + "); see " + log);
        } catch (IOException e) {
            if (p != null) p.destroyForcibly();
            throw new UncheckedIOException("cannot start " + String.join(" ", cmd), e);
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Keeps copying the server's output into its log, so that the server never blocks on a full pipe. */
    private static void drain(BufferedReader out, Path log) {
        Thread t = new Thread(() -> {
            try (BufferedReader in = out) {
                String line;
                while ((line = in.readLine()) != null) {
                    Files.writeString(log, line + System.lineSeparator(), StandardCharsets.UTF_8, StandardOpenOption.APPEND);
                }
            } catch (IOException e) {
                // the server stopped; its log ends here
            }
        }, "serve-log");
        t.setDaemon(true);
        t.start();
    }

    public String url() {
        return url;
    }

    /** The server's peak resident memory so far (VmHWM), in MiB; NaN where /proc does not say. */
    public double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmHWM:")) return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process is gone: no figure
        }
        return Double.NaN;
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
