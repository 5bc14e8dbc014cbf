package dev.mcpclient.soak;

import java.time.Duration;

/**
 * The soak run's settings, from system properties (all optional):
 * <ul>
 *   <li>{@code soak.duration}: how long calls are made, ISO-8601 ({@code PT3M}, {@code PT10M}); default 3 minutes;</li>
 *   <li>{@code soak.seed}: the seed of every fault and of the schedule of the servers' troubles;</li>
 *   <li>{@code soak.blockingCallers}, {@code soak.reactiveCallers}: callers of each kind (64 each);</li>
 *   <li>{@code soak.servers}: servers, half in each era (4);</li>
 *   <li>{@code soak.timeout}: the clients' request timeout (10 s);</li>
 *   <li>{@code soak.pauseMillis}: the longest pause of a caller between two calls (5 ms; each pause is seeded);</li>
 *   <li>{@code soak.heapMarginMiB}: how far above its baseline the heap may stay after the run (64 MiB).</li>
 * </ul>
 *
 * @param duration how long calls are made
 * @param seed the seed of all that is random
 * @param blockingCallers threads calling the blocking clients in a loop
 * @param reactiveCallers calls in flight at once on the reactive clients
 * @param servers servers, the even ones in the handshake era, the odd ones stateless
 * @param requestTimeout the clients' request timeout
 * @param pauseMillis the longest pause of a caller between two calls
 * @param heapMarginBytes how far above its baseline the heap may stay after the run
 */
record SoakConfig(Duration duration, long seed, int blockingCallers, int reactiveCallers, int servers,
        Duration requestTimeout, int pauseMillis, long heapMarginBytes) {

    /** The longest a {@link Fault#SLOW} answer is held. */
    static final int SLOW_MAX_MILLIS = 800;
    /** How much longer than its timeout a call may take to settle before it counts as hung. */
    static final Duration HANG_GRACE = Duration.ofSeconds(10);
    /** How long after a server's trouble ended its calls may still fail because of it (pooled connections, streams reconnecting). */
    static final Duration TROUBLE_AFTERMATH = Duration.ofSeconds(2);

    static SoakConfig fromSystemProperties() {
        return new SoakConfig(
                Duration.parse(System.getProperty("soak.duration", "PT3M")),
                Long.getLong("soak.seed", 20261215L),
                Integer.getInteger("soak.blockingCallers", 64),
                Integer.getInteger("soak.reactiveCallers", 64),
                Math.max(2, Integer.getInteger("soak.servers", 4)),
                Duration.ofSeconds(Long.getLong("soak.timeout", 10)),
                Math.max(1, Integer.getInteger("soak.pauseMillis", 5)),
                Long.getLong("soak.heapMarginMiB", 64) * 1024 * 1024);
    }

    /** The same settings for a short run without troubles, to warm the JVM up before the baseline is taken. */
    SoakConfig warmUp() {
        return new SoakConfig(Duration.ofSeconds(5), seed + 1, blockingCallers, reactiveCallers, servers, requestTimeout,
                pauseMillis, heapMarginBytes);
    }
}
