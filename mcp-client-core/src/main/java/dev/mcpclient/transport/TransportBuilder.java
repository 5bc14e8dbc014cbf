package dev.mcpclient.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * What every transport's builder has: the size limit of one message and how long closing may take.
 * Each transport's builder adds its own options ({@code HttpTransportBuilder} for the two HTTP
 * transports, {@code StdioTransport.Builder} for a server process); an {@code McpClientBuilder} takes
 * a transport builder and builds the transport with the client.
 *
 * @param <B> the concrete builder, returned by every option so that calls chain
 * @since 0.2.0
 */
public abstract class TransportBuilder<B extends TransportBuilder<B>> {

    /** The default size limit of one message: 16 MiB. */
    public static final int DEFAULT_MAX_MESSAGE_SIZE = 16 * 1024 * 1024;
    /** The smallest size limit accepted: 1 KiB. */
    public static final int MIN_MESSAGE_SIZE = 1024;
    /** The default of {@link #closeTimeout(Duration)}: 5 s. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private int maxMessageBytes = DEFAULT_MAX_MESSAGE_SIZE;
    private Duration closeTimeout = DEFAULT_CLOSE_TIMEOUT;

    /** A builder with the defaults. */
    protected TransportBuilder() {
    }

    /**
     * The largest message accepted, in bytes (a JSON body, one event of a stream, one line from a
     * process); at least {@link #MIN_MESSAGE_SIZE}, default {@link #DEFAULT_MAX_MESSAGE_SIZE}.
     */
    public B maxMessageSize(int bytes) {
        if (bytes < MIN_MESSAGE_SIZE) {
            throw new IllegalArgumentException("maxMessageSize must be at least " + MIN_MESSAGE_SIZE + " bytes: " + bytes);
        }
        this.maxMessageBytes = bytes;
        return self();
    }

    /**
     * How long closing may take, per step: over HTTP, how long {@code close} waits for the session's
     * {@code DELETE}; for a server process, how long it waits for the process to exit after its input
     * closed, and again after asking it to stop, before killing it. Default 5 s.
     */
    public B closeTimeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("closeTimeout must be positive: " + timeout);
        }
        this.closeTimeout = timeout;
        return self();
    }

    /** The transport. Each call builds a new one: a transport serves one client. */
    public abstract McpTransport build();

    /** The size limit of one message, in bytes. */
    protected final int maxMessageBytes() {
        return maxMessageBytes;
    }

    /** How long closing may take, per step. */
    protected final Duration closeTimeout() {
        return closeTimeout;
    }

    /** This builder, as its concrete type. */
    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }
}
