package dev.rarec.data.fetch;

import java.time.Duration;

/**
 * How a fetch talks to the network.
 *
 * @param mirror         base URL replacing the origin's scheme and host (null: the origins themselves)
 * @param maxAttempts    attempts per original before giving up (retries on 5xx, 408, 429, timeouts, dropped connections)
 * @param backoff        wait before the first retry; doubled before each next one
 * @param connectTimeout TCP connect timeout
 * @param readTimeout    longest silence on an open connection before it counts as stalled
 */
public record FetchSettings(String mirror, int maxAttempts, Duration backoff, Duration connectTimeout, Duration readTimeout) {
    /** Env variable naming a mirror when {@code --mirror} is not given. */
    public static final String MIRROR_ENV = "RAREC_DATA_MIRROR";

    public FetchSettings {
        if (maxAttempts < 1) throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
    }

    /** Six attempts, 1 s first backoff (1+2+4+8+16 s at most), 15 s connect and 30 s read timeouts. */
    public static FetchSettings defaults(String mirror) {
        return new FetchSettings(mirror, 6, Duration.ofSeconds(1), Duration.ofSeconds(15), Duration.ofSeconds(30));
    }
}
