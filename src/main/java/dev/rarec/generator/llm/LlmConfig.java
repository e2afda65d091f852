package dev.rarec.generator.llm;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * How to reach an OpenAI-compatible chat endpoint and what to ask it for.
 *
 * @param baseUrl         API root without the trailing slash, e.g. {@code https://api.openai.com/v1},
 *                        {@code https://generativelanguage.googleapis.com/v1beta/openai},
 *                        {@code http://localhost:8000/v1} (vLLM), {@code http://localhost:11434/v1} (Ollama),
 *                        {@code http://localhost:8080/v1} (llama.cpp server)
 * @param model           the model name the endpoint knows
 * @param apiKeyEnv       the NAME of the environment variable holding the API key (the key itself is never
 *                        stored, logged or cached); empty, or unset in the environment, sends no key
 * @param temperature     sampling temperature
 * @param maxTokens       the answer's token limit ({@code max_tokens}; {@code max_completion_tokens} for
 *                        endpoints that refuse the former)
 * @param reasoningEffort {@code reasoning_effort} for thinking models (none, minimal, low, medium, high);
 *                        not sent when empty
 * @param concurrency     at most this many requests in flight
 * @param timeout         per-request timeout
 * @param maxRetries      retries after a 429, a 5xx, a timeout or a connection error
 */
public record LlmConfig(String baseUrl, String model, String apiKeyEnv, double temperature, int maxTokens,
                        Optional<String> reasoningEffort, int concurrency, Duration timeout, int maxRetries) {
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_API_KEY_ENV = "OPENAI_API_KEY";

    public LlmConfig {
        if (baseUrl == null || baseUrl.isBlank()) throw new IllegalArgumentException("LLM base URL is empty (--llm-base-url or $RAREC_LLM_BASE_URL)");
        baseUrl = baseUrl.strip().replaceAll("/+$", "");
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("LLM base URL must start with http:// or https://, got " + baseUrl);
        }
        if (model == null || model.isBlank()) throw new IllegalArgumentException("LLM model is empty (--llm-model or $RAREC_LLM_MODEL)");
        model = model.strip();
        apiKeyEnv = apiKeyEnv == null ? "" : apiKeyEnv.strip();
        if (!(temperature >= 0 && temperature <= 2)) throw new IllegalArgumentException("temperature must be in [0, 2], got " + temperature);
        if (maxTokens < 1) throw new IllegalArgumentException("maxTokens must be >= 1, got " + maxTokens);
        reasoningEffort = (reasoningEffort == null ? Optional.<String>empty() : reasoningEffort)
                .map(String::strip).filter(s -> !s.isEmpty());
        if (concurrency < 1) throw new IllegalArgumentException("concurrency must be >= 1, got " + concurrency);
        if (timeout == null || timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("timeout must be positive, got " + timeout);
        if (maxRetries < 0) throw new IllegalArgumentException("maxRetries must be >= 0, got " + maxRetries);
    }

    /** {@code model} at {@code baseUrl} with the defaults: key in $OPENAI_API_KEY, temperature 0, 512 tokens, 4 in flight, 120 s, 5 retries. */
    public static LlmConfig of(String baseUrl, String model) {
        return new LlmConfig(baseUrl, model, DEFAULT_API_KEY_ENV, 0, 512, Optional.empty(), 4, Duration.ofSeconds(120), 5);
    }

    public LlmConfig withApiKeyEnv(String name) {
        return new LlmConfig(baseUrl, model, name, temperature, maxTokens, reasoningEffort, concurrency, timeout, maxRetries);
    }

    public LlmConfig withSampling(double newTemperature, int newMaxTokens, Optional<String> newReasoningEffort) {
        return new LlmConfig(baseUrl, model, apiKeyEnv, newTemperature, newMaxTokens, newReasoningEffort, concurrency, timeout, maxRetries);
    }

    public LlmConfig withLimits(int newConcurrency, Duration newTimeout, int newMaxRetries) {
        return new LlmConfig(baseUrl, model, apiKeyEnv, temperature, maxTokens, reasoningEffort, newConcurrency, newTimeout, newMaxRetries);
    }

    /**
     * The base URL's host and port, e.g. {@code localhost:11434}: what tells two servers apart in the
     * response cache (never the user information a URL may carry).
     */
    public String host() {
        URI uri = URI.create(baseUrl);
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(java.util.Locale.ROOT);
        return uri.getPort() < 0 ? host : host + ":" + uri.getPort();
    }

    /** The chat endpoint. */
    public String chatUrl() {
        return baseUrl + "/chat/completions";
    }

    /** The settings that change an answer, as sent; part of the response cache key. */
    public Map<String, Object> answerParameters() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("temperature", temperature);
        p.put("max_tokens", maxTokens);
        reasoningEffort.ifPresent(e -> p.put("reasoning_effort", e));
        return p;
    }
}
