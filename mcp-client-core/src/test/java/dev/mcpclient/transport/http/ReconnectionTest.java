package dev.mcpclient.transport.http;

import static dev.mcpclient.support.Messages.progress;
import static dev.mcpclient.support.Messages.toolResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.jsonrpc.JsonRpcCodec;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.RecordedRequest;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.testserver.SseFrame;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import tools.jackson.databind.node.ObjectNode;

/** The background stream's reconnection, the bound on resumption, and the accepted protocol versions. */
class ReconnectionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(
            transport -> transport.reconnect(new ReconnectPolicy(Duration.ofMillis(20), Duration.ofMillis(100), 3)),
            client -> client.requestTimeout(Duration.ofSeconds(20)));
    private final ProgrammableMcpServer server = mcp.server();
    private final McpClient client = mcp.client();

    @Test
    void backgroundStreamReconnectsAfterACleanCloseWithLastEventId() {
        client.initialize();
        server.background().awaitConnected(WAIT);
        server.background().sendFrame(SseFrame.message("bg-1", progress("t", 0.1)));
        server.background().sendFrame(SseFrame.retry(30));
        server.background().sendFrame(SseFrame.message("bg-2", progress("t", 0.2)));
        // Taken before the client can see the stream end (the server records its own close later, when loaded).
        long endedAt = System.nanoTime();
        server.background().complete();

        RecordedRequest second = server.awaitGet(2, WAIT);
        assertThat(second.lastEventId()).isEqualTo("bg-2");
        assertThat(second.header("Mcp-Session-Id")).isEqualTo(server.latestSessionId());
        assertThat(second.header("MCP-Protocol-Version")).isEqualTo("2025-11-25");
        assertThat(second.receivedAtNanos() - endedAt)
                .as("not before the server's retry").isGreaterThanOrEqualTo(Duration.ofMillis(30).toNanos());
    }

    @Test
    void backgroundStreamReconnectsAfterAnErrorAndStillDeliversResponses() throws Exception {
        client.initialize();
        server.background().awaitConnected(WAIT);
        server.background().sendFrame(SseFrame.message("bg-7", progress("t", 0.7)));
        server.background().abort();

        RecordedRequest second = server.awaitGet(2, WAIT);
        assertThat(second.lastEventId()).isEqualTo("bg-7");
        server.background().awaitConnected(WAIT);

        // A response that only the reconnected background stream carries still settles its call.
        server.onPost("tools/call", (req, ex) -> {
            ex.background().send(toolResult(req.id(), "after reconnect"));
            return Reply.accepted();
        });
        String text = ((TextContent) client.callTool("echo", Map.of()).content().get(0)).text();
        assertThat(text).isEqualTo("after reconnect");
        assertThat(client.status().backgroundStreamOpen()).isTrue();
    }

    @Test
    void resumptionGivesUpAfterAttemptsWithoutProgress() {
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.just(SseFrame.priming("only", 5L))));
        server.onGet((req, ex) -> req.lastEventId() == null ? ex.defaultReply() : Reply.sse(Flux.empty()));
        client.initialize();

        assertThatThrownBy(() -> client.callTool("echo", Map.of()))
                .isInstanceOf(McpTransportException.class)
                .hasMessageContaining("gave up resuming")
                .hasMessageContaining("3 attempts");
        assertThat(server.requests().stream().filter(r -> "only".equals(r.lastEventId()))).hasSize(3);
        assertThat(client.status().callsInFlight()).isZero();
    }

    @Test
    void serverChoosing2025_03_26IsAccepted() {
        server.onPost("initialize", (req, ex) -> {
            String sid = ex.server().createSession("2025-03-26");
            ObjectNode result = McpJson.mapper().createObjectNode();
            result.put("protocolVersion", "2025-03-26");
            result.putObject("capabilities").putObject("tools");
            result.putObject("serverInfo").put("name", "old").put("version", "0");
            return Reply.json(JsonRpcCodec.toTree(JsonRpcResponse.result(req.id(), result))).header("Mcp-Session-Id", sid);
        });

        assertThat(client.initialize().protocolVersion()).isEqualTo("2025-03-26");
        assertThat(client.listTools().tools()).isNotEmpty();
        assertThat(server.awaitPost("tools/list", WAIT).header("MCP-Protocol-Version")).isEqualTo("2025-03-26");
        assertThat(server.awaitPost("initialize", WAIT).params().get("protocolVersion").asString()).isEqualTo("2025-11-25");
    }
}
