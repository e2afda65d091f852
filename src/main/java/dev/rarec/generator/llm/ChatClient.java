package dev.rarec.generator.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.rarec.util.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.ConnectException;
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
import java.util.regex.Pattern;

/**
 * A client for {@code POST {baseUrl}/chat/completions} of any OpenAI-compatible server. It bounds the
 * requests in flight, retries 429s, 5xx answers, timeouts and connection errors with exponential backoff
 * and jitter (honouring {@code Retry-After}) within (1 + retries) request timeouts per call, fails clearly
 * on other 4xx answers (marking those no later request can get past, see {@link LlmException#stopsRun()}),
 * refuses empty and truncated answers, counts tokens, and consults a {@link ResponseCache} first when it
 * has one; only complete answers are cached.
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
    /** An attempt with less time than this left is not worth sending. */
    private static final Duration MIN_ATTEMPT = Duration.ofMillis(50);
    private static final Pattern CLOSED_THINKING = Pattern.compile("(?is)<think(?:ing)?>.*?</think(?:ing)?>");
    private static final Pattern UNCLOSED_THINKING = Pattern.compile("(?is)<think(?:ing)?>(?!.*</think(?:ing)?>)");
    private static final int EXCERPT = 500;
    /** For answers whose endpoint reports no usage: about four characters a token (English text, GPT tokenisers). */
    public static final int CHARS_PER_TOKEN = 4;

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
    private final AtomicLong estimatedTokens = new AtomicLong();

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
                completionTokens.get(), retries.get(), failures.get(), withoutUsage.get(), estimatedTokens.get());
    }

    /**
     * The endpoint's answer to {@code messages}, from the cache when it holds one. Only complete answers
     * are returned and cached: an empty one, or one cut at the token limit, is a failure.
     *
     * @throws LlmException when no answer could be obtained (the message says why; the key is never in it)
     */
    public ChatResponse complete(List<ChatMessage> messages) {
        Optional<ChatResponse> hit = cache.flatMap(c -> c.get(config, messages)).filter(r -> incompleteness(r).isEmpty());
        if (hit.isPresent()) {
            cacheHits.incrementAndGet();
            return hit.get();
        }
        ChatResponse response;
        try {
            response = send(messages);
            Optional<String> incomplete = incompleteness(response);
            if (incomplete.isPresent()) throw new LlmException(endpoint() + " " + incomplete.get(), 200);
        } catch (LlmException e) {
            failures.incrementAndGet();
            throw e;
        }
        completions.incrementAndGet();
        cache.ifPresent(c -> c.put(config, messages, response));
        return response;
    }

    /**
     * Why an answer cannot be used, if it cannot: it stopped at the token limit (a thinking model that
     * spent the budget thinking, or a list cut short), its thinking was cut off, or it holds nothing.
     */
    Optional<String> incompleteness(ChatResponse r) {
        String fix = "; raise --llm-max-tokens (now " + config.maxTokens() + ")"
                + (config.reasoningEffort().isPresent() ? " or lower --llm-reasoning-effort" : "");
        if ("length".equals(r.finishReason())) {
            return Optional.of("stopped at the " + config.maxTokens() + "-token limit before finishing its answer" + fix);
        }
        if (UNCLOSED_THINKING.matcher(r.content()).find()) {
            return Optional.of("answered with reasoning that never ended (no closing </think>)" + fix);
        }
        if (CLOSED_THINKING.matcher(r.content()).replaceAll("").isBlank() && r.reasoning().isBlank()) {
            return Optional.of("answered with an empty message (finish_reason \"" + r.finishReason() + "\")");
        }
        return Optional.empty();
    }

    private ChatResponse send(List<ChatMessage> messages) {
        // One call may take (1 + retries) request timeouts in all, waits between attempts included.
        long deadline = System.nanoTime() + config.timeout().toNanos() * (config.maxRetries() + 1);
        String lastError = "";
        int lastStatus = 0;
        boolean lastUnreachable = false;
        int attempts = 0;
        for (int attempt = 0; attempt <= config.maxRetries(); attempt++) {
            Duration left = Duration.ofNanos(deadline - System.nanoTime());
            if (left.compareTo(MIN_ATTEMPT) < 0) break;
            if (attempt > 0) retries.incrementAndGet();
            Duration attemptTimeout = left.compareTo(config.timeout()) < 0 ? left : config.timeout();
            HttpResponse<String> response;
            attempts++;
            try {
                response = post(body(messages), attemptTimeout);
            } catch (HttpTimeoutException e) {
                lastError = "timed out after " + attemptTimeout.toMillis() + " ms (--llm-timeout)";
                lastStatus = 0;
                lastUnreachable = false;
                backoff(attempt, Optional.empty(), lastError, deadline);
                continue;
            } catch (IOException e) {
                String cause = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
                lastError = "cannot connect to " + config.chatUrl() + ": " + redact(cause);
                lastStatus = 0;
                lastUnreachable = e instanceof ConnectException;
                backoff(attempt, Optional.empty(), lastError, deadline);
                continue;
            }
            int status = response.statusCode();
            if (status / 100 == 2) return parse(response.body(), messages);
            lastStatus = status;
            lastUnreachable = false;
            lastError = "HTTP " + status + ": " + excerpt(response.body());
            if (status == 402 || response.body().contains("insufficient_quota")) {
                throw LlmException.stoppingRun(endpoint() + " refused the request for lack of quota or credit: " + lastError, status, null);
            }
            if (status == 429 || status == 408 || status / 100 == 5) {
                backoff(attempt, retryAfter(response), lastError, deadline);
                continue;
            }
            if (status == 400 && adaptTo(response.body())) {
                attempt--;
                continue;
            }
            String message = endpoint() + " refused the request with " + lastError + hint(status);
            if (status == 401 || status == 403 || status == 404) throw LlmException.stoppingRun(message, status, null);
            throw new LlmException(message, status);
        }
        String message = endpoint() + " failed after " + attempts + (attempts == 1 ? " attempt" : " attempts") + "; last: " + lastError;
        // Nothing listening at the address: every further call would wait through the same retries.
        if (lastUnreachable) throw LlmException.stoppingRun(message, 0, null);
        throw new LlmException(message, lastStatus);
    }

    private HttpResponse<String> post(String body, Duration timeout) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(config.chatUrl()))
                .timeout(timeout)
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

    private ChatResponse parse(String body, List<ChatMessage> messages) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw LlmException.stoppingRun(endpoint() + " answered with malformed JSON (is this an OpenAI-compatible chat API?): " + excerpt(body), 200, e);
        }
        if (root == null || !root.isObject()) {
            throw LlmException.stoppingRun(endpoint() + " answered with JSON that is not an object: " + excerpt(body), 200, null);
        }
        if (root.hasNonNull("error")) {
            throw LlmException.stoppingRun(endpoint() + " answered with an error: " + excerpt(root.get("error").toString()), 200, null);
        }
        JsonNode choice = root.path("choices").path(0);
        if (!choice.isObject()) {
            throw LlmException.stoppingRun(endpoint() + " answered without choices: " + excerpt(body), 200, null);
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
            long chars = content.length() + reasoning.length();
            for (ChatMessage m : messages) chars += m.content().length();
            estimatedTokens.addAndGet((chars + CHARS_PER_TOKEN - 1) / CHARS_PER_TOKEN);
        } else {
            promptTokens.addAndGet(prompt);
            completionTokens.addAndGet(completion);
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

    /**
     * Waits before the next attempt: as long as the server's Retry-After asks, else exponentially with
     * jitter. A Retry-After longer than what is left of the call's time stops the run at once (the server
     * is rate-limiting for longer than any call may wait, so the next calls would only wait too).
     */
    private void backoff(int attempt, Optional<Duration> retryAfter, String error, long deadline) {
        if (attempt >= config.maxRetries()) return;
        Duration left = Duration.ofNanos(deadline - System.nanoTime());
        if (retryAfter.isPresent() && retryAfter.get().compareTo(left) > 0) {
            throw LlmException.stoppingRun(endpoint() + " asks to retry after " + retryAfter.get().toSeconds() + " s, more than the "
                    + left.toSeconds() + " s this call has left (--llm-timeout x (1 + --llm-max-retries)); last: " + error
                    + "; try again later", 429, null);
        }
        Duration delay = retryAfter.orElseGet(() -> {
            long cap = Math.min(MAX_BACKOFF.toMillis(), baseBackoff.toMillis() << Math.min(attempt, 20));
            // Equal jitter: half fixed so retries back off, half random so parallel callers spread out.
            return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
        });
        if (delay.compareTo(left) > 0) delay = left;
        LOG.warn("{} {}; retrying in {} ms (retry {}/{})", endpoint(), error, delay.toMillis(), attempt + 1, config.maxRetries());
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LlmException("interrupted while waiting to retry " + endpoint(), 0, e);
        }
    }

    /** Retry-After as seconds or an HTTP date, or OpenAI's retry-after-ms; a date in the past is no wait. */
    static Optional<Duration> retryAfter(HttpResponse<?> response) {
        Optional<Duration> d = response.headers().firstValue("retry-after-ms").flatMap(v -> {
            try {
                return Optional.of(Duration.ofMillis((long) Double.parseDouble(v.strip())));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
        if (d.isEmpty()) d = response.headers().firstValue("retry-after").flatMap(ChatClient::parseRetryAfter);
        return d.map(x -> x.isNegative() ? Duration.ZERO : x);
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
