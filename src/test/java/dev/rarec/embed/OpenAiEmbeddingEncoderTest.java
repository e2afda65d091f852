package dev.rarec.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.rarec.util.Json;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The OpenAI-compatible encoder against a fake {@code /v1/embeddings} server on loopback. */
class OpenAiEmbeddingEncoderTest {
    private static final String KEY = "sk-test-SECRET-0123456789";

    /** What the fake server answers to its n-th request (0-based). */
    private interface Script {
        void answer(int n, JsonNode request, HttpExchange exchange) throws IOException;
    }

    private HttpServer server;
    private ExecutorService serverThreads;
    private volatile Script script;
    private final AtomicInteger requests = new AtomicInteger();
    private final List<JsonNode> bodies = Collections.synchronizedList(new ArrayList<>());
    private final List<String> authHeaders = Collections.synchronizedList(new ArrayList<>());
    private final List<String> paths = Collections.synchronizedList(new ArrayList<>());
    private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            byte[] raw = exchange.getRequestBody().readAllBytes();
            JsonNode body = Json.MAPPER.readTree(raw);
            bodies.add(body);
            paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
            authHeaders.add(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
            try {
                script.answer(requests.getAndIncrement(), body, exchange);
            } finally {
                exchange.close();
            }
        });
        serverThreads = Executors.newCachedThreadPool();
        server.setExecutor(serverThreads);
        server.start();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
        serverThreads.shutdownNow();
    }

    private String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
    }

    private OpenAiEmbeddingEncoder encoder(Map<String, String> env, Duration timeout) {
        return new OpenAiEmbeddingEncoder("test-embed", baseUrl(), "RAREC_TEST_KEY", env::get, timeout, 5, log::add);
    }

    private OpenAiEmbeddingEncoder encoder() {
        return encoder(Map.of("RAREC_TEST_KEY", KEY), Duration.ofSeconds(5));
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** A valid answer: input i gets the vector (i+1, 2, 0), listed in reverse order to test the index field. */
    private static void ok(HttpExchange exchange, JsonNode request) throws IOException {
        StringBuilder data = new StringBuilder();
        int n = request.get("input").size();
        for (int i = n - 1; i >= 0; i--) {
            if (data.length() > 0) data.append(',');
            data.append("{\"object\":\"embedding\",\"index\":").append(i).append(",\"embedding\":[").append(i + 1).append(",2,0]}");
        }
        send(exchange, 200, "{\"object\":\"list\",\"data\":[" + data + "],\"model\":\"test-embed\",\"usage\":{\"prompt_tokens\":3}}");
    }

    @Test
    void sendsTheOpenAiRequestShapeAndReadsVectorsByIndex() {
        script = (n, req, ex) -> ok(ex, req);
        OpenAiEmbeddingEncoder encoder = encoder();
        float[][] v = encoder.encode(List.of("first text", "second text"));

        assertThat(paths).containsExactly("POST /v1/embeddings");
        JsonNode body = bodies.get(0);
        assertThat(body.get("model").asText()).isEqualTo("test-embed");
        assertThat(body.get("input").get(0).asText()).isEqualTo("first text");
        assertThat(body.get("input").get(1).asText()).isEqualTo("second text");
        assertThat(authHeaders).containsExactly("Bearer " + KEY);
        assertThat(v[0][0] / v[0][1]).isCloseTo(0.5f, within(1e-6f));
        assertThat(v[1][0] / v[1][1]).isCloseTo(1.0f, within(1e-6f));
        assertThat(v[1][0] * v[1][0] + v[1][1] * v[1][1]).isCloseTo(1.0f, within(1e-5f));
        assertThat(encoder.dimension()).isEqualTo(3);
        assertThat(encoder.modelId()).isEqualTo("openai:test-embed");
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void splitsLargeCallsIntoSeveralRequests() {
        script = (n, req, ex) -> ok(ex, req);
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < OpenAiEmbeddingEncoder.MAX_INPUTS_PER_REQUEST + 10; i++) texts.add("text " + i);
        float[][] v = encoder().encode(texts);
        assertThat(requests.get()).isEqualTo(2);
        assertThat(bodies.get(1).get("input")).hasSize(10);
        assertThat(v[OpenAiEmbeddingEncoder.MAX_INPUTS_PER_REQUEST][0] / v[OpenAiEmbeddingEncoder.MAX_INPUTS_PER_REQUEST][1])
                .isCloseTo(0.5f, within(1e-6f));
    }

    @Test
    void retriesAfter429And500ThenSucceeds() {
        script = (n, req, ex) -> {
            if (n == 0) {
                ex.getResponseHeaders().add("Retry-After", "0");
                send(ex, 429, "{\"error\":{\"message\":\"Rate limit reached\"}}");
            } else if (n == 1) {
                send(ex, 500, "{\"error\":{\"message\":\"internal error\"}}");
            } else {
                ok(ex, req);
            }
        };
        float[][] v = encoder().encode(List.of("a", "b"));
        assertThat(v).hasNumberOfRows(2);
        assertThat(requests.get()).isEqualTo(3);
        assertThat(log).hasSize(2);
        assertThat(log).element(0).asString().contains("HTTP 429").contains("retry 1/");
        assertThat(log).element(1).asString().contains("HTTP 500").contains("retry 2/");
    }

    @Test
    void retriesATimeout() {
        script = (n, req, ex) -> {
            if (n == 0) {
                try {
                    Thread.sleep(1500);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            ok(ex, req);
        };
        float[][] v = encoder(Map.of(), Duration.ofMillis(400)).encode(List.of("a"));
        assertThat(v).hasNumberOfRows(1);
        assertThat(log).singleElement().asString().contains("no answer within");
    }

    @Test
    void malformedJsonIsAClearErrorWithoutRetry() {
        script = (n, req, ex) -> send(ex, 200, "{\"data\": [ {\"embedding\": [0.1, 0.2 ");
        assertThatThrownBy(() -> encoder().encode(List.of("a")))
                .isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("malformed JSON").hasMessageContaining("/v1/embeddings");
        assertThat(requests.get()).isEqualTo(1);
    }

    @Test
    void wrongShapesAreClearErrors() {
        script = (n, req, ex) -> send(ex, 200, "{\"data\":[{\"index\":0,\"embedding\":[1,2]}]}");
        assertThatThrownBy(() -> encoder().encode(List.of("a", "b"))).hasMessageContaining("returned 1 embeddings for 2 inputs");
        script = (n, req, ex) -> send(ex, 200, "{\"data\":[{\"index\":0,\"embedding\":\"AAAA\"}]}");
        assertThatThrownBy(() -> encoder().encode(List.of("a"))).hasMessageContaining("data[0].embedding is not a list of numbers");
        script = (n, req, ex) -> send(ex, 200, "{\"error\":\"nope\"}");
        assertThatThrownBy(() -> encoder().encode(List.of("a"))).hasMessageContaining("without a \"data\" array");
    }

    @Test
    void theKeyNeverAppearsInErrorsLogsOrNames() {
        // A server that echoes the Authorization header back, as some proxies do.
        script = (n, req, ex) -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            if (n == 0) send(ex, 503, "{\"error\":\"overloaded, your header was " + auth + "\"}");
            else send(ex, 401, "{\"error\":\"invalid key " + auth + "\"}");
        };
        OpenAiEmbeddingEncoder encoder = encoder();
        Throwable error = org.assertj.core.api.Assertions.catchThrowable(() -> encoder.encode(List.of("a")));
        assertThat(error).isInstanceOf(EmbeddingException.class)
                .hasMessageContaining("HTTP 401").hasMessageContaining("RAREC_TEST_KEY").hasMessageNotContaining(KEY);
        assertThat(log).isNotEmpty().allSatisfy(line -> assertThat(line).doesNotContain(KEY));
        assertThat(String.join("\n", log)).contains("***");
        assertThat(encoder.toString()).doesNotContain(KEY).contains("RAREC_TEST_KEY");
        assertThat(encoder.modelId()).doesNotContain(KEY);
    }

    @Test
    void givesUpAfterTheLastAttemptNamingTheProblem() {
        script = (n, req, ex) -> send(ex, 503, "busy");
        assertThatThrownBy(() -> encoder().encode(List.of("a")))
                .hasMessageContaining("failed " + OpenAiEmbeddingEncoder.MAX_ATTEMPTS + " times").hasMessageContaining("HTTP 503");
        assertThat(requests.get()).isEqualTo(OpenAiEmbeddingEncoder.MAX_ATTEMPTS);
    }

    @Test
    void noKeyMeansNoAuthorizationHeaderAndAHintOn401() {
        script = (n, req, ex) -> send(ex, 401, "{\"error\":\"missing key\"}");
        assertThatThrownBy(() -> encoder(Map.of(), Duration.ofSeconds(5)).encode(List.of("a")))
                .hasMessageContaining("RAREC_TEST_KEY").hasMessageContaining("not set");
        assertThat(authHeaders).containsExactly("null");
    }

    @Test
    void embedsACorpusThroughTheCacheOnce(@org.junit.jupiter.api.io.TempDir java.nio.file.Path tmp) {
        script = (n, req, ex) -> ok(ex, req);
        EmbeddingCache cache = EmbeddingCache.open(tmp);
        List<String> texts = List.of("x", "y", "z");
        cache.embed(encoder(), texts, 2, EmbeddingListener.NONE);
        assertThat(requests.get()).isEqualTo(2);
        EmbeddingCache.open(tmp).embed(encoder(), texts, 2, EmbeddingListener.NONE);
        assertThat(requests.get()).isEqualTo(2);
        assertThat(tmp.resolve("openai_test-embed")).isDirectory();
    }

    @Test
    void encodersFactoryBuildsIt() {
        try (TextEncoder e = Encoders.create("openai:Qwen/Qwen3-Embedding-0.6B", EncoderOptions.defaults().withBaseUrl(baseUrl()))) {
            assertThat(e).isInstanceOf(OpenAiEmbeddingEncoder.class);
            assertThat(e.modelId()).isEqualTo("openai:Qwen/Qwen3-Embedding-0.6B");
        }
        assertThat(Encoders.modelId("openai:m", EncoderOptions.defaults())).isEqualTo("openai:m");
        assertThat(Encoders.modelId("minilm", EncoderOptions.defaults())).isEqualTo("all-minilm-l6-v2-q");
        assertThat(Encoders.modelId("bge-small", EncoderOptions.defaults().withMaxTokens(128))).isEqualTo("bge-small-en-v1.5-q-max128");
        assertThat(Encoders.modelId("all-minilm-l6-v2-q-max64", EncoderOptions.defaults())).isEqualTo("all-minilm-l6-v2-q-max64");
        assertThat(Encoders.modelId("minilm-max64", EncoderOptions.defaults())).isEqualTo("all-minilm-l6-v2-q-max64");
        assertThat(Encoders.modelId("minilm", EncoderOptions.defaults().withMaxTokens(256))).isEqualTo("all-minilm-l6-v2-q");
        assertThatThrownBy(() -> Encoders.create("word2vec")).hasMessageContaining("minilm, bge-small").hasMessageContaining("openai:<model>");
    }
}
