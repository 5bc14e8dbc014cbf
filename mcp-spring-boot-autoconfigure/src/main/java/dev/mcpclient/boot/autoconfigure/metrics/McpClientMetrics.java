package dev.mcpclient.boot.autoconfigure.metrics;

import dev.mcpclient.McpClient;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Meters of every server, tagged {@code server}, read from its client's
 * {@link McpClient#status() status}:
 * <ul>
 * <li>{@code mcp.client.calls.in.flight}: calls waiting for their response;</li>
 * <li>{@code mcp.client.reconnects}: streams reopened (request streams resumed, the background or
 * HTTP+SSE stream reconnected; always 0 for {@code stdio});</li>
 * <li>{@code mcp.client.responses.dropped}: responses no call waited for (late or duplicate).</li>
 * </ul>
 * The calls themselves are timed by their observations ({@code mcp.client.requests}).
 */
public class McpClientMetrics implements MeterBinder {

    private final McpClientRegistry registry;

    /** @param registry the clients */
    public McpClientMetrics(McpClientRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        registry.clients().forEach((server, client) -> {
            Gauge.builder("mcp.client.calls.in.flight", client, c -> c.status().callsInFlight())
                    .description("MCP calls waiting for their response").tag("server", server)
                    .strongReference(true).register(meters);
            FunctionCounter.builder("mcp.client.responses.dropped", client, c -> c.status().droppedResponses())
                    .description("MCP responses that no call waited for (late or duplicate)").tag("server", server)
                    .register(meters);
            FunctionCounter.builder("mcp.client.reconnects", client, c -> c.status().reconnects())
                    .description("MCP streams reopened: request streams resumed, the background stream reconnected")
                    .tag("server", server).register(meters);
        });
    }
}
