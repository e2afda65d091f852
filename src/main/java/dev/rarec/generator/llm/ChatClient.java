package dev.rarec.generator.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rarec.util.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A client for {@code POST {baseUrl}/chat/completions} of any OpenAI-compatible server. It bounds the
 * requests in flight, retries 429s, 5xx answers, timeouts and connection errors with exponential backoff
 * and jitter (honouring {@code Retry-After}), fails clearly on other 4xx answers, counts tokens, and
 * consults a {@link ResponseCache} first when it has one.
 *
 * <p>Servers differ in small ways this absorbs: some omit {@code usage}; thinking models may return a null
 * {@code content} beside {@code reasoning_content}; content may be a list of text parts; OpenAI's reasoning
 * models refuse {@code max_tokens} (then {@code max_completion_tokens} is sent) and a non-default
 * temperature (then none is sent). The API key is read once from the environment variable the
 * configuration names and is never logged, cached or put into an exception message.
 */
public final class ChatClient implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChatClient.class);
    private static final Duration DEFAULT_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(60);
    private static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
    private static final int EXCERPT = 500;

    private final LlmConfig config;
    private final Optional<ResponseCache> cache;
    private final String apiKey;
    private final Duration baseBackoff;
    private final Semaphore inFlight;
    private final ExecutorService executor;
    private final HttpClient http;
    private final AtomicBoolean useMaxCompletionTokens = new AtomicBoolean();
    private final AtomicBoolean omitTemperature = new AtomicBoolean();

    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong completions = new AtomicLong();
    private final AtomicLong cacheHits = new AtomicLong();
    private final AtomicLong promptTokens = new AtomicLong();
    private final AtomicLong completionTokens = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private final AtomicLong withoutUsage = new AtomicLong();

    /** A client without a cache, its key read from the environment variable {@code config.apiKeyEnv()}. */
    public ChatClient(LlmConfig config) {
        this(config, Optional.empty(), System::getenv, DEFAULT_BACKOFF);
    }

    /** A client that answers from {@code cache} when it can and stores every new answer there. */
    public ChatClient(LlmConfig config, ResponseCache cache) {
        this(config, Optional.of(cache), System::getenv, DEFAULT_BACKOFF);
    }

    /** With the environment and the backoff base replaceable, for tests. */
    ChatClient(LlmConfig config, Optional<ResponseCache> cache, Function<String, String> environment, Duration baseBackoff) {
        this.config = config;
        this.cache = cache;
        String key = config.apiKeyEnv().isEmpty() ? null : environment.apply(config.apiKeyEnv());
        this.apiKey = key == null ? "" : key.strip();
        this.baseBackoff = baseBackoff;
        this.inFlight = new Semaphore(config.concurrency(), true);
        this.executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "rarec-llm-http");
            t.setDaemon(true);
            return t;
        });
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(config.timeout())
                .executor(executor)
                .build();
    }

    public LlmConfig config() {
        return config;
    }

    /** True when the environment provided a key (without revealing it). */
    public boolean hasApiKey() {
        return !apiKey.isEmpty();
    }

    public TokenUsage usage() {
        return new TokenUsage(requests.get(), completions.get(), cacheHits.get(), promptTokens.get(),
                completionTokens.get(), retries.get(), failures.get(), withoutUsage.get());
    }

    /**
     * The endpoint's answer to {@code messages}, from the cache when it holds one.
     *
     * @throws LlmException when no answer could be obtained (the message says why; the key is never in it)
     */
    public ChatResponse complete(List<ChatMessage> messages) {
        Optional<String> cacheKey = cache.map(c -> ResponseCache.key(config, messages));
        if (cacheKey.isPresent()) {
            Optional<ChatResponse> hit = cache.get().get(cacheKey.get());
            if (hit.isPresent()) {
                cacheHits.incrementAndGet();
                return hit.get();
            }
        }
        ChatResponse response;
        try {
            response = send(messages);
        } catch (LlmException e) {
            failures.incrementAndGet();
            throw e;
        }
        completions.incrementAndGet();
        if (cacheKey.isPresent() && !response.text().isBlank()) cache.get().put(cacheKey.get(), config, response);
        return response;
    }

    private ChatResponse send(List<ChatMessage> messages) {
        String lastError = "";
        int lastStatus = 0;
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            if (attempt > 0) retries.incrementAndGet();
            HttpResponse<String> response;
            try {
                response = post(body(messages));
            } catch (HttpTimeoutException e) {
                lastError = "timed out after " + config.timeout().toMillis() + " ms";
                lastStatus = 0;
                backoff(attempt, Optional.empty(), lastError);
                continue;
            } catch (IOException e) {
                lastError = "connection failed: " + redact(String.valueOf(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
                lastStatus = 0;
                backoff(attempt, Optional.empty(), lastError);
                continue;
            }
            int status = response.statusCode();
            if (status / 100 == 2) return parse(response.body());
            lastStatus = status;
            lastError = "HTTP " + status + ": " + excerpt(response.body());
            if (status == 429 || status == 408 || status / 100 == 5) {
                backoff(attempt, retryAfter(response), lastError);
                continue;
            }
            if (status == 400 && adaptTo(response.body())) {
                attempt--;
                continue;
            }
            throw new LlmException(endpoint() + " refused the request with " + lastError + hint(status), status);
        }
        throw new LlmException(endpoint() + " failed after " + (config.maxRetries() + 1) + " attempts; last: " + lastError, lastStatus);
    }

    private HttpResponse<String> post(String body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.chatUrl()))
                .timeout(config.timeout())
                .header("Content-Type", "application/json")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (!apiKey.isEmpty()) request.header("Authorization", "Bearer " + apiKey);
        try {
            inFlight.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while waiting to call " + endpoint(), 0, e);
        }
        try {
            requests.incrementAndGet();
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while calling " + endpoint(), 0, e);
        } finally {
            inFlight.release();
        }
    }

    String body(List<ChatMessage> messages) {
        ObjectNode body = Json.MAPPER.createObjectNode();
        body.put("model", config.model());
        ArrayNode array = body.putArray("messages");
        for (ChatMessage m : messages) array.addObject().put("role", m.role()).put("content", m.content());
        if (!omitTemperature.get()) body.put("temperature", config.temperature());
        body.put(useMaxCompletionTokens.get() ? "max_completion_tokens" : "max_tokens", config.maxTokens());
        config.reasoningEffort().ifPresent(e -> body.put("reasoning_effort", e));
        body.put("stream", false);
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Switches to what a 400 says the endpoint wants instead, when it is one of the known parameter
     * dialects (OpenAI reasoning models); true when the request is worth sending again.
     */
    private boolean adaptTo(String errorBody) {
        String b = errorBody.toLowerCase(Locale.ROOT);
        if (b.contains("max_completion_tokens") && b.contains("max_tokens") && !useMaxCompletionTokens.get()) {
            LOG.info("{} wants max_completion_tokens instead of max_tokens; switching", endpoint());
            useMaxCompletionTokens.set(true);
            return true;
        }
        if (b.contains("temperature") && (b.contains("unsupported") || b.contains("not support") || b.contains("only the default"))
                && !omitTemperature.get()) {
            LOG.info("{} does not accept temperature {}; sending none (the model's default)", endpoint(), config.temperature());
            omitTemperature.set(true);
            return true;
        }
        return false;
    }

    private ChatResponse parse(String body) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new LlmException(endpoint() + " answered with malformed JSON: " + excerpt(body), 200, e);
        }
        if (root == null || !root.isObject()) {
            throw new LlmException(endpoint() + " answered with JSON that is not an object: " + excerpt(body), 200);
        }
        if (root.hasNonNull("error")) {
            throw new LlmException(endpoint() + " answered with an error: " + excerpt(root.get("error").toString()), 200);
        }
        JsonNode choice = root.path("choices").path(0);
        if (choice.isMissingNode()) {
            throw new LlmException(endpoint() + " answered without choices: " + excerpt(body), 200);
        }
        JsonNode message = choice.path("message");
        String content = text(message.path("content"));
        String reasoning = text(message.path("reasoning_content"));
        if (reasoning.isEmpty()) reasoning = text(message.path("reasoning"));
        String finish = choice.path("finish_reason").asText("");
        JsonNode usage = root.path("usage");
        int prompt = usage.path("prompt_tokens").asInt(0);
        int completion = usage.path("completion_tokens").asInt(0);
        if (usage.isMissingNode() || usage.isNull()) {
            withoutUsage.incrementAndGet();
        } else {
            promptTokens.addAndGet(prompt);
            completionTokens.addAndGet(completion);
        }
        if (content.isBlank() && "length".equals(finish)) {
            LOG.warn("{} stopped at the {}-token limit before answering; raise --llm-max-tokens or lower the reasoning effort",
                    config.model(), config.maxTokens());
        }
        return new ChatResponse(content, reasoning, finish, prompt, completion, false);
    }

    /** A string, or the concatenated text of a list of content parts, or "" for null. */
    private static String text(JsonNode node) {
        if (node.isTextual()) return node.asText();
        if (node.isArray()) {
            StringBuilder sb = new StringBuilder();
            for (JsonNode part : node) {
                if (part.isTextual()) sb.append(part.asText());
                else if (part.path("text").isTextual()) sb.append(part.path("text").asText());
            }
            return sb.toString();
        }
        return "";
    }

    private void backoff(int attempt, Optional<Duration> retryAfter, String error) {
        if (attempt >= config.maxRetries()) return;
        Duration delay = retryAfter.orElseGet(() -> {
            long cap = Math.min(MAX_BACKOFF.toMillis(), baseBackoff.toMillis() << Math.min(attempt, 20));
            // Equal jitter: half fixed so retries back off, half random so parallel callers spread out.
            return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
        });
        LOG.warn("{} {}; retrying in {} ms (retry {}/{})", endpoint(), error, delay.toMillis(), attempt + 1, config.maxRetries());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while waiting to retry " + endpoint(), 0, e);
        }
    }

    /** Retry-After as seconds or an HTTP date, or OpenAI's retry-after-ms; capped so a bad value cannot stall a run. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<Duration> d = response.headers().firstValue("retry-after-ms").flatMap(v -> {
            try {
                return Optional.of(Duration.ofMillis((long) Double.parseDouble(v.strip())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
        if (d.isEmpty()) d = response.headers().firstValue("retry-after").flatMap(ChatClient::parseRetryAfter);
        return d.map(x -> x.isNegative() ? Duration.ZERO : x.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : x);
    }

    static Optional<Duration> parseRetryAfter(String value) {
        String v = value.strip();
        try {
            return Optional.of(Duration.ofMillis((long) (Double.parseDouble(v) * 1000)));
        } catch (NumberFormatException ignored) {
            // not seconds: try an HTTP date
        }
        try {
            ZonedDateTime at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME);
            return Optional.of(Duration.between(ZonedDateTime.now(at.getZone()), at));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }

    private String hint(int status) {
        if (status == 401 || status == 403) {
            return apiKey.isEmpty()
                    ? " (no API key was sent: set the environment variable " + (config.apiKeyEnv().isEmpty() ? "named by --llm-api-key-env" : config.apiKeyEnv()) + ")"
                    : " (check the key in $" + config.apiKeyEnv() + " and its access to model " + config.model() + ")";
        }
        if (status == 404) return " (check the base URL " + config.baseUrl() + " and the model name " + config.model() + ")";
        return "";
    }

    private String endpoint() {
        return "POST " + config.chatUrl() + " (model " + config.model() + ")";
    }

    private String excerpt(String body) {
        String b = redact(body == null ? "" : body.strip().replaceAll("\\s+", " "));
        return b.length() <= EXCERPT ? b : b.substring(0, EXCERPT) + "…";
    }

    private String redact(String text) {
        return apiKey.isEmpty() ? text : text.replace(apiKey, "***");
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
