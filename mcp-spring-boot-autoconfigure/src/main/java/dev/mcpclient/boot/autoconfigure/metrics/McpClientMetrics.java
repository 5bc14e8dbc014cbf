package dev.mcpclient.boot.autoconfigure.metrics;

import dev.mcpclient.McpClient;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Meters of every server, tagged {@code server}, read from its client's
 * {@link McpClient#status() status}:
 * <ul>
 * <li>{@code mcp.client.calls.in.flight}: calls waiting for their response;</li>
 * <li>{@code mcp.client.reconnects}: streams reopened (request streams resumed, the background or
 * HTTP+SSE stream reconnected; always 0 for {@code stdio});</li>
 * <li>{@code mcp.client.responses.dropped}: responses no call waited for (late or duplicate).</li>
 * </ul>
 * The calls themselves are timed by their observations ({@code mcp.client.requests}). The meters follow
 * the {@link McpClientRegistry}: a server added while the application runs gets them, a removed one
 * loses them, a replaced one's read its new client.
 *
 * @since 0.2.0
 */
public class McpClientMetrics implements MeterBinder {

    private static final List<String> METERS = List.of("mcp.client.calls.in.flight", "mcp.client.responses.dropped",
            "mcp.client.reconnects");

    private final McpClientRegistry registry;
    private final List<MeterRegistry> bound = new CopyOnWriteArrayList<>();
    private final McpClientRegistry.Listener changes = new McpClientRegistry.Listener() {

        @Override
        public void serverAdded(String server, McpClient client) {
            synchronized (McpClientMetrics.this) {
                bound.forEach(meters -> register(meters, server, client));
            }
        }

        @Override
        public void serverRemoved(String server, McpClient client) {
            synchronized (McpClientMetrics.this) {
                bound.forEach(meters -> unregister(meters, server));
            }
        }
    };

    /** @param registry the clients */
    public McpClientMetrics(McpClientRegistry registry) {
        this.registry = registry;
    }

    @Override
    public synchronized void bindTo(MeterRegistry meters) {
        if (bound.isEmpty()) {
            registry.addListener(changes);
        }
        bound.add(meters);
        // After listening: a server added meanwhile is registered twice (the same meter), a removed one unregistered.
        registry.clients().forEach((server, client) -> register(meters, server, client));
    }

    private static void register(MeterRegistry meters, String server, McpClient client) {
        Gauge.builder(METERS.get(0), client, c -> c.status().callsInFlight())
                .description("MCP calls waiting for their response").tag("server", server)
                .strongReference(true).register(meters);
        FunctionCounter.builder(METERS.get(1), client, c -> c.status().droppedResponses())
                .description("MCP responses that no call waited for (late or duplicate)").tag("server", server)
                .register(meters);
        FunctionCounter.builder(METERS.get(2), client, c -> c.status().reconnects())
                .description("MCP streams reopened: request streams resumed, the background stream reconnected")
                .tag("server", server).register(meters);
    }

    private static void unregister(MeterRegistry meters, String server) {
        for (String name : METERS) {
            for (Meter meter : meters.find(name).tag("server", server).meters()) {
                meters.remove(meter);
            }
        }
    }
}
