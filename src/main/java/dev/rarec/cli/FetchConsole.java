package dev.rarec.cli;

import dev.rarec.data.fetch.FetchListener;
import dev.rarec.data.fetch.FetchSummary;
import dev.rarec.data.fetch.LayoutFile;
import dev.rarec.data.fetch.Original;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * Prints a fetch: licences first, then progress lines with a bar for the original being downloaded
 * and one for the total (on stderr, at most every second, and when an original of 1 MB or more is
 * complete), one line per finished layout file and every message.
 */
final class FetchConsole implements FetchListener {
    private static final long MIN_INTERVAL_NANOS = 1_000_000_000L;
    private static final long LARGE = 1_000_000;

    private final PrintWriter out;
    private final PrintWriter err;
    private final int files;
    private int finished;
    private boolean licencesHeader;
    private long lastPrint;

    FetchConsole(PrintWriter out, PrintWriter err, int files) {
        this.out = out;
        this.err = err;
        this.files = files;
    }

    @Override
    public void licence(String line) {
        if (!licencesHeader) {
            out.println("Licences of the data about to be fetched (by downloading you accept them):");
            licencesHeader = true;
        }
        out.println("  " + line);
        out.flush();
    }

    @Override
    public void progress(Original original, long done, long totalDone, long totalBytes) {
        long now = System.nanoTime();
        boolean largeDone = done == original.bytes() && original.bytes() >= LARGE;
        if (!largeDone && now - lastPrint < MIN_INTERVAL_NANOS) return;
        lastPrint = now;
        String name = original.url().substring(original.url().lastIndexOf('/') + 1);
        err.printf(Locale.ROOT, "  %-40s %s %s  |  total %s %s%n", name, bar(done, original.bytes()), megabytes(done) + "/" + megabytes(original.bytes()),
                bar(totalDone, totalBytes), megabytes(totalDone) + "/" + megabytes(totalBytes));
        err.flush();
    }

    @Override
    public void message(String text) {
        err.println("  note: " + text);
        err.flush();
    }

    @Override
    public void fileDone(LayoutFile file, FetchSummary.Outcome outcome, String detail) {
        finished++;
        String what = switch (outcome) {
            case FETCHED -> "fetched";
            case PRESENT -> "present, verified";
            case FAILED -> "FAILED";
        };
        out.printf(Locale.ROOT, "[%d/%d] %s %s%s%n", finished, files, what, file.path(), detail.isEmpty() ? "" : ": " + detail);
        out.flush();
    }

    private static String bar(long done, long total) {
        int width = 20;
        int filled = total <= 0 ? width : (int) Math.min(width, done * width / total);
        return "[" + "#".repeat(filled) + " ".repeat(width - filled) + "] " + String.format(Locale.ROOT, "%3d%%", total <= 0 ? 100 : done * 100 / total);
    }

    static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
