package dev.rarec.generator.llm;

/**
 * A chat call failed for good: a 4xx other than 429, a malformed answer, or retries exhausted. The
 * message names the endpoint and the cause and never contains the API key.
 */
public class LlmException extends RuntimeException {
    private final int status;

    public LlmException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    public LlmException(String message, int status) {
        this(message, status, null);
    }

    /** The last HTTP status, or 0 when no HTTP answer was received (timeout, connection error). */
    public int status() {
        return status;
    }
}
