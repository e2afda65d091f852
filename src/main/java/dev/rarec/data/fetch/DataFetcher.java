package dev.rarec.data.fetch;

import dev.rarec.util.AtomicFiles;
import dev.rarec.util.Hashing;

import java.io.BufferedInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Runs {@code rarec data fetch}: prints nothing itself (everything goes to the {@link FetchListener}).
 * For each layout file of the manifest: already present with the right content hash → kept; else its
 * originals are downloaded and verified ({@link Downloader}), its content is derived, hashed on the
 * way and compared with the manifest before the file is moved into place. Verified originals wait
 * in {@code <data dir>/.fetch/} and are deleted once every file is in place; after a failure they
 * (and any partial download) stay there for the next run to resume from.
 */
public final class DataFetcher {
    /** Work folder under the data dir holding downloads in progress and verified originals. */
    public static final String WORK = ".fetch";

    private final Manifest manifest;
    private final Path dataDir;
    private final FetchSettings settings;
    private final FetchListener listener;

    public DataFetcher(Manifest manifest, Path dataDir, FetchSettings settings, FetchListener listener) {
        this.manifest = manifest;
        this.dataDir = dataDir;
        this.settings = settings;
        this.listener = listener;
    }

    public FetchSummary run() {
        manifest.licenceLines().forEach(listener::licence);
        List<FetchSummary.Result> results = new ArrayList<>();
        List<LayoutFile> needed = new ArrayList<>();
        for (LayoutFile f : manifest.files()) {
            Path target = dataDir.resolve(f.path());
            if (!Files.isRegularFile(target)) {
                needed.add(f);
                continue;
            }
            String sha = contentSha256(target);
            if (sha.equals(f.expectedSha256()) || sha.equals(f.layoutSha256())) {
                results.add(done(f, FetchSummary.Outcome.PRESENT, ""));
            } else {
                listener.message(f.path() + ": present but its content SHA-256 is " + sha + ", not " + f.expectedSha256() + "; fetching it again");
                needed.add(f);
            }
        }
        Map<String, Long> toDownload = new LinkedHashMap<>();
        needed.forEach(f -> f.originals().forEach(o -> toDownload.put(o.sha256(), o.bytes())));
        long totalBytes = toDownload.values().stream().mapToLong(Long::longValue).sum();
        Map<String, Long> received = new HashMap<>();
        Downloader downloader = new Downloader(dataDir.resolve(WORK), settings, (original, bytes) -> {
            received.put(original.sha256(), bytes);
            listener.progress(original, bytes, received.values().stream().mapToLong(Long::longValue).sum(), totalBytes);
        }, listener);
        Map<String, Object> originals = new HashMap<>();
        for (LayoutFile f : needed) {
            try {
                List<Path> files = new ArrayList<>();
                for (Original o : f.originals()) files.add(original(downloader, originals, o, f));
                write(f, files);
                results.add(done(f, FetchSummary.Outcome.FETCHED, f.layoutHashEnforced() ? "" : notEnforced(f)));
            } catch (FetchException e) {
                results.add(done(f, FetchSummary.Outcome.FAILED, e.getMessage()));
            } catch (IOException | UncheckedIOException | IllegalStateException e) {
                String cause = e.getCause() == null ? "" : " (" + e.getCause().getMessage() + ")";
                results.add(done(f, FetchSummary.Outcome.FAILED, f.path() + ": " + e.getMessage() + cause));
            }
        }
        FetchSummary summary = new FetchSummary(results);
        if (summary.failures().isEmpty()) deleteWork();
        return summary;
    }

    /** Each original is downloaded once per run, whichever layout files share it; a failure is remembered too. */
    private static Path original(Downloader downloader, Map<String, Object> cache, Original o, LayoutFile f) throws IOException {
        Object known = cache.get(o.sha256());
        if (known instanceof FetchException e) throw new FetchException(f.path() + ": needs " + o.url() + ", which failed: " + e.getMessage());
        if (known instanceof Path p) return p;
        try {
            Path p = downloader.fetch(o, f.path());
            cache.put(o.sha256(), p);
            return p;
        } catch (FetchException e) {
            cache.put(o.sha256(), e);
            throw e;
        }
    }

    /** The one verification step: the content is hashed while it is written and the file moves into place only if it matches. */
    private void write(LayoutFile f, List<Path> originals) {
        Path target = dataDir.resolve(f.path());
        AtomicFiles.write(target, out -> {
            MessageDigest md = Hashing.sha256();
            OutputStream sink = f.gzipped() ? new GZIPOutputStream(new KeepOpen(out), 1 << 16) : new KeepOpen(out);
            try (DigestOutputStream content = new DigestOutputStream(sink, md)) {
                f.derivation().derive(f, originals, content);
            }
            String sha = HexFormat.of().formatHex(md.digest());
            if (!sha.equals(f.expectedSha256())) {
                throw new FetchException(f.path() + ": content SHA-256 " + sha + " does not match the manifest's " + f.expectedSha256()
                        + " (derived by " + f.derivation().manifestName() + " from " + f.originals().size() + " verified original(s)); not written");
            }
        });
    }

    private static String notEnforced(LayoutFile f) {
        return "the public original (verified, SHA-256 " + f.expectedSha256() + "); the reference layout withholds rows of it"
                + " (an independent evaluation set), so its layout hash " + f.layoutSha256() + " is not enforced";
    }

    private FetchSummary.Result done(LayoutFile f, FetchSummary.Outcome outcome, String detail) {
        listener.fileDone(f, outcome, detail);
        return new FetchSummary.Result(f.path(), outcome, detail);
    }

    private void deleteWork() {
        Path work = dataDir.resolve(WORK);
        if (!Files.isDirectory(work)) return;
        try (Stream<Path> files = Files.walk(work)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        } catch (IOException e) {
            listener.message("could not delete " + work + ": " + e.getMessage());
        }
    }

    /** SHA-256 of a layout file's content: of its bytes, after gunzip for {@code .gz}. */
    public static String contentSha256(Path file) {
        if (!file.getFileName().toString().endsWith(".gz")) return Hashing.sha256(file);
        MessageDigest md = Hashing.sha256();
        try (InputStream in = new GZIPInputStream(new BufferedInputStream(Files.newInputStream(file)), 1 << 16)) {
            byte[] buf = new byte[1 << 16];
            for (int n = in.read(buf); n > 0; n = in.read(buf)) md.update(buf, 0, n);
        } catch (IOException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
        return HexFormat.of().formatHex(md.digest());
    }

    /** Lets the gzip and digest streams finish without closing the atomic writer's stream, which closes it itself. */
    private static final class KeepOpen extends FilterOutputStream {
        KeepOpen(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
