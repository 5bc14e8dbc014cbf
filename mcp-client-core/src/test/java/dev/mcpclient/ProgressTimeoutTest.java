package dev.mcpclient;

import static dev.mcpclient.support.Messages.progress;
import static dev.mcpclient.support.Messages.toolResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.RecordedRequest;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.testserver.SseFrame;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

/**
 * Progress restarts a call's timeout when the call has a maximum total timeout, and only then. The
 * server drives the progress (one notification every 100 ms, ten times faster than the timeouts
 * expire), so the outcome does not depend on scheduling luck.
 */
class ProgressTimeoutTest {

    private static final Duration TICK = Duration.ofMillis(100);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(client -> client.requestTimeout(Duration.ofSeconds(10)));
    private final ProgrammableMcpServer server = mcp.server();
    private final McpClient client = mcp.client();

    @BeforeEach
    void initialize() {
        client.initialize();
    }

    /** tools/call answers on an SSE stream: {@code count} progress notifications one tick apart, then the result or nothing. */
    private void progressThen(long count, boolean thenResult) {
        server.onPost("tools/call", (req, ex) -> {
            JsonNode token = req.params().path("_meta").path("progressToken");
            Flux<SseFrame> progress = Flux.interval(TICK).take(count)
                    .map(i -> SseFrame.message(null, progress(token, i + 1)));
            return Reply.sse(thenResult
                    ? progress.concatWith(Flux.just(SseFrame.message(null, toolResult(req.id(), "done"))))
                    : progress.concatWith(Flux.never()));
        });
    }

    @Test
    void progressKeepsACallAlivePastItsTimeout() {
        progressThen(20, true); // 2 s of progress against a 1 s timeout
        AtomicInteger seen = new AtomicInteger();
        long started = System.nanoTime();

        CallToolResult result = client.callTool("slow", Map.of(), CallOptions.withTimeout(Duration.ofSeconds(1))
                .maxTotalTimeout(Duration.ofSeconds(30))
                .progress(p -> seen.incrementAndGet()));

        assertThat(((TextContent) result.content().get(0)).text()).isEqualTo("done");
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThan(Duration.ofSeconds(1));
        assertThat(server.awaitPost("tools/call", Duration.ofSeconds(1)).params().path("_meta").has("progressToken"))
                .isTrue();
    }

    @Test
    void theMaximumTotalTimeoutEndsACallWhoseProgressNeverStops() {
        progressThen(Long.MAX_VALUE, false);
        long started = System.nanoTime();

        assertThatThrownBy(() -> client.callTool("endless", Map.of(), CallOptions.withTimeout(Duration.ofSeconds(1))
                .maxTotalTimeout(Duration.ofMillis(2500))))
                .isInstanceOfSatisfying(McpTimeoutException.class, e -> {
                    assertThat(e.isMaxTotalTimeout()).isTrue();
                    assertThat(e.timeout()).isEqualTo(Duration.ofMillis(2500));
                    assertThat(e).hasMessageContaining("maximum total timeout");
                });

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(2500));
        RecordedRequest call = server.awaitPost("tools/call", Duration.ofSeconds(1));
        RecordedRequest cancelled = server.awaitPost("notifications/cancelled", Duration.ofSeconds(10));
        assertThat(RequestId.of(cancelled.params().get("requestId").asLong())).isEqualTo(call.id());
    }

    @Test
    void afterTheLastProgressTheTimeoutRunsAgain() {
        progressThen(3, false);

        assertThatThrownBy(() -> client.callTool("stalls", Map.of(), CallOptions.withTimeout(Duration.ofMillis(800))
                .maxTotalTimeout(Duration.ofSeconds(30))))
                .isInstanceOfSatisfying(McpTimeoutException.class, e -> {
                    assertThat(e.isMaxTotalTimeout()).isFalse();
                    assertThat(e.timeout()).isEqualTo(Duration.ofMillis(800));
                });
    }

    @Test
    void withoutAMaximumTotalTimeoutProgressDoesNotRestartTheTimeout() {
        progressThen(Long.MAX_VALUE, false);
        AtomicInteger seen = new AtomicInteger();
        long started = System.nanoTime();

        assertThatThrownBy(() -> client.callTool("endless", Map.of(), CallOptions.withTimeout(Duration.ofSeconds(1))
                .progress(p -> seen.incrementAndGet())))
                .isInstanceOfSatisfying(McpTimeoutException.class, e -> assertThat(e.isMaxTotalTimeout()).isFalse());

        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofSeconds(1)).isLessThan(Duration.ofSeconds(5));
    }
}
