package dev.rarec.serve;

/**
 * Where the API listens and what it accepts.
 *
 * @param host            interface to bind, loopback by default
 * @param port            TCP port; 0 picks a free one
 * @param maxBodyBytes    largest request body, answered 413 beyond
 * @param maxMessages     most messages in one conversation
 * @param maxMessageChars longest message content, in characters
 * @param maxK            most recommendations one request may ask for
 * @param defaultK        recommendations when the request does not say
 */
public record ServeConfig(String host, int port, int maxBodyBytes, int maxMessages, int maxMessageChars,
                          int maxK, int defaultK) {
    public static final int DEFAULT_PORT = 8080;

    public ServeConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        if (maxK < 1) throw new IllegalArgumentException("maxK must be at least 1, got " + maxK);
        if (defaultK < 1 || defaultK > maxK) throw new IllegalArgumentException("defaultK must be 1.." + maxK + ", got " + defaultK);
    }

    /** 127.0.0.1, 64 KiB bodies, 100 messages of at most 4,000 characters, k in 1..50 (10 by default). */
    public static ServeConfig defaults(String host, int port) {
        return new ServeConfig(host, port, 64 * 1024, 100, 4000, 50, 10);
    }
}
