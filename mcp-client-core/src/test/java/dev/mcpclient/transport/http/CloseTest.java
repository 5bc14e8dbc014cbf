package dev.mcpclient.transport.http;

import static dev.mcpclient.support.Messages.toolResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpClient;
import dev.mcpclient.internal.Deadlines;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.testserver.SseFrame;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

/**
 * Closing a client leaves no exchange behind: a POST whose call already settled, and which was given
 * a moment to finish by itself, is ended by the close rather than outliving it.
 */
class CloseTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(client -> client.requestTimeout(WAIT));
    private final ProgrammableMcpServer server = mcp.server();

    @Test
    void closeEndsAPostStillFinishingAfterItsCallSettled() {
        // The response comes first on the POST's stream, which then stays open: the call settles and the
        // POST is left to finish by itself, for up to Exchanges.CANCEL_DEADLINE.
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.concat(
                Flux.just(SseFrame.message("e-1", toolResult(req.id(), "done"))), Flux.never())));
        McpClient client = mcp.connected(builder -> builder);
        client.callTool("echo", Map.of());
        assertThat(Deadlines.pending()).as("the settled call's POST is given a moment to finish").isPositive();

        client.close();

        assertThat(Deadlines.pending()).as("nothing is left to end after the close").isZero();
        server.awaitExchangesEnded(WAIT);
    }
}
