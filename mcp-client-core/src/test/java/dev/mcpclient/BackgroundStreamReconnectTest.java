package dev.mcpclient;

import static dev.mcpclient.support.Messages.notification;
import static dev.mcpclient.support.Messages.ping;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.RecordedRequest;
import dev.mcpclient.testserver.SseFrame;
import dev.mcpclient.transport.http.BackgroundStream;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The background stream as seen through its public handle: open, reopened, counted. */
class BackgroundStreamReconnectTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.serverOnly();
    private final ProgrammableMcpServer server = mcp.server();

    @Test
    void aStreamThatEndsIsReopenedWithLastEventIdAndCounted() {
        StreamableHttpTransport transport = StreamableHttpTransport.builder(server.url()).build();
        try (McpClient client = McpClient.builder(transport).build()) {
            BackgroundStream background = transport.backgroundStream().orElseThrow();
            assertThat(background.isOpen()).isFalse();

            client.initialize();
            // The first GET gets one event with an id and a short retry, then ends; the second stays open.
            server.background().awaitConnected(WAIT);
            server.background().sendFrame(SseFrame.retry(10))
                    .sendFrame(SseFrame.message("7", notification("notifications/tools/list_changed", null)))
                    .complete();
            server.awaitGet(2, WAIT);
            // A round trip on the reopened stream: the client reads it.
            server.background().send(ping("on-the-second-stream"));
            server.awaitClientResponse(RequestId.of("on-the-second-stream"), WAIT);

            assertThat(server.requests()).filteredOn(r -> "GET".equals(r.httpMethod()))
                    .extracting(RecordedRequest::lastEventId).containsExactly(null, "7");
            assertThat(background.reconnects()).isEqualTo(1);
            assertThat(transport.reconnects()).isEqualTo(1);
            assertThat(client.status().reconnects()).isEqualTo(1);
            assertThat(background.isOpen()).isTrue();
            assertThat(client.status().backgroundStreamOpen()).isTrue();
        }
    }

    @Test
    void switchedOffThereIsNoBackgroundStream() {
        StreamableHttpTransport transport = StreamableHttpTransport.builder(server.url()).backgroundStream(false).build();
        try (McpClient client = McpClient.builder(transport).build()) {
            client.initialize();

            assertThat(transport.backgroundStream()).isEmpty();
            assertThat(transport.reconnects()).isZero();
            assertThat(client.status().reconnects()).isZero();
            assertThat(server.requests()).noneMatch(r -> "GET".equals(r.httpMethod()));
        }
    }
}
