package dev.mcpclient.soak;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.McpClientStatus;
import dev.mcpclient.ReactiveMcpClient;
import dev.mcpclient.schema.CreateMessageResult;
import dev.mcpclient.schema.Role;
import dev.mcpclient.schema.TextContent;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The client one kind of caller (blocking or reactive) uses for one server; it can be replaced under
 * load (a new client built, the old one closed while calls are on it).
 */
final class ClientSlot {

    /** One client of the slot, and when it was closed. */
    static final class Handle {
        final McpClient blocking;
        final ReactiveMcpClient reactive;
        private volatile long closedAt = Long.MAX_VALUE;

        Handle(McpClient blocking, ReactiveMcpClient reactive) {
            this.blocking = blocking;
            this.reactive = reactive;
        }

        /** Whether the client was closed before {@code nanos} (its calls may then fail for that). */
        boolean closedBefore(long nanos) {
            return closedAt <= nanos;
        }

        McpClientStatus status() {
            return blocking != null ? blocking.status() : reactive.status();
        }

        void close() {
            closedAt = System.nanoTime();
            if (blocking != null) {
                blocking.close();
            } else {
                reactive.closeGracefully().block(Duration.ofSeconds(30));
            }
        }
    }

    final SoakServer server;
    final boolean reactive;
    private final Duration requestTimeout;
    private final AtomicReference<Handle> current = new AtomicReference<>();
    final AtomicLong replaced = new AtomicLong();
    /** What the clients closed so far saw in all: responses nobody waited for, streams reopened. */
    final AtomicLong droppedResponsesOfClosed = new AtomicLong();
    final AtomicLong reconnectsOfClosed = new AtomicLong();

    ClientSlot(SoakServer server, boolean reactive, Duration requestTimeout) {
        this.server = server;
        this.reactive = reactive;
        this.requestTimeout = requestTimeout;
        current.set(build());
    }

    Handle get() {
        return current.get();
    }

    /** Builds a new client for the slot and closes the old one, whatever calls it has in flight. */
    void replace() {
        Handle old = current.getAndSet(build());
        close(old);
        replaced.incrementAndGet();
    }

    /** Closes the slot's client. */
    void close() {
        close(current.get());
    }

    private void close(Handle handle) {
        handle.close();
        McpClientStatus status = handle.status();
        droppedResponsesOfClosed.addAndGet(status.droppedResponses());
        reconnectsOfClosed.addAndGet(status.reconnects());
    }

    private Handle build() {
        McpClientBuilder builder = McpClient.streamableHttp(server.url())
                .requestTimeout(requestTimeout)
                .clientInfo("soak-" + (reactive ? "reactive" : "blocking"), "1")
                .sampling(request -> new CreateMessageResult(Role.ASSISTANT, new TextContent("yes"), "soak-model",
                        CreateMessageResult.STOP_END_TURN));
        return reactive ? new Handle(null, builder.buildReactive()) : new Handle(builder.build(), null);
    }

    @Override
    public String toString() {
        return (reactive ? "reactive" : "blocking") + " client of " + server.name();
    }
}
