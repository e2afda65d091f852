package dev.rarec.serve;

/**
 * A request or conversation file that cannot be used as sent.
 *
 * @see #status() the HTTP status the API answers with (4xx)
 * @see #field()  the offending field, e.g. {@code messages[1].role}, or {@code body}
 * @see #line()   the line of the JSON text where the problem starts, 0 when unknown
 */
final class RequestError extends RuntimeException {
    private final int status;
    private final String field;
    private final int line;

    RequestError(int status, String field, int line, String message) {
        super(message);
        this.status = status;
        this.field = field;
        this.line = line;
    }

    RequestError(String field, int line, String message) {
        this(400, field, line, message);
    }

    int status() {
        return status;
    }

    String field() {
        return field;
    }

    int line() {
        return line;
    }
}
