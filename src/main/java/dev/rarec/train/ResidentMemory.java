package dev.rarec.train;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Resident memory of this process from {@code /proc/self/status} (Linux; -1 elsewhere), for the benchmarks. */
public final class ResidentMemory {
    private ResidentMemory() {}

    /** Current resident set size in MiB. */
    public static double currentMb() {
        return read("VmRSS:");
    }

    /** Peak resident set size (high-water mark) in MiB. */
    public static double peakMb() {
        return read("VmHWM:");
    }

    private static double read(String key) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(key)) return Double.parseDouble(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
