package dev.rarec.bench;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rarec.data.fetch.LayoutFile;
import dev.rarec.data.fetch.Manifest;
import dev.rarec.data.fetch.Original;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * An HTTP server on 127.0.0.1 that plays the public hosts for {@code rarec data fetch --mirror}:
 * it serves each original under its URL path, honours {@code Range: bytes=N-}, and can inject one
 * {@link Fault} per path. Originals are rebuilt from a data dir (a {@code gzip} row's layout file
 * gunzipped, an {@code identical} row's file as is) or read from a folder of originals laid out by
 * host and path.
 */
public final class LoopbackMirror implements AutoCloseable {
    /** What a path's requests run into. */
    public enum Fault {
        /** The first response announces the full length, sends half and closes the connection. */
        TRUNCATED_BODY,
        /** Every response has one byte changed in the middle. */
        WRONG_BYTE,
        /** Every request gets 404. */
        NOT_FOUND,
        /** The first two requests get 500, then the file is served. */
        SERVER_ERROR_TWICE,
        /** The first response sends half the body, then stalls without closing. */
        STALLED_CONNECTION,
        /** The first response is cut like TRUNCATED_BODY, and every Range request is answered with the whole file (200). */
        IGNORES_RANGE
    }

    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, Supplier<byte[]>> files = new ConcurrentHashMap<>();
    private final Map<String, Fault> faults = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, String> lastRange = new ConcurrentHashMap<>();
    private volatile long stallMillis = 60_000;

    private LoopbackMirror() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loopback-mirror");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** An empty mirror; add files with {@link #serve}. */
    public static LoopbackMirror start() {
        try {
            return new LoopbackMirror();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the loopback mirror", e);
        }
    }

    /** The URL to pass as {@code --mirror}. */
    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + server.getAddress().getPort();
    }

    /** Serves {@code content} under the path of {@code original}'s URL. */
    public void serve(Original original, Supplier<byte[]> content) {
        files.put(URI.create(original.url()).getRawPath(), content);
    }

    /**
     * Serves every {@code gzip}/{@code identical} original of {@code manifest} rebuilt from the layout in
     * {@code dataDir}; returns how many it serves. Files absent from the data dir are skipped.
     */
    public int serveFromLayout(Manifest manifest, Path dataDir) {
        int n = 0;
        for (LayoutFile f : manifest.files()) {
            boolean plain = switch (f.derivation()) {
                case GZIP, IDENTICAL -> true;
                default -> false;
            };
            Path file = dataDir.resolve(f.path());
            if (!plain || !Files.isRegularFile(file)) continue;
            serve(f.originals().get(0), () -> read(file, f.gzipped()));
            n++;
        }
        return n;
    }

    /** Serves the originals of {@code manifest} found under {@code folder/<host>/<path>}; returns how many. */
    public int serveFromFolder(Manifest manifest, Path folder) {
        int n = 0;
        for (LayoutFile f : manifest.files()) {
            for (Original o : f.originals()) {
                URI uri = URI.create(o.url());
                Path file = folder.resolve(uri.getHost()).resolve(uri.getPath().substring(1));
                if (Files.isRegularFile(file) && !files.containsKey(uri.getRawPath())) {
                    serve(o, () -> read(file, false));
                    n++;
                }
            }
        }
        return n;
    }

    /** Whether the mirror has a file under {@code original}'s URL path. */
    public boolean serves(Original original) {
        return files.containsKey(URI.create(original.url()).getRawPath());
    }

    public void fault(Original original, Fault fault) {
        faults.put(URI.create(original.url()).getRawPath(), fault);
        requests.remove(URI.create(original.url()).getRawPath());
        lastRange.remove(URI.create(original.url()).getRawPath());
    }

    public void clearFaults() {
        faults.clear();
    }

    /** How long a stalled response stays silent (the client's read timeout should be shorter). */
    public void stallMillis(long millis) {
        this.stallMillis = millis;
    }

    /** The Range header of the last request for {@code original} ("none" without one). */
    public String lastRange(Original original) {
        return lastRange.getOrDefault(URI.create(original.url()).getRawPath(), "none");
    }

    public int requests(Original original) {
        AtomicInteger n = requests.get(URI.create(original.url()).getRawPath());
        return n == null ? 0 : n.get();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getRawPath();
            int nth = requests.computeIfAbsent(path, k -> new AtomicInteger()).incrementAndGet();
            String range = ex.getRequestHeaders().getFirst("Range");
            lastRange.put(path, range == null ? "none" : range);
            Supplier<byte[]> source = files.get(path);
            Fault fault = faults.get(path);
            if (source == null || fault == Fault.NOT_FOUND) {
                ex.sendResponseHeaders(404, -1);
                return;
            }
            if (fault == Fault.SERVER_ERROR_TWICE && nth <= 2) {
                ex.sendResponseHeaders(500, -1);
                return;
            }
            byte[] body = source.get();
            if (fault == Fault.WRONG_BYTE) {
                body = Arrays.copyOf(body, body.length);
                body[body.length / 2] ^= 0x01;
            }
            long from = rangeStart(range);
            if (fault == Fault.IGNORES_RANGE) from = 0;
            if (from > 0 && from < body.length) {
                ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
                ex.sendResponseHeaders(206, body.length - from);
            } else {
                from = 0;
                ex.sendResponseHeaders(200, body.length);
            }
            OutputStream out = ex.getResponseBody();
            boolean cut = nth == 1 && (fault == Fault.TRUNCATED_BODY || fault == Fault.IGNORES_RANGE || fault == Fault.STALLED_CONNECTION);
            if (!cut) {
                out.write(body, (int) from, (int) (body.length - from));
                return;
            }
            out.write(body, 0, body.length / 2);
            out.flush();
            if (fault == Fault.STALLED_CONNECTION) sleep(stallMillis);
            // Closing with bytes missing makes the server drop the connection: the client sees a body cut short.
        } catch (IOException e) {
            // the client went away (e.g. after its read timeout): nothing to answer
        }
    }

    private static long rangeStart(String range) {
        if (range == null || !range.startsWith("bytes=") || !range.endsWith("-")) return 0;
        return Long.parseLong(range.substring(6, range.length() - 1));
    }

    private static byte[] read(Path file, boolean gunzip) {
        try (InputStream in = gunzip ? new GZIPInputStream(Files.newInputStream(file)) : Files.newInputStream(file)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
