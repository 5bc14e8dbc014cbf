package dev.mcpclient;

import dev.mcpclient.schema.ProgressNotification;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Options for one call. Immutable: each option method returns a copy.
 *
 * <pre>{@code
 * client.callTool("search", args, CallOptions.withTimeout(Duration.ofSeconds(2)));
 * client.callTool("build", args, CallOptions.defaults().progress(p -> log.info("{}/{}", p.progress(), p.total())));
 * client.callTool("crawl", args, CallOptions.withTimeout(Duration.ofSeconds(10))   // idle at most 10 s between progress
 *         .maxTotalTimeout(Duration.ofMinutes(5)));                                   // and 5 min in all
 * client.callTool("echo", args, CallOptions.defaults().meta(Map.of("traceId", "abc")));   // params._meta
 * }</pre>
 *
 * <p>Cancelling a call (disposing its {@code Mono}) sends {@code notifications/cancelled} to the server.
 *
 * @param timeout the timeout, or {@code null} for the client's default
 * @param progress the progress listener, or {@code null} when the call does not ask for progress
 * @param maxTotalTimeout the maximum total timeout when progress restarts the timeout, or {@code null} when it does not
 * @param meta the entries added to the request's {@code _meta}, or {@code null} for none
 * @since 0.2.0
 */
public record CallOptions(Duration timeout, Consumer<ProgressNotification> progress, Duration maxTotalTimeout,
        Map<String, Object> meta) {

    private static final CallOptions DEFAULTS = new CallOptions(null, null, null, null);

    /** Checks the options: durations positive when given; {@code meta} copied. */
    public CallOptions {
        positiveIfSet(timeout, "timeout");
        positiveIfSet(maxTotalTimeout, "maxTotalTimeout");
        meta = meta == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(meta));
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
        return new CallOptions(Objects.requireNonNull(timeout, "timeout"), progress, maxTotalTimeout, meta);
    }

    /**
     * A copy whose call asks the server for progress: the client puts a progress token of its own in
     * the request's {@code _meta} and hands every {@code notifications/progress} with that token to
     * {@code listener}, in arrival order, off the I/O threads, all before the call's outcome.
     */
    public CallOptions progress(Consumer<ProgressNotification> listener) {
        return new CallOptions(timeout, Objects.requireNonNull(listener, "listener"), maxTotalTimeout, meta);
    }

    /**
     * A copy whose timeout restarts with every progress notification of the call, bounded by
     * {@code maxTotalTimeout} from the call's start. The call asks for progress (a progress token in
     * {@code _meta}) even without a {@link #progress(Consumer) listener}. A call that reaches the
     * total fails with an {@link McpTimeoutException} whose {@link McpTimeoutException#isMaxTotalTimeout()}
     * is true, and is cancelled on the server.
     */
    public CallOptions maxTotalTimeout(Duration maxTotalTimeout) {
        return new CallOptions(timeout, progress, Objects.requireNonNull(maxTotalTimeout, "maxTotalTimeout"), meta);
    }

    /**
     * A copy that adds these entries to the request's {@code _meta} (after the request's own
     * {@code _meta}; the client's {@code progressToken} is always its own).
     */
    public CallOptions meta(Map<String, ?> meta) {
        Objects.requireNonNull(meta, "meta");
        return new CallOptions(timeout, progress, maxTotalTimeout, new LinkedHashMap<>(meta));
    }

    private static void positiveIfSet(Duration d, String name) {
        if (d != null && (d.isNegative() || d.isZero())) {
            throw new IllegalArgumentException(name + " must be positive: " + d);
        }
    }

    @Override
    public String toString() {
        return "CallOptions[timeout=" + timeout + ", progress=" + (progress != null) + ", maxTotalTimeout="
                + maxTotalTimeout + ", meta=" + (meta == null ? "none" : meta.keySet()) + "]";
    }
}
