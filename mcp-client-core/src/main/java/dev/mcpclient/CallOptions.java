package dev.mcpclient;

import java.time.Duration;
import java.util.Objects;

/**
 * Options for one call. Immutable: each {@code with} method returns a copy.
 *
 * <pre>{@code
 * client.callTool("search", args, CallOptions.withTimeout(Duration.ofSeconds(2)));
 * }</pre>
 */
public final class CallOptions {

    private static final CallOptions DEFAULTS = new CallOptions(null);

    private final Duration timeout;

    private CallOptions(Duration timeout) {
        this.timeout = timeout;
    }

    /** The client's defaults. */
    public static CallOptions defaults() {
        return DEFAULTS;
    }

    /** Options with this timeout for the whole call, including waiting for the session to be ready. */
    public static CallOptions withTimeout(Duration timeout) {
        return DEFAULTS.timeout(timeout);
    }

    /** A copy with this timeout. */
    public CallOptions timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        return new CallOptions(timeout);
    }

    /** The timeout, or {@code null} for the client's default. */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public String toString() {
        return "CallOptions[timeout=" + timeout + "]";
    }
}
