package dev.rarec.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rarec.util.Json;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven through chromedriver's W3C WebDriver JSON protocol with nothing
 * but {@code java.net.http}, so the page is tested as a person uses it: typing, clicking, reading.
 * Everything stays on loopback; the browser gets a fresh profile and no background networking.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Process driver;
    private final Path profile;
    private final String base;
    private final String session;

    /** Why the browser cannot run here, or empty when it can. */
    static Optional<String> unavailable() {
        if (!Files.isExecutable(CHROMIUM)) return Optional.of(CHROMIUM + " is not installed (apt-get install chromium chromium-driver)");
        if (!Files.isExecutable(CHROMEDRIVER)) return Optional.of(CHROMEDRIVER + " is not installed (apt-get install chromium-driver)");
        return Optional.empty();
    }

    HeadlessChromium(int width, int height) throws IOException, InterruptedException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        profile = Files.createTempDirectory("rarec-chromium-");
        driver = new ProcessBuilder(CHROMEDRIVER.toString(), "--port=" + port, "--allowed-ips=127.0.0.1")
                .redirectErrorStream(true).redirectOutput(profile.resolve("chromedriver.log").toFile()).start();
        base = "http://127.0.0.1:" + port;
        waitUntilReady();
        ObjectNode caps = Json.MAPPER.createObjectNode();
        ObjectNode options = caps.putObject("capabilities").putObject("alwaysMatch").put("browserName", "chrome")
                .putObject("goog:chromeOptions").put("binary", CHROMIUM.toString());
        var args = options.putArray("args");
        for (String a : List.of("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=" + width + "," + height,
                "--user-data-dir=" + profile.resolve("profile"))) {
            args.add(a);
        }
        JsonNode created = call("POST", "/session", caps);
        session = created.at("/value/sessionId").asText();
        if (session.isEmpty()) throw new IllegalStateException("chromedriver gave no session: " + created);
    }

    private void waitUntilReady() throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (call("GET", "/status", null).at("/value/ready").asBoolean()) return;
            } catch (IOException | IllegalStateException e) {
                // not listening yet
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("chromedriver did not become ready in 60 s (log: " + profile.resolve("chromedriver.log") + ")");
    }

    void open(String url) throws IOException, InterruptedException {
        call("POST", "/session/" + session + "/url", Json.MAPPER.createObjectNode().put("url", url));
    }

    List<String> find(String css) throws IOException, InterruptedException {
        JsonNode r = call("POST", "/session/" + session + "/elements",
                Json.MAPPER.createObjectNode().put("using", "css selector").put("value", css));
        List<String> ids = new ArrayList<>();
        for (JsonNode e : r.get("value")) ids.add(e.get(ELEMENT).asText());
        return ids;
    }

    String one(String css) throws IOException, InterruptedException {
        List<String> ids = find(css);
        if (ids.isEmpty()) throw new IllegalStateException("no element matches " + css);
        return ids.get(0);
    }

    void type(String element, String text) throws IOException, InterruptedException {
        call("POST", "/session/" + session + "/element/" + element + "/value", Json.MAPPER.createObjectNode().put("text", text));
    }

    void click(String element) throws IOException, InterruptedException {
        call("POST", "/session/" + session + "/element/" + element + "/click", Json.MAPPER.createObjectNode());
    }

    String text(String element) throws IOException, InterruptedException {
        return call("GET", "/session/" + session + "/element/" + element + "/text", null).get("value").asText();
    }

    /** Waits until at least {@code count} elements match, returning them; fails after {@code timeout}. */
    List<String> await(String css, int count, Duration timeout) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            List<String> ids = find(css);
            if (ids.size() >= count) return ids;
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("waited " + timeout + " for " + count + " × " + css + ", found " + ids.size());
            }
            Thread.sleep(100);
        }
    }

    byte[] screenshotPng() throws IOException, InterruptedException {
        return Base64.getDecoder().decode(call("GET", "/session/" + session + "/screenshot", null).get("value").asText());
    }

    private JsonNode call(String method, String path, JsonNode body) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json; charset=utf-8");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(Json.MAPPER.writeValueAsString(body)));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        JsonNode json = Json.MAPPER.readTree(r.body());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("WebDriver " + method + " " + path + " → " + r.statusCode() + ": " + json.at("/value/message").asText());
        }
        return json;
    }

    @Override
    public void close() throws IOException {
        try {
            call("DELETE", "/session/" + session, null);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // the driver is stopped below either way
        }
        driver.destroy();
        try {
            if (!driver.waitFor(5, java.util.concurrent.TimeUnit.SECONDS)) driver.destroyForcibly();
        } catch (InterruptedException e) {
            driver.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
