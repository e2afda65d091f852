package dev.rarec.cli;

import dev.rarec.data.fetch.DataFetcher;
import dev.rarec.data.fetch.FetchSettings;
import dev.rarec.data.fetch.FetchSummary;
import dev.rarec.data.fetch.Manifest;
import dev.rarec.util.DataDir;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code rarec data fetch}: rebuild the data dir from the pinned public originals, verified by SHA-256. */
@Command(name = "fetch", mixinStandardHelpOptions = true,
        description = "Download every dataset file the readers need from its pinned public origin, verify it (SHA-256) and lay it out "
                + "as the data dir expects. Resumable; files already present and verified are kept.")
public final class DataFetchCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--data-dir", description = "Folder to fill (default: $RAREC_DATA, then ../shared/data, then ./data).")
    Path dataDir;

    @Option(names = "--only", split = ",", paramLabel = "DATASET",
            description = "Only these datasets (top folders: inspired, movie_metadata, movielens, reddit_movie, redial, reference_results).")
    List<String> only;

    @Option(names = "--mirror", paramLabel = "URL",
            description = "Base URL replacing the origins' scheme and host, paths kept (default: $" + FetchSettings.MIRROR_ENV + "; none: the origins).")
    String mirror;

    @Override
    public Integer call() {
        Manifest manifest;
        try {
            manifest = Manifest.load().select(only);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        Path dir = DataDir.resolve(dataDir);
        String base = mirror != null ? mirror : System.getenv(FetchSettings.MIRROR_ENV);
        return fetch(manifest, dir, FetchSettings.defaults(base), spec.commandLine().getOut(), spec.commandLine().getErr());
    }

    /**
     * Quickstart's first step: when layout files are missing from {@code dir}, says how much will be
     * downloaded and fetches everything into it (the README's first command then works on a machine
     * with only Java and Maven); when the data dir is complete, does nothing.
     */
    static void ensureData(Path dir) {
        Manifest manifest = Manifest.load();
        int missing = manifest.missingIn(dir).size();
        if (missing == 0) return;
        PrintWriter out = new PrintWriter(System.out, true);
        out.printf(Locale.ROOT, "No complete data dir at %s (%d of %d files missing): downloading %s of public originals into it "
                        + "(set --data-dir or RAREC_DATA to use another folder, %s for a mirror).%n",
                dir.toAbsolutePath().normalize(), missing, manifest.files().size(), FetchConsole.megabytes(manifest.downloadBytes()), FetchSettings.MIRROR_ENV);
        if (fetch(manifest, dir, FetchSettings.defaults(System.getenv(FetchSettings.MIRROR_ENV)), out, new PrintWriter(System.err, true)) != 0) {
            throw new IllegalStateException("fetching the data into " + dir + " failed (see above); `rarec data fetch --data-dir " + dir
                    + "` resumes it, then run quickstart again");
        }
    }

    /** Fetches {@code manifest} into {@code dir}, printing licences, progress and the summary; 0 when nothing failed. */
    static int fetch(Manifest manifest, Path dir, FetchSettings settings, PrintWriter out, PrintWriter err) {
        out.printf(Locale.ROOT, "Fetching %d files (%s of originals) into %s%s%n", manifest.files().size(), FetchConsole.megabytes(manifest.downloadBytes()),
                dir.toAbsolutePath().normalize(), settings.mirror() == null ? "" : " from the mirror " + settings.mirror());
        FetchConsole console = new FetchConsole(out, err, manifest.files().size());
        FetchSummary summary = new DataFetcher(manifest, dir, settings, console).run();
        out.println("Summary: " + summary.line());
        summary.failures().forEach(f -> out.println("  failed: " + f.detail()));
        if (!summary.failures().isEmpty()) {
            out.println("Run the same command again to resume: verified downloads are kept in " + dir.resolve(DataFetcher.WORK) + ".");
        }
        out.flush();
        return summary.failures().isEmpty() ? 0 : 1;
    }
}
