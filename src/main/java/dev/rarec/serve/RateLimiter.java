package dev.rarec.serve;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: each client may send {@code perMinute} requests in a burst, and
 * regains one every {@code 60 / perMinute} seconds. A request beyond that is refused with the time until
 * the next one is allowed (what the server sends as {@code Retry-After}). Buckets of clients that have
 * been idle long enough to be full again are dropped, so the map stays small.
 */
final class RateLimiter {
    private static final int PRUNE_ABOVE = 10_000;

    private final int perMinute;
    private final long nanosPerToken;
    private final LongSupplier clock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    private static final class Bucket {
        double tokens;
        long updated;

        Bucket(double tokens, long updated) {
            this.tokens = tokens;
            this.updated = updated;
        }
    }

    RateLimiter(int perMinute, LongSupplier clock) {
        if (perMinute < 1) throw new IllegalArgumentException("the rate limit must be at least 1 request a minute, got " + perMinute);
        this.perMinute = perMinute;
        this.nanosPerToken = Duration.ofMinutes(1).toNanos() / perMinute;
        this.clock = clock;
    }

    RateLimiter(int perMinute) {
        this(perMinute, System::nanoTime);
    }

    /** Empty when {@code client} may go ahead (and is charged one request), else how long it must wait. */
    Optional<Duration> admit(String client) {
        long now = clock.getAsLong();
        if (buckets.size() > PRUNE_ABOVE) prune(now);
        Bucket b = buckets.computeIfAbsent(client, c -> new Bucket(perMinute, now));
        synchronized (b) {
            b.tokens = Math.min(perMinute, b.tokens + (now - b.updated) / (double) nanosPerToken);
            b.updated = now;
            if (b.tokens >= 1) {
                b.tokens -= 1;
                return Optional.empty();
            }
            return Optional.of(Duration.ofNanos((long) Math.ceil((1 - b.tokens) * nanosPerToken)));
        }
    }

    private void prune(long now) {
        long refill = nanosPerToken * perMinute;
        buckets.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return now - e.getValue().updated >= refill;
            }
        });
    }
}
