package dev.mcpclient;

import dev.mcpclient.schema.ProgressNotification;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Options for one call. Immutable: each {@code with} method returns a copy.
 *
 * <pre>{@code
 * client.callTool("search", args, CallOptions.withTimeout(Duration.ofSeconds(2)));
 * client.callTool("build", args, CallOptions.defaults().progress(p -> log.info("{}/{}", p.progress(), p.total())));
 * }</pre>
 */
public final class CallOptions {

    private static final CallOptions DEFAULTS = new CallOptions(null, null);

    private final Duration timeout;
    private final Consumer<ProgressNotification> progress;

    private CallOptions(Duration timeout, Consumer<ProgressNotification> progress) {
        this.timeout = timeout;
        this.progress = progress;
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
        return new CallOptions(timeout, progress);
    }

    /**
     * A copy whose call asks the server for progress: the client puts a progress token of its own in
     * the request's {@code _meta} and hands every {@code notifications/progress} with that token to
     * {@code listener}, in arrival order, off the I/O threads, until the call settles.
     */
    public CallOptions progress(Consumer<ProgressNotification> listener) {
        return new CallOptions(timeout, Objects.requireNonNull(listener, "listener"));
    }

    /** The timeout, or {@code null} for the client's default. */
    public Duration timeout() {
        return timeout;
    }

    /** The progress listener, or {@code null} when the call does not ask for progress. */
    public Consumer<ProgressNotification> progress() {
        return progress;
    }

    @Override
    public String toString() {
        return "CallOptions[timeout=" + timeout + ", progress=" + (progress != null) + "]";
    }
}
