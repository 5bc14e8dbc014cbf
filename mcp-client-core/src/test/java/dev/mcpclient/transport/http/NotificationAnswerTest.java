package dev.mcpclient.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpClient;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.Reply;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A POST that carries no request awaits nothing: a server that answers a notification with 200 and a
 * body (instead of 202) has still accepted it, as the official conformance suite's servers do.
 */
class NotificationAnswerTest {

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(client -> client.requestTimeout(Duration.ofSeconds(5)));
    private final ProgrammableMcpServer server = mcp.server();
    private final McpClient client = mcp.client();

    @Test
    void aJsonBodyAnsweringTheInitializedNotificationIsIgnored() {
        server.onPost("notifications/initialized", (request, exchange) -> Reply.json(
                McpJson.mapper().readTree("{\"jsonrpc\":\"2.0\",\"result\":{}}")));

        client.initialize();

        assertThat(client.listTools().tools()).extracting(t -> t.name()).containsExactly("echo");
        assertThat(server.awaitPost("notifications/initialized", Duration.ofSeconds(5))).isNotNull();
    }

    @Test
    void aTextBodyAnsweringTheInitializedNotificationIsIgnored() {
        server.onPost("notifications/initialized", (request, exchange) -> Reply.status(200, "text/plain", "ok"));

        client.initialize();

        assertThat(client.listTools().tools()).extracting(t -> t.name()).containsExactly("echo");
    }
}
