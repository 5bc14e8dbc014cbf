package dev.mcpclient;

import static dev.mcpclient.support.Messages.json;
import static dev.mcpclient.support.Messages.progress;
import static dev.mcpclient.support.Messages.toolResult;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.ProgressNotification;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.RecordedRequest;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.testserver.SseFrame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/** Per-call progress: a token of the client's own in {@code _meta}, and only that token's notifications. */
class ProgressListenerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(client -> client.requestTimeout(WAIT));
    // tools/call answers on an SSE stream: progress for the request's token, progress for another
    // token, then the result.
    private final ProgrammableMcpServer server = mcp.server().onPost("tools/call", (req, ex) -> {
        JsonNode token = req.params().path("_meta").path("progressToken");
        JsonNode own = token.isMissingNode() ? json("\"none\"") : token;
        return Reply.sse(Flux.just(
                SseFrame.message(null, progress(own, 1, 2, "first half")),
                SseFrame.message(null, progress(json("\"someone-else\""), 1, 2, "not yours")),
                SseFrame.message(null, progress(own, 2, 2, "done")),
                SseFrame.message(null, toolResult(req.id(), "ok"))));
    });
    private final McpClient client = mcp.client();

    @Test
    void theListenerGetsTheProgressOfItsOwnCallInOrder() throws InterruptedException {
        List<ProgressNotification> seen = new CopyOnWriteArrayList<>();
        CountDownLatch two = new CountDownLatch(2);
        CallToolResult result = client.callTool("work", Map.of("n", 3), CallOptions.defaults().progress(p -> {
            seen.add(p);
            two.countDown();
        }));

        assertThat(((TextContent) result.content().get(0)).text()).isEqualTo("ok");
        assertThat(two.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(seen).extracting(ProgressNotification::progress).containsExactly(1.0, 2.0);
        assertThat(seen).extracting(ProgressNotification::message).containsExactly("first half", "done");
        assertThat(seen).allSatisfy(p -> assertThat(p.total()).isEqualTo(2.0));

        RecordedRequest call = server.awaitPost("tools/call", WAIT);
        long id = call.body().get("id").asLong();
        assertThat(call.params().path("_meta").path("progressToken").asLong()).isEqualTo(id);
        assertThat(call.params().path("arguments").path("n").asInt()).isEqualTo(3);
        assertThat(seen.get(0).progressToken()).isEqualTo(id);
    }

    @Test
    void aCallWithoutAListenerSendsNoProgressToken() {
        client.callTool("work", Map.of("n", 1));

        assertThat(server.awaitPost("tools/call", WAIT).params().has("_meta")).isFalse();
    }

    @Test
    void eachConcurrentCallGetsItsOwnToken() throws InterruptedException {
        List<Object> first = new CopyOnWriteArrayList<>();
        List<Object> second = new CopyOnWriteArrayList<>();
        CountDownLatch four = new CountDownLatch(4);
        Flux.merge(
                client.reactive().callTool("work", Map.of(), CallOptions.defaults().progress(p -> {
                    first.add(p.progressToken());
                    four.countDown();
                })),
                client.reactive().callTool("work", Map.of(), CallOptions.defaults().progress(p -> {
                    second.add(p.progressToken());
                    four.countDown();
                })))
                .blockLast(WAIT);

        assertThat(four.await(5, TimeUnit.SECONDS)).isTrue();
        assertThat(first).hasSize(2).containsOnly(first.get(0));
        assertThat(second).hasSize(2).containsOnly(second.get(0));
        assertThat(first.get(0)).isNotEqualTo(second.get(0));
    }
}
