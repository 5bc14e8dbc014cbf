package dev.mcpclient.transport.http;

import static dev.mcpclient.support.Calls.failure;
import static dev.mcpclient.support.Calls.text;
import static dev.mcpclient.support.Messages.ping;
import static dev.mcpclient.support.Messages.progress;
import static dev.mcpclient.support.Messages.toolResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientClosedException;
import dev.mcpclient.McpTimeoutException;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.RecordedRequest;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.testserver.SseFrame;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The races and faults of Streamable HTTP, each driven step by step by the programmable server. The
 * order of events is forced with awaits on what the server received, never with sleeps.
 */
class StreamableHttpRaceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(client -> client.requestTimeout(Duration.ofSeconds(20)));
    private final ProgrammableMcpServer server = mcp.server();
    private final McpClient client = mcp.client();

    private CompletableFuture<CallToolResult> callAsync(String name, Map<String, ?> args) {
        return client.reactive().callTool(name, args).toFuture();
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A server round trip on the background stream: once the client answered it, everything sent before was handled. */
    private void drainBackground(String pingId) {
        server.background().send(ping(pingId));
        server.awaitClientResponse(RequestId.of(pingId), WAIT);
    }

    private int pending() {
        return client.status().callsInFlight();
    }

    @Test
    void seed_responseOnBackgroundStreamWhileResumptionGetHangs() throws Exception {
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.just(SseFrame.priming("p-1", 10L))));
        server.onGet((req, ex) -> req.lastEventId() != null ? Reply.sse(Flux.never()) : ex.defaultReply());
        client.initialize();
        server.background().awaitConnected(WAIT);

        CompletableFuture<CallToolResult> call = callAsync("echo", Map.of("x", 1));
        RecordedRequest post = server.awaitPost("tools/call", WAIT);
        RecordedRequest resumption = server.awaitRequest(r -> "p-1".equals(r.lastEventId()), WAIT);
        server.background().send(toolResult(post.id(), "via background"));

        assertThat(text(await(call))).isEqualTo("via background");
        resumption.awaitClosed(WAIT);
        assertThat(pending()).isZero();
    }

    /**
     * The seed race where the resumption GET has not even had its headers when the response arrives on
     * the background stream: its connection is closed, and that is a cancellation, not an error. Reactor
     * Netty must not log it at WARN ("The connection observed an error"), as it does for a connection
     * that breaks under a live exchange.
     */
    @Test
    void seed_resumptionGetWithoutHeadersIsClosedWithoutAWarning() throws Exception {
        CountDownLatch channelClosed = new CountDownLatch(1);
        ConnectionProvider connections = ConnectionProvider.builder("seed-quiet").build();
        HttpClient http = HttpClient.create(connections)
                .doOnChannelInit((observer, channel, address) -> channel.pipeline().addFirst(new ChannelInboundHandlerAdapter() {
                    @Override
                    public void channelInactive(ChannelHandlerContext ctx) {
                        ctx.fireChannelInactive(); // the whole pipeline, Reactor Netty's logging included, first
                        channelClosed.countDown();
                    }
                }));
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.just(SseFrame.priming("p-1", 0L))));
        server.onGet((req, ex) -> req.lastEventId() != null ? Reply.deferred(Mono.never()) : ex.defaultReply());
        try (McpClient quiet = McpClient.builder(StreamableHttpTransport.builder(server.url())
                        .webClientBuilder(WebClient.builder().clientConnector(new ReactorClientHttpConnector(http))))
                .requestTimeout(Duration.ofSeconds(20)).build()) {
            quiet.initialize();
            server.background().awaitConnected(WAIT);

            CompletableFuture<CallToolResult> call = quiet.reactive().callTool("echo", Map.of()).toFuture();
            RecordedRequest post = server.awaitPost("tools/call", WAIT);
            RecordedRequest resumption = server.awaitRequest(r -> "p-1".equals(r.lastEventId()), WAIT);
            server.background().send(toolResult(post.id(), "via background"));

            assertThat(text(await(call))).isEqualTo("via background");
            resumption.awaitClosed(WAIT);
            assertThat(channelClosed.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).as("the resumption's connection closed").isTrue();
                assertThat(quiet.status().callsInFlight()).isZero();
        } finally {
            connections.dispose();
        }
    }

    /**
     * A response whose event stream ends in the same read settles its call once the exchange is over:
     * the connection is back in the pool before the caller learns the outcome, and nothing of the
     * exchange is left to cancel (no cancelled exchange finishing by itself when the caller gets it).
     */
    @Test
    void aResponseEndingItsStreamSettlesTheCallAfterTheExchange() throws Exception {
        server.onPost("tools/call", (req, ex) -> Reply.status(200, "text/event-stream",
                "id: e-1\nevent: message\ndata: " + toolResult(req.id(), "in one read") + "\n\n"));
        StreamableHttpTransport transport = StreamableHttpTransport.builder(server.url()).backgroundStream(false).build();
        try (McpClient own = McpClient.builder(transport).requestTimeout(Duration.ofSeconds(20)).build()) {
            own.initialize();
            own.listTools(); // known tools: the result is checked as it is read, no listing after it
            AtomicInteger lingeringAtOutcome = new AtomicInteger(-1);

            CallToolResult result = own.reactive().callTool("echo", Map.of())
                    .doOnNext(r -> lingeringAtOutcome.set(transport.lingeringExchanges()))
                    .block(WAIT);

            assertThat(text(result)).isEqualTo("in one read");
            assertThat(lingeringAtOutcome).hasValue(0);
        }
    }

    /** A response held until its read is over still wins over a stream that then breaks. */
    @Test
    void aResponseFollowedByABrokenStreamStillSettlesTheCall() throws Exception {
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.just(
                SseFrame.message("e-1", toolResult(req.id(), "before the break")))
                .concatWith(Flux.error(new IllegalStateException("the server breaks the stream")))));
        client.initialize();

        assertThat(text(client.callTool("echo", Map.of()))).isEqualTo("before the break");
    }

    @Test
    void responseOnPostStreamWhileBackgroundStreamIsIdle() throws Exception {
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.just(
                SseFrame.message("e-1", progress("t", 0.5)),
                SseFrame.message("e-2", toolResult(req.id(), "via post stream")))));
        client.initialize();
        server.background().awaitConnected(WAIT);

        assertThat(text(client.callTool("echo", Map.of()))).isEqualTo("via post stream");
        assertThat(server.requests()).noneMatch(r -> r.lastEventId() != null);
        assertThat(server.background().isConnected()).isTrue();
        assertThat(pending()).isZero();
    }

    @Test
    void postResetBeforeAnyResponseFailsWithTheTransportError() {
        watchdog.expectConnectionErrors(); // the reset
        server.onPost("tools/call", (req, ex) -> Reply.reset());
        client.initialize();

        CompletableFuture<CallToolResult> call = callAsync("echo", Map.of());
        Throwable error = failure(call);
        assertThat(error).isInstanceOf(McpTransportException.class).hasMessageContaining("POST");
        assertThat(error.getCause()).isNotNull();
        assertThat(pending()).isZero();
    }

    @Test
    void sendFailingAfterTheResponseArrivedChangesNothing() throws Exception {
        Sinks.Many<SseFrame> frames = Sinks.many().unicast().onBackpressureBuffer();
        server.onPost("tools/call", (req, ex) -> {
            frames.tryEmitNext(SseFrame.message("e-1", toolResult(req.id(), "delivered")));
            return Reply.sse(frames.asFlux());
        });
        client.initialize();

        CompletableFuture<CallToolResult> call = callAsync("echo", Map.of());
        assertThat(text(await(call))).isEqualTo("delivered");
        RecordedRequest post = server.awaitPost("tools/call", WAIT);
        frames.tryEmitError(new IOException("cut after the response"));
        post.awaitClosed(WAIT);
        // A second call proves the session is intact and flushes any late error handling.
        server.onPost("tools/call", null);
        assertThat(text(client.callTool("echo", Map.of("again", true)))).isEqualTo("{\"again\":true}");
        assertThat(pending()).isZero();
    }

    @Test
    void initializeAnsweredBySseStoresSessionAndVersionBeforeTheNextRequest() {
        AtomicReference<String> sessionId = new AtomicReference<>();
        server.onPost("initialize", (req, ex) -> {
            String sid = ex.server().createSession("2025-06-18");
            sessionId.set(sid);
            ObjectNode result = McpJson.mapper().createObjectNode();
            result.put("protocolVersion", "2025-06-18");
            result.putObject("capabilities").putObject("tools");
            result.putObject("serverInfo").put("name", "sse-init").put("version", "1");
            JsonNode response = dev.mcpclient.jsonrpc.JsonRpcCodec.toTree(
                    dev.mcpclient.jsonrpc.JsonRpcResponse.result(req.id(), result));
            return Reply.sse(Flux.just(SseFrame.priming("i-0", null), SseFrame.message("i-1", response)))
                    .header("Mcp-Session-Id", sid);
        });

        assertThat(client.listTools().tools()).extracting(t -> t.name()).containsExactly("echo");

        RecordedRequest initialized = server.awaitPost("notifications/initialized", WAIT);
        RecordedRequest list = server.awaitPost("tools/list", WAIT);
        for (RecordedRequest r : List.of(initialized, list)) {
            assertThat(r.header("Mcp-Session-Id")).isEqualTo(sessionId.get());
            assertThat(r.header("MCP-Protocol-Version")).isEqualTo("2025-06-18");
        }
        assertThat(initialized.index()).isLessThan(list.index());
        assertThat(client.status().protocolVersion()).isEqualTo("2025-06-18");
    }

    @Test
    void duplicateResponseIsDeliveredOnceAndUnknownIdsHarmNothing() throws Exception {
        client.initialize();
        server.background().awaitConnected(WAIT);

        CallToolResult result = client.callTool("echo", Map.of("n", 1));
        assertThat(text(result)).isEqualTo("{\"n\":1}");
        RequestId answered = server.awaitPost("tools/call", WAIT).id();

        server.background().send(toolResult(answered, "duplicate"));
        server.background().send(toolResult(RequestId.of(987654), "unknown"));
        server.background().send(toolResult(RequestId.of("no-such-id"), "unknown"));
        drainBackground("drain-1");

        assertThat(client.status().droppedResponses()).isEqualTo(3);
        assertThat(text(client.callTool("echo", Map.of("n", 2)))).isEqualTo("{\"n\":2}");
        assertThat(pending()).isZero();
    }

    @Test
    void timeoutFailsTypedSendsCancelledAndDropsTheLateResponse() throws Exception {
        server.onPost("tools/call", (req, ex) -> Reply.deferred(Mono.never()));
        client.initialize();
        server.background().awaitConnected(WAIT);

        assertThatThrownBy(() -> client.callTool("echo", Map.of(), CallOptions.withTimeout(Duration.ofMillis(300))))
                .isInstanceOf(McpTimeoutException.class)
                .hasMessageContaining("tools/call");
        RecordedRequest post = server.awaitPost("tools/call", WAIT);
        RecordedRequest cancelled = server.awaitPost("notifications/cancelled", WAIT);
        assertThat(cancelled.params().get("requestId").asLong()).isEqualTo((Long) post.id().value());
        assertThat(cancelled.params().get("reason").asString()).isEqualTo("timeout");
        assertThat(pending()).isZero();

        server.background().send(toolResult(post.id(), "too late"));
        drainBackground("drain-2");
        assertThat(client.status().droppedResponses()).isEqualTo(1);
    }

    @Test
    void callerCancellationSendsCancelledAndLeavesNoPendingEntry() {
        server.onPost("tools/call", (req, ex) -> Reply.deferred(Mono.never()));
        client.initialize();

        Disposable call = client.reactive().callTool("echo", Map.of()).subscribe();
        RecordedRequest post = server.awaitPost("tools/call", WAIT);
        call.dispose();

        RecordedRequest cancelled = server.awaitPost("notifications/cancelled", WAIT);
        assertThat(cancelled.params().get("requestId").asLong()).isEqualTo((Long) post.id().value());
        assertThat(cancelled.params().get("reason").asString()).isEqualTo("cancelled by the caller");
        post.awaitClosed(WAIT);
        assertThat(pending()).isZero();
    }

    @Test
    void initializeIsNeverCancelledOnTheServer() {
        server.onPost("initialize", (req, ex) -> Reply.deferred(Mono.never()));
        assertThatThrownBy(() -> client.reactive().initialize().block(Duration.ofMillis(300)))
                .isInstanceOf(IllegalStateException.class);
        McpClient impatient = McpClient.streamableHttp(server.url()).initializeTimeout(Duration.ofMillis(200)).build();
        try {
            assertThatThrownBy(impatient::initialize).isInstanceOf(McpTimeoutException.class).hasMessageContaining("initialize");
        } finally {
            impatient.close();
        }
        assertThat(server.requests()).noneMatch(r -> "notifications/cancelled".equals(r.jsonRpcMethod()));
    }

    @Test
    void primingWithRetryIsResumedWithLastEventIdNotBeforeRetry() throws Exception {
        long retryMillis = 300;
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.just(SseFrame.priming("prime-7", retryMillis))));
        server.onGet((req, ex) -> {
            if (req.lastEventId() == null) {
                return ex.defaultReply();
            }
            RecordedRequest post = ex.server().awaitPost("tools/call", WAIT);
            return Reply.sse(Flux.just(SseFrame.message("r-1", toolResult(post.id(), "resumed"))));
        });
        client.initialize();

        assertThat(text(client.callTool("echo", Map.of()))).isEqualTo("resumed");
        RecordedRequest post = server.awaitPost("tools/call", WAIT);
        RecordedRequest resumption = server.awaitRequest(r -> r.lastEventId() != null, WAIT);
        assertThat(resumption.lastEventId()).isEqualTo("prime-7");
        assertThat(resumption.header("Mcp-Session-Id")).isEqualTo(post.sessionId());
        // From the POST's arrival, which precedes its end: the server records its own close late when loaded.
        long waitedMillis = TimeUnit.NANOSECONDS.toMillis(resumption.receivedAtNanos() - post.receivedAtNanos());
        assertThat(waitedMillis).as("the client reconnected after retry, never before").isGreaterThanOrEqualTo(retryMillis);
    }

    @Test
    void connectionCutMidStreamIsResumedFromTheLastEventId() throws Exception {
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.concat(
                Flux.just(SseFrame.retry(20), SseFrame.message("cut-1", progress("t", 0.1)),
                        SseFrame.message("cut-2", progress("t", 0.2))),
                Flux.error(new IOException("connection cut")))));
        server.onGet((req, ex) -> {
            if (req.lastEventId() == null) {
                return ex.defaultReply();
            }
            RecordedRequest post = ex.server().awaitPost("tools/call", WAIT);
            return Reply.sse(Flux.just(SseFrame.message("cut-3", toolResult(post.id(), "after the cut"))));
        });
        client.initialize();

        assertThat(text(client.callTool("echo", Map.of()))).isEqualTo("after the cut");
        assertThat(server.awaitRequest(r -> r.lastEventId() != null, WAIT).lastEventId()).isEqualTo("cut-2");
        assertThat(pending()).isZero();
    }

    @Test
    void streamEndingWithoutIdOrResponseFailsAtOnce() {
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.just(SseFrame.message(null, progress("t", 0.3)))));
        client.initialize();

        CompletableFuture<CallToolResult> call = callAsync("echo", Map.of());
        Throwable error = failure(call);
        assertThat(error).isInstanceOf(McpTransportException.class)
                .hasMessageContaining("cannot be resumed")
                .hasMessageContaining("tools/call");
        assertThat(server.requests()).noneMatch(r -> r.lastEventId() != null);
        assertThat(pending()).isZero();
    }

    @Test
    void getAnswered405IsNotAnError() {
        server.onGet((req, ex) -> Reply.status(405, "text/plain", "no GET here"));

        client.initialize();
        server.awaitGet(1, WAIT);
        assertThat(text(client.callTool("echo", Map.of("a", "b")))).isEqualTo("{\"a\":\"b\"}");
        assertThat(client.status().backgroundStreamOpen()).isFalse();
        assertThat(server.requests().stream().filter(r -> "GET".equals(r.httpMethod()))).hasSize(1);
    }

    @Test
    void sessionExpiryWithFiftyCallsInFlightStartsOneNewSessionAndResendsEach() throws Exception {
        client.initialize();
        String first = client.status().sessionActive() ? server.latestSessionId() : null;
        Sinks.Empty<Void> release = Sinks.empty();
        server.onPost("tools/call", (req, ex) -> first.equals(req.sessionId())
                ? Reply.deferred(release.asMono().then(Mono.just(Reply.status(404, "application/json",
                        "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32001,\"message\":\"Session not found\"}}"))))
                : ex.defaultReply());

        List<CompletableFuture<CallToolResult>> calls = IntStream.range(0, 50)
                .mapToObj(i -> callAsync("echo", Map.of("i", i)))
                .collect(Collectors.toList());
        server.awaitRequests(r -> "tools/call".equals(r.jsonRpcMethod()), 50, WAIT);
        server.expireSessions();
        release.tryEmitEmpty();

        for (int i = 0; i < 50; i++) {
            assertThat(text(await(calls.get(i)))).isEqualTo("{\"i\":" + i + "}");
        }
        assertThat(server.requests().stream().filter(r -> "initialize".equals(r.jsonRpcMethod()))).hasSize(2);
        assertThat(server.requests().stream().filter(r -> "tools/call".equals(r.jsonRpcMethod()))).hasSize(100);
        assertThat(server.latestSessionId()).isNotEqualTo(first);
        assertThat(pending()).isZero();
    }

    @Test
    void closeDeletesTheSessionAndFailsPendingCallsPromptly() {
        server.onPost("tools/call", (req, ex) -> Reply.deferred(Mono.never()));
        client.initialize();
        String sessionId = server.latestSessionId();

        CompletableFuture<CallToolResult> call = callAsync("echo", Map.of());
        server.awaitPost("tools/call", WAIT);
        client.close();

        assertThat(failure(call)).isInstanceOf(McpClientClosedException.class);
        RecordedRequest delete = server.awaitRequest(r -> "DELETE".equals(r.httpMethod()), WAIT);
        assertThat(delete.header("Mcp-Session-Id")).isEqualTo(sessionId);
        assertThatThrownBy(() -> client.callTool("echo", Map.of())).isInstanceOf(McpClientClosedException.class);
        assertThat(pending()).isZero();
    }

    @Test
    void thousandConcurrentCallsEachSettleWithTheirOwnResult() {
        client.initialize();
        List<String> texts = Flux.range(0, 1000)
                .flatMap(i -> client.reactive().callTool("echo", Map.of("i", i)).map(r -> i + "=" + text(r)), 1000)
                .collectList()
                .block(Duration.ofSeconds(60));
        assertThat(texts).hasSize(1000);
        assertThat(texts).allSatisfy(t -> {
            String[] parts = t.split("=", 2);
            assertThat(parts[1]).isEqualTo("{\"i\":" + parts[0] + "}");
        });
        assertThat(pending()).isZero();
    }
}
