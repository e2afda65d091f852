package dev.rarec.data.fetch;

import dev.rarec.util.Hashing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/**
 * The one download loop: an original goes to {@code <sha256>.part} in the work folder, resumes with
 * an HTTP Range request after a dropped or stalled connection, is retried with exponential backoff
 * on 5xx, 408, 429 and I/O errors up to a bound, and becomes {@code <sha256>} only once its SHA-256
 * and size match the manifest. A hash mismatch deletes the download and is not retried (like pip's
 * hash-checking mode); any other 4xx fails at once.
 *
 * <p>{@link HttpURLConnection} rather than {@code java.net.http.HttpClient}: it has a read timeout,
 * which is what turns a stalled connection into a retry.
 */
final class Downloader {
    /** Receives the bytes of an original received so far. */
    interface Progress {
        void at(Original original, long done);
    }

    /** A failure worth another attempt (server error, timeout, dropped connection). */
    private static final class Retryable extends IOException {
        Retryable(String message) {
            super(message);
        }
    }

    private final Path work;
    private final FetchSettings settings;
    private final Progress progress;
    private final FetchListener listener;

    Downloader(Path work, FetchSettings settings, Progress progress, FetchListener listener) {
        this.work = work;
        this.settings = settings;
        this.progress = progress;
        this.listener = listener;
    }

    /** The verified original, downloading (or resuming) it when it is not in the work folder yet. */
    Path fetch(Original original, String forFile) throws IOException {
        Files.createDirectories(work);
        Path done = work.resolve(original.sha256());
        if (Files.isRegularFile(done) && Hashing.sha256(done).equals(original.sha256())) return done;
        Path part = work.resolve(original.sha256() + ".part");
        URI uri = original.source(settings.mirror());
        int failures = 0;
        while (true) {
            try {
                long have = Files.isRegularFile(part) ? Files.size(part) : 0;
                if (have > original.bytes()) {
                    Files.delete(part);
                    have = 0;
                }
                if (have < original.bytes()) transfer(uri, original, part, have, forFile);
                long size = Files.size(part);
                if (size < original.bytes()) throw new Retryable("body ended after " + size + " of " + original.bytes() + " bytes");
                break;
            } catch (IOException e) {
                // Server errors, timeouts and dropped connections: whatever arrived is kept and resumed from.
                failures++;
                long kept = Files.isRegularFile(part) ? Files.size(part) : 0;
                if (failures >= settings.maxAttempts()) {
                    throw new FetchException(forFile + ": giving up on " + uri + " after " + failures + " attempts (last: "
                            + describe(e) + ")" + (kept > 0 ? "; " + kept + " bytes kept in " + part + " for the next run to resume" : ""));
                }
                long delay = settings.backoff().toMillis() << (failures - 1);
                listener.message(String.format(Locale.ROOT, "%s: %s; retry %d/%d in %d ms%s", uri, describe(e), failures,
                        settings.maxAttempts() - 1, delay, kept > 0 ? ", resuming after " + kept + " bytes" : ""));
                sleep(delay);
            }
        }
        String sha = Hashing.sha256(part);
        if (!sha.equals(original.sha256())) {
            long size = Files.size(part);
            Files.delete(part);
            throw new FetchException(forFile + ": SHA-256 mismatch for " + uri + ": got " + sha + " (" + size + " bytes), the manifest pins "
                    + original.sha256() + " (" + original.bytes() + " bytes); the download was deleted");
        }
        Files.move(part, done, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        return done;
    }

    /** One request: appends to {@code part} after a 206, rewrites it after a 200. */
    private void transfer(URI uri, Original original, Path part, long have, String forFile) throws IOException {
        HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
        try {
            c.setConnectTimeout((int) settings.connectTimeout().toMillis());
            c.setReadTimeout((int) settings.readTimeout().toMillis());
            c.setRequestProperty("User-Agent", "rarec-data-fetch");
            c.setRequestProperty("Accept-Encoding", "identity");
            if (have > 0) c.setRequestProperty("Range", "bytes=" + have + "-");
            int code = c.getResponseCode();
            boolean append = false;
            if (code == 206 && have > 0) {
                String range = c.getHeaderField("Content-Range");
                if (range == null || !range.startsWith("bytes " + have + "-")) {
                    Files.deleteIfExists(part);
                    throw new Retryable("answered Range " + have + "- with Content-Range " + range);
                }
                append = true;
            } else if (code == 200) {
                if (have > 0) listener.message(uri + " ignored the Range request: restarting from byte 0 (" + have + " bytes discarded)");
            } else if (code == 416) {
                Files.deleteIfExists(part);
                throw new Retryable("HTTP 416 for Range " + have + "-");
            } else if (code >= 500 || code == 408 || code == 429) {
                throw new Retryable("HTTP " + code);
            } else {
                throw new FetchException(forFile + ": HTTP " + code + " for " + uri + " (not retried)");
            }
            long written = append ? have : 0;
            progress.at(original, written);
            try (InputStream in = c.getInputStream();
                 OutputStream out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                         append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING)) {
                byte[] buf = new byte[1 << 16];
                for (int n = in.read(buf); n >= 0; n = in.read(buf)) {
                    if (written + n > original.bytes()) {
                        throw new FetchException(forFile + ": " + uri + " sent more than the " + original.bytes() + " bytes the manifest pins");
                    }
                    out.write(buf, 0, n);
                    written += n;
                    progress.at(original, written);
                }
            }
        } catch (FetchException e) {
            Files.deleteIfExists(part);
            throw e;
        } finally {
            c.disconnect();
        }
    }

    private static String describe(IOException e) {
        return e instanceof Retryable ? e.getMessage() : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new FetchException("interrupted while waiting to retry");
        }
    }
}
