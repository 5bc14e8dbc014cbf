package dev.mcpclient;

import static dev.mcpclient.support.Calls.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.Reply;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A call made before the session is ready waits for {@code initialize}; while it waits, its timeout,
 * the caller's cancellation and the client's close reach it exactly as they reach a call in flight,
 * and nothing of it goes out. {@code initialize} is held by the server until the test releases it.
 */
class WaitingForTheSessionTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(client -> client.requestTimeout(Duration.ofSeconds(20))
            .initializeTimeout(Duration.ofSeconds(20)));
    private final Sinks.Empty<Void> releaseInitialize = Sinks.empty();
    private final ProgrammableMcpServer server = mcp.server().onPost("initialize", (req, ex) -> Reply.deferred(
            releaseInitialize.asMono().then(Mono.fromSupplier(ex::defaultReply))));
    private final McpClient client = mcp.client();

    private long toolCallsReceived() {
        return server.requests().stream().filter(r -> "tools/call".equals(r.jsonRpcMethod())).count();
    }

    @Test
    void aCallWaitingForTheSessionTimesOutWithItsOwnTimeout() {
        CompletableFuture<CallToolResult> call = client.reactive()
                .callTool("echo", Map.of(), CallOptions.withTimeout(Duration.ofMillis(200))).toFuture();
        server.awaitPost("initialize", WAIT);

        assertThat(failure(call)).isInstanceOfSatisfying(McpTimeoutException.class,
                e -> assertThat(e.timeout()).isEqualTo(Duration.ofMillis(200)));
        assertThat(client.status().callsInFlight()).as("the initialize still in flight only").isEqualTo(1);

        releaseInitialize.tryEmitEmpty();
        assertThat(client.callTool("echo", Map.of("after", 1)).content()).isNotEmpty();
        assertThat(toolCallsReceived()).as("only the call made after the session was ready").isEqualTo(1);
        assertThat(client.status().callsInFlight()).isZero();
    }

    @Test
    void closingFailsACallWaitingForTheSession() {
        CompletableFuture<CallToolResult> call = client.reactive().callTool("echo", Map.of()).toFuture();
        server.awaitPost("initialize", WAIT);

        client.close();

        assertThat(failure(call)).isInstanceOf(McpClientClosedException.class);
        assertThat(toolCallsReceived()).isZero();
        assertThat(client.status().callsInFlight()).isZero();
    }

    @Test
    void aCallCancelledWhileWaitingIsNeverSent() throws Exception {
        Disposable cancelled = client.reactive().callTool("never", Map.of()).subscribe();
        CompletableFuture<CallToolResult> kept = client.reactive().callTool("echo", Map.of("kept", 1)).toFuture();
        server.awaitPost("initialize", WAIT);

        cancelled.dispose();
        releaseInitialize.tryEmitEmpty();

        CallToolResult result = kept.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(((TextContent) result.content().get(0)).text()).isEqualTo("{\"kept\":1}");
        // The kept call went out after the session was ready, like the cancelled one would have:
        // a round trip after it shows nothing else followed.
        client.ping();
        assertThat(server.requests().stream().filter(r -> "tools/call".equals(r.jsonRpcMethod()))
                .map(r -> r.params().path("name").asString())).containsExactly("echo");
        assertThat(server.requests().stream().filter(r -> "notifications/cancelled".equals(r.jsonRpcMethod())))
                .as("a request the server never saw is not cancelled on it").isEmpty();
        assertThat(client.status().callsInFlight()).isZero();
    }
}
