package dev.rarec.embed;

/**
 * Settings of a {@link TextEncoder} besides its name. Holds the NAME of the environment variable
 * with the API key, never the key, so it can be logged and saved.
 *
 * @param baseUrl   base URL of an OpenAI-compatible API (the encoder posts to {@code baseUrl + "/embeddings"})
 * @param apiKeyEnv environment variable holding the API key; unset means no Authorization header
 * @param maxTokens in-process encoders: input truncation in tokens, 0 = the model's default
 * @param threads   in-process encoders: ONNX Runtime threads, 0 = all available cores
 */
public record EncoderOptions(String baseUrl, String apiKeyEnv, int maxTokens, int threads) {
    public static final String DEFAULT_BASE_URL = "https://api.openai.com/v1";
    public static final String DEFAULT_API_KEY_ENV = "OPENAI_API_KEY";

    public EncoderOptions {
        baseUrl = baseUrl == null || baseUrl.isBlank() ? DEFAULT_BASE_URL : baseUrl.strip();
        apiKeyEnv = apiKeyEnv == null || apiKeyEnv.isBlank() ? DEFAULT_API_KEY_ENV : apiKeyEnv.strip();
        if (maxTokens < 0) throw new IllegalArgumentException("maxTokens must be >= 0, got " + maxTokens);
        if (threads < 0) throw new IllegalArgumentException("threads must be >= 0, got " + threads);
    }

    public static EncoderOptions defaults() {
        return new EncoderOptions(null, null, 0, 0);
    }

    public EncoderOptions withBaseUrl(String url) {
        return new EncoderOptions(url, apiKeyEnv, maxTokens, threads);
    }

    public EncoderOptions withApiKeyEnv(String env) {
        return new EncoderOptions(baseUrl, env, maxTokens, threads);
    }

    public EncoderOptions withMaxTokens(int tokens) {
        return new EncoderOptions(baseUrl, apiKeyEnv, tokens, threads);
    }

    public EncoderOptions withThreads(int n) {
        return new EncoderOptions(baseUrl, apiKeyEnv, maxTokens, n);
    }
}
