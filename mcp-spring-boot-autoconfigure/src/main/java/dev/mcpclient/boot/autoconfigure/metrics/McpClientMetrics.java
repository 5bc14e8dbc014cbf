package dev.mcpclient.boot.autoconfigure.metrics;

import dev.mcpclient.McpClient;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Map;

/**
 * Meters of every server, tagged {@code server}:
 * <ul>
 * <li>{@code mcp.client.calls.in.flight}: calls waiting for their response;</li>
 * <li>{@code mcp.client.reconnects}: streams reopened (request streams resumed, the background stream
 * reconnected);</li>
 * <li>{@code mcp.client.responses.dropped}: responses no call waited for (late or duplicate).</li>
 * </ul>
 * The calls themselves are timed by their observations ({@code mcp.client.requests}).
 */
public class McpClientMetrics implements MeterBinder {

    private final McpClientRegistry registry;
    private final Map<String, StreamableHttpTransport> transports;

    /**
     * @param registry the clients
     * @param transports the Streamable HTTP transports by server name (servers without one have no
     *     reconnect counter)
     */
    public McpClientMetrics(McpClientRegistry registry, Map<String, StreamableHttpTransport> transports) {
        this.registry = registry;
        this.transports = Map.copyOf(transports);
    }

    @Override
    public void bindTo(MeterRegistry meters) {
        registry.clients().forEach((server, client) -> {
            Gauge.builder("mcp.client.calls.in.flight", client, c -> c.status().callsInFlight())
                    .description("MCP calls waiting for their response").tag("server", server)
                    .strongReference(true).register(meters);
            FunctionCounter.builder("mcp.client.responses.dropped", client, McpClientMetrics::dropped)
                    .description("MCP responses that no call waited for (late or duplicate)").tag("server", server)
                    .register(meters);
            StreamableHttpTransport transport = transports.get(server);
            if (transport != null) {
                FunctionCounter.builder("mcp.client.reconnects", transport, StreamableHttpTransport::reconnects)
                        .description("MCP streams reopened: request streams resumed, the background stream reconnected")
                        .tag("server", server).register(meters);
            }
        });
    }

    private static double dropped(McpClient client) {
        return client.status().droppedResponses();
    }
}
