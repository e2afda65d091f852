package dev.rarec.embed;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rarec.util.Json;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Embeds texts through any OpenAI-compatible {@code POST {baseUrl}/embeddings} endpoint: OpenAI,
 * or a local vLLM / text-embeddings-inference / Ollama server, which is how the paper's
 * Qwen3-Embedding is served.
 *
 * <p>Rate limits (429), server errors (5xx), timeouts and dropped connections are retried with
 * exponential backoff (honouring {@code Retry-After}); other failures stop at once with the status
 * and the server's message. The API key is read from an environment variable whose name is
 * configured; it is sent in the Authorization header and nowhere else: not in {@link #modelId()},
 * {@link #toString()}, log lines or exception messages (server replies are scrubbed of it).
 */
public final class OpenAiEmbeddingEncoder implements TextEncoder {
    /** Inputs per HTTP request; OpenAI accepts up to 2048, local servers prefer fewer. */
    static final int MAX_INPUTS_PER_REQUEST = 256;
    static final int MAX_ATTEMPTS = 6;
    private static final int SNIPPET = 300;

    private final URI endpoint;
    private final String model;
    private final String apiKeyEnv;
    private final Optional<String> apiKey;
    private final HttpClient client;
    private final Duration requestTimeout;
    private final long backoffMillis;
    private final Consumer<String> log;
    private volatile int dimension;

    OpenAiEmbeddingEncoder(String model, String baseUrl, String apiKeyEnv, Function<String, String> environment,
                           Duration requestTimeout, long backoffMillis, Consumer<String> log) {
        if (model == null || model.isBlank()) throw new IllegalArgumentException("the embedding model name is empty");
        String base = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        try {
            this.endpoint = URI.create(base + "/embeddings");
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--base-url " + baseUrl + " is not a URL: " + e.getMessage(), e);
        }
        if (endpoint.getScheme() == null || !endpoint.getScheme().startsWith("http")) {
            throw new IllegalArgumentException("--base-url " + baseUrl + " must start with http:// or https://");
        }
        this.model = model;
        this.apiKeyEnv = apiKeyEnv;
        String key = environment.apply(apiKeyEnv);
        this.apiKey = key == null || key.isBlank() ? Optional.empty() : Optional.of(key.strip());
        this.client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        this.requestTimeout = requestTimeout;
        this.backoffMillis = backoffMillis;
        this.log = log;
    }

    /**
     * @param model     the served model name, e.g. {@code text-embedding-3-small} or {@code Qwen/Qwen3-Embedding-0.6B}
     * @param baseUrl   e.g. {@code https://api.openai.com/v1} or {@code http://localhost:8000/v1}
     * @param apiKeyEnv name of the environment variable holding the key; when unset, no key is sent
     */
    public static OpenAiEmbeddingEncoder create(String model, String baseUrl, String apiKeyEnv) {
        org.slf4j.Logger logger = LoggerFactory.getLogger(OpenAiEmbeddingEncoder.class);
        return new OpenAiEmbeddingEncoder(model, baseUrl, apiKeyEnv, System::getenv, Duration.ofSeconds(120), 1000, logger::warn);
    }

    @Override
    public String modelId() {
        return Encoders.OPENAI_PREFIX + model;
    }

    /** Known after the first request; asking before it sends a one-text probe. */
    @Override
    public int dimension() {
        if (dimension == 0) encode(List.of("dimension probe"));
        return dimension;
    }

    @Override
    public float[][] encode(List<String> texts) {
        float[][] out = new float[texts.size()][];
        for (int from = 0; from < texts.size(); from += MAX_INPUTS_PER_REQUEST) {
            List<String> part = texts.subList(from, Math.min(texts.size(), from + MAX_INPUTS_PER_REQUEST));
            float[][] vectors = request(part);
            System.arraycopy(vectors, 0, out, from, vectors.length);
        }
        return out;
    }

    private float[][] request(List<String> texts) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", model);
        ArrayNode input = body.putArray("input");
        texts.forEach(input::add);
        body.put("encoding_format", "float");
        HttpRequest.Builder builder = HttpRequest.newBuilder(endpoint)
                .timeout(requestTimeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        apiKey.ifPresent(k -> builder.header("Authorization", "Bearer " + k));
        HttpRequest request = builder.build();

        String lastProblem = "";
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            long waitMillis = backoffMillis << (attempt - 1);
            try {
                HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
                int status = response.statusCode();
                if (status == 200) return parse(response.body(), texts.size());
                lastProblem = "HTTP " + status + ": " + snippet(response.body());
                if (status != 429 && status < 500) throw new EmbeddingException(failure(status, response.body()));
                waitMillis = retryAfter(response).orElse(waitMillis);
            } catch (HttpTimeoutException e) {
                lastProblem = "no answer within " + requestTimeout.toSeconds() + " s";
            } catch (IOException e) {
                lastProblem = "connection failed: " + scrub(String.valueOf(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EmbeddingInterruptedException("interrupted while waiting for " + endpoint);
            }
            if (attempt < MAX_ATTEMPTS) {
                log.accept("POST " + endpoint + " (model " + model + ") " + lastProblem + "; retry " + attempt + "/"
                        + (MAX_ATTEMPTS - 1) + " in " + waitMillis + " ms");
                sleep(waitMillis);
            }
        }
        throw new EmbeddingException("POST " + endpoint + " (model " + model + ") failed " + MAX_ATTEMPTS + " times; last: " + lastProblem);
    }

    private float[][] parse(String body, int expected) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new EmbeddingException("POST " + endpoint + " returned malformed JSON (" + scrub(e.getOriginalMessage())
                    + "); body starts with: " + snippet(body));
        }
        JsonNode data = root == null ? null : root.get("data");
        if (data == null || !data.isArray()) {
            throw new EmbeddingException("POST " + endpoint + " returned JSON without a \"data\" array; body starts with: " + snippet(body));
        }
        if (data.size() != expected) {
            throw new EmbeddingException("POST " + endpoint + " returned " + data.size() + " embeddings for " + expected + " inputs");
        }
        float[][] out = new float[expected][];
        for (int i = 0; i < data.size(); i++) {
            JsonNode item = data.get(i);
            int index = item.hasNonNull("index") ? item.get("index").asInt(-1) : i;
            JsonNode embedding = item.get("embedding");
            if (index < 0 || index >= expected || out[index] != null) {
                throw new EmbeddingException("POST " + endpoint + ": data[" + i + "].index is " + item.get("index") + ", not a fresh index below " + expected);
            }
            if (embedding == null || !embedding.isArray() || embedding.isEmpty()) {
                throw new EmbeddingException("POST " + endpoint + ": data[" + i + "].embedding is not a list of numbers");
            }
            float[] v = new float[embedding.size()];
            for (int d = 0; d < v.length; d++) {
                JsonNode x = embedding.get(d);
                if (!x.isNumber() || !Double.isFinite(x.asDouble())) {
                    throw new EmbeddingException("POST " + endpoint + ": data[" + i + "].embedding[" + d + "] is " + x + ", not a finite number");
                }
                v[d] = (float) x.asDouble();
            }
            out[index] = OnnxTextEncoder.normalise(v);
        }
        int dim = out[0].length;
        for (int i = 1; i < out.length; i++) {
            if (out[i].length != dim) {
                throw new EmbeddingException("POST " + endpoint + ": embedding " + i + " has " + out[i].length + " dimensions, embedding 0 has " + dim);
            }
        }
        if (dimension != 0 && dimension != dim) {
            throw new EmbeddingException("POST " + endpoint + ": model " + model + " now returns " + dim + " dimensions, earlier " + dimension);
        }
        dimension = dim;
        return out;
    }

    private String failure(int status, String body) {
        String hint = switch (status) {
            case 401, 403 -> "; check that environment variable " + apiKeyEnv + " holds a valid API key"
                    + (apiKey.isPresent() ? "" : " (it is not set)");
            case 404 -> "; check --base-url (usually ending in /v1) and the model name";
            default -> "";
        };
        return "POST " + endpoint + " (model " + model + ") failed with HTTP " + status + ": " + snippet(body) + hint;
    }

    private static Optional<Long> retryAfter(HttpResponse<?> response) {
        return response.headers().firstValue("Retry-After").flatMap(v -> {
            try {
                return Optional.of(Math.min(60_000L, Math.max(0L, (long) (Double.parseDouble(v.strip()) * 1000))));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingInterruptedException("interrupted while waiting to retry " + endpoint);
        }
    }

    private String snippet(String body) {
        String s = body == null ? "" : body.strip().replaceAll("\\s+", " ");
        return scrub(s.length() > SNIPPET ? s.substring(0, SNIPPET) + "..." : s);
    }

    /** Removes the key from text a server sent back (some echo the Authorization header). */
    private String scrub(String text) {
        if (text == null) return "";
        return apiKey.map(k -> text.replace(k, "***")).orElse(text);
    }

    @Override
    public String toString() {
        return "OpenAiEmbeddingEncoder[" + endpoint + ", model " + model + ", key from $" + apiKeyEnv
                + (apiKey.isPresent() ? "" : " (unset)") + "]";
    }
}
