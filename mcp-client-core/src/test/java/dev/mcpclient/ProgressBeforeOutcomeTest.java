package dev.mcpclient;

import static dev.mcpclient.support.Messages.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.jsonrpc.JsonRpcCodec;
import dev.mcpclient.jsonrpc.JsonRpcNotification;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.ProgressNotification;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Messages;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.testserver.SseFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * Every progress notification that arrived before a call's outcome reaches the call's progress
 * listener before the outcome reaches the caller: when {@code callTool} returns, no progress callback
 * of that call is still to run or running.
 */
class ProgressBeforeOutcomeTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final int PROGRESS = 5;

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(client -> client.requestTimeout(WAIT));
    private final ProgrammableMcpServer server = mcp.server();
    private McpClient client;

    @BeforeEach
    void start() {
        // tools/call answers on one SSE stream: five progress notifications for the call's token, then the result.
        server.onPost("tools/call", (req, ex) -> {
            JsonNode token = req.params().path("_meta").path("progressToken");
            List<SseFrame> frames = new ArrayList<>();
            for (int i = 1; i <= PROGRESS; i++) {
                frames.add(SseFrame.message(null, progress(token, i)));
            }
            frames.add(SseFrame.message(null, Messages.toolResult(req.id(), "done")));
            return Reply.sse(Flux.fromIterable(frames));
        });
        client = mcp.connected(builder -> builder);
    }

    private static JsonNode progress(JsonNode token, int progress) {
        JsonNode params = json("{\"progress\":" + progress + ",\"total\":" + PROGRESS + "}");
        ((tools.jackson.databind.node.ObjectNode) params).set("progressToken", token);
        return JsonRpcCodec.toTree(new JsonRpcNotification("notifications/progress", params));
    }

    @Test
    void aResultWaitsForTheProgressCallbacksBeforeIt() throws Exception {
        List<Double> seen = new CopyOnWriteArrayList<>();
        CountDownLatch firstCallback = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger seenAtResult = new AtomicInteger(-1);
        CompletableFuture<CallToolResult> call = client.reactive()
                .callTool("work", Map.of(), CallOptions.defaults().progress(p -> {
                    firstCallback.countDown();
                    await(release);
                    seen.add(p.progress());
                }))
                .doOnNext(result -> seenAtResult.set(seen.size()))
                .toFuture();

        assertThat(firstCallback.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        // The response arrived and settled the call (its entry is gone) while the first callback is held.
        awaitNoCallInFlight();
        assertThat(call).as("the outcome waits for the progress callbacks before it").isNotDone();

        release.countDown();

        assertThat(call.get(WAIT.toMillis(), TimeUnit.MILLISECONDS).isError()).isFalse();
        assertThat(seen).containsExactly(1.0, 2.0, 3.0, 4.0, 5.0);
        assertThat(seenAtResult).hasValue(PROGRESS);
    }

    @Test
    void theBlockingCallReturnsAfterEveryProgressCallback() {
        for (int i = 0; i < 20; i++) {
            List<ProgressNotification> seen = new CopyOnWriteArrayList<>();
            client.callTool("work", Map.of(), CallOptions.defaults().progress(seen::add));
            assertThat(seen).as("call %d", i).hasSize(PROGRESS);
        }
    }

    private void awaitNoCallInFlight() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (client.status().callsInFlight() > 0) {
            assertThat(System.nanoTime() - deadline).as("the response settles the call").isNegative();
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
