package dev.mcpclient.transport.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpClient;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.Reply;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A POST that carries no request awaits nothing: a server that answers a notification with 200 and a
 * body (instead of 202) has still accepted it, as the official conformance suite's servers do.
 */
class NotificationAnswerTest {

    private ProgrammableMcpServer server;
    private McpClient client;

    @BeforeEach
    void start() {
        server = ProgrammableMcpServer.start();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    @Test
    void aJsonBodyAnsweringTheInitializedNotificationIsIgnored() {
        server.onPost("notifications/initialized", (request, exchange) -> Reply.json(
                McpJson.mapper().readTree("{\"jsonrpc\":\"2.0\",\"result\":{}}")));
        client = McpClient.streamableHttp(server.url()).requestTimeout(Duration.ofSeconds(5)).build();

        client.initialize();

        assertThat(client.listTools().tools()).extracting(t -> t.name()).containsExactly("echo");
        assertThat(server.awaitPost("notifications/initialized", Duration.ofSeconds(5))).isNotNull();
    }

    @Test
    void aTextBodyAnsweringTheInitializedNotificationIsIgnored() {
        server.onPost("notifications/initialized", (request, exchange) -> Reply.status(200, "text/plain", "ok"));
        client = McpClient.streamableHttp(server.url()).requestTimeout(Duration.ofSeconds(5)).build();

        client.initialize();

        assertThat(client.listTools().tools()).extracting(t -> t.name()).containsExactly("echo");
    }
}
