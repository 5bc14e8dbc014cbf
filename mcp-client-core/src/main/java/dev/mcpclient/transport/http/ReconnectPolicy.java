package dev.mcpclient.transport.http;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to reconnect a stream that ended: after the server's {@code retry} when it gave one (never
 * earlier), otherwise after an exponential backoff with jitter; and how many attempts in a row may
 * bring nothing new before giving up.
 *
 * @param initialDelay the first backoff delay
 * @param maxDelay the largest backoff delay
 * @param maxAttemptsWithoutProgress attempts in a row that bring no new event before a request's
 *     stream is given up (the background stream keeps trying at {@code maxDelay})
 * @since 0.2.0
 */
public record ReconnectPolicy(Duration initialDelay, Duration maxDelay, int maxAttemptsWithoutProgress) {

    /** 250 ms doubling up to 30 s; 5 attempts without progress. */
    public static final ReconnectPolicy DEFAULT = new ReconnectPolicy(Duration.ofMillis(250), Duration.ofSeconds(30), 5);

    public ReconnectPolicy {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
            throw new IllegalArgumentException("need 0 <= initialDelay <= maxDelay");
        }
        if (maxAttemptsWithoutProgress < 1) {
            throw new IllegalArgumentException("maxAttemptsWithoutProgress must be at least 1");
        }
    }

    /**
     * The delay before attempt {@code attempt} (0 for the first reconnect).
     *
     * @param retryMillis the server's {@code retry}, or {@code null}: when given it is used as is
     */
    public Duration delay(Long retryMillis, int attempt) {
        if (retryMillis != null) {
            return Duration.ofMillis(retryMillis);
        }
        long base = initialDelay.toMillis() << Math.min(attempt, 20);
        long capped = Math.min(Math.max(base, 0), maxDelay.toMillis());
        // Jitter in [capped/2, capped]: reconnecting clients do not stampede.
        long jittered = capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
        return Duration.ofMillis(jittered);
    }
}
