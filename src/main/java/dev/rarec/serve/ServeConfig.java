package dev.rarec.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;

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
 * @param token           the bearer token every request must carry; required when {@code host} is not loopback
 * @param requestsPerMinute each client's allowance (a burst of this many, then one every 60/n s); 0 = no limit
 */
public record ServeConfig(String host, int port, int maxBodyBytes, int maxMessages, int maxMessageChars,
                          int maxK, int defaultK, Optional<AccessToken> token, int requestsPerMinute) {
    public static final int DEFAULT_PORT = 8080;

    public ServeConfig {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("port must be 0..65535, got " + port);
        token = token == null ? Optional.empty() : token;
        if (requestsPerMinute < 0) throw new IllegalArgumentException("requestsPerMinute must be >= 0, got " + requestsPerMinute);
        if (maxK < 1) throw new IllegalArgumentException("maxK must be at least 1, got " + maxK);
        if (defaultK < 1 || defaultK > maxK) throw new IllegalArgumentException("defaultK must be 1.." + maxK + ", got " + defaultK);
    }

    /** 64 KiB bodies, 100 messages of at most 4,000 characters, k in 1..50 (10 by default), no token, no rate limit. */
    public static ServeConfig defaults(String host, int port) {
        return new ServeConfig(host, port, 64 * 1024, 100, 4000, 50, 10, Optional.empty(), 0);
    }

    /** The same limits with this token and per-client rate. */
    public ServeConfig withAccess(Optional<AccessToken> newToken, int newRequestsPerMinute) {
        return new ServeConfig(host, port, maxBodyBytes, maxMessages, maxMessageChars, maxK, defaultK, newToken, newRequestsPerMinute);
    }

    /** Refuses a bind that other machines can reach without an access token. */
    public void requireTokenOffLoopback() {
        if (token.isEmpty() && !loopback()) {
            throw new IllegalArgumentException("serving on " + host + ", which other machines can reach, needs an access token: set $"
                    + AccessToken.DEFAULT_ENV + " (or the variable --token-env names; at least " + AccessToken.MIN_LENGTH
                    + " characters); clients send it as "
                    + "'Authorization: Bearer <token>'");
        }
    }

    /** True when {@code host} names a loopback interface (127.0.0.0/8, ::1, localhost), reachable from this machine only. */
    public boolean loopback() {
        try {
            return InetAddress.getByName(host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("cannot resolve --host " + host + ": " + e.getMessage(), e);
        }
    }
}
