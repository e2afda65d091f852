package dev.rarec.generator.llm;

/**
 * A chat call failed for good: a 4xx other than 429, a malformed, empty or truncated answer, or retries
 * exhausted. The message names the endpoint and the cause and never contains the API key.
 *
 * <p>{@link #stopsRun()} separates the failures of one request (a prompt the model could not finish, a
 * server that stayed busy) from those that every following request would meet as well (a refused key,
 * an unknown model or URL, exhausted quota, an endpoint that does not speak the chat API, a rate limit
 * longer than the call may wait): a run must stop at the first of the latter instead of paying for more.
 */
public class LlmException extends RuntimeException {
    private final int status;
    private final boolean stopsRun;

    private LlmException(String message, int status, boolean stopsRun, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.stopsRun = stopsRun;
    }

    public LlmException(String message, int status, Throwable cause) {
        this(message, status, false, cause);
    }

    public LlmException(String message, int status) {
        this(message, status, false, null);
    }

    /** A failure no retry and no other request can get past. */
    static LlmException stoppingRun(String message, int status, Throwable cause) {
        return new LlmException(message, status, true, cause);
    }

    /** True when every further request to this endpoint would fail the same way. */
    public boolean stopsRun() {
        return stopsRun;
    }

    /** The last HTTP status, or 0 when no HTTP answer was received (timeout, connection error). */
    public int status() {
        return status;
    }
}
