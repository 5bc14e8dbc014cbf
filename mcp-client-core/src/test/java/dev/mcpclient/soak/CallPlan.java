package dev.mcpclient.soak;

import dev.mcpclient.CallOptions;
import java.time.Duration;
import java.util.SplittableRandom;

/**
 * Everything seeded about call {@code n}: its fault and the fault's details. The caller and the
 * server each compute it from the seed and the call number the call carries, so they agree without
 * sharing state.
 *
 * @param n the call number (the {@code n} argument of the {@code tools/call})
 * @param fault what the server does with it
 * @param callTimeout the call's own timeout ({@link Fault#TIMEOUT}), or {@code null} for the client's
 * @param delayMillis how long a {@link Fault#SLOW} answer is held
 * @param late whether a {@link Fault#TIMEOUT} call is answered after its timeout (else never)
 */
record CallPlan(long n, Fault fault, Duration callTimeout, int delayMillis, boolean late) {

    static CallPlan of(long seed, long n) {
        Fault fault = Fault.of(seed, n);
        SplittableRandom random = Fault.random(seed, n).split(); // not the draw that picked the fault
        Duration timeout = fault == Fault.TIMEOUT ? Duration.ofMillis(200 + random.nextInt(600)) : null;
        int delay = fault == Fault.SLOW ? 20 + random.nextInt(SoakConfig.SLOW_MAX_MILLIS - 20) : 0;
        return new CallPlan(n, fault, timeout, delay, random.nextBoolean());
    }

    /** The options the call is made with. */
    CallOptions options() {
        return callTimeout == null ? CallOptions.defaults() : CallOptions.withTimeout(callTimeout);
    }

    /** The timeout the call runs under, given the client's. */
    Duration timeout(Duration clientTimeout) {
        return callTimeout == null ? clientTimeout : callTimeout;
    }

    /** The text of the call's own result. */
    String resultText() {
        return "r" + n;
    }
}
