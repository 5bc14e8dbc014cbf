package dev.mcpclient;

import static dev.mcpclient.support.Calls.failure;
import static dev.mcpclient.support.Calls.text;
import static dev.mcpclient.support.Messages.ping;
import static dev.mcpclient.support.Messages.toolResult;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.jsonrpc.JsonRpcCodec;
import dev.mcpclient.jsonrpc.JsonRpcError;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.support.KnownUpstreamIssues;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.RecordedRequest;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.testserver.SseFrame;
import dev.mcpclient.transport.SessionNotFoundException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.test.StepVerifier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * "Bad input gets a clear error and loses nothing", one named test per kind of bad input, against
 * the programmable server: each case ends with a clear error on the call it belongs to or a clear
 * log line, and (where the session can survive it) a following call that succeeds. Ordering is
 * forced with awaits on what the server received, never with sleeps.
 */
class BadInputTest {

    /** How long a test waits for something that should happen promptly; well below the request timeout. */
    private static final Duration WAIT = Duration.ofSeconds(10);
    /** The request timeout: long, so that a prompt failure can never be a timeout. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final int LIMIT = 4096;

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog().toleratingDropped(KnownUpstreamIssues.SPRING_CANCEL_RACE);
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(transport -> transport.maxMessageSize(LIMIT),
            client -> client.requestTimeout(REQUEST_TIMEOUT));
    private final ProgrammableMcpServer server = mcp.server();
    private final McpClient client = mcp.client();

    // ------------------------------------------------------------------ helpers

    private CompletableFuture<CallToolResult> callAsync(Map<String, ?> args) {
        return client.reactive().callTool("echo", args).toFuture();
    }

    /** Proves the session still serves calls: restores the default tools/call and calls it. */
    private void assertNextCallWorks() {
        server.onPost("tools/call", null);
        assertThat(text(client.callTool("echo", Map.of("next", "ok")))).isEqualTo("{\"next\":\"ok\"}");
        assertThat(client.status().callsInFlight()).isZero();
    }

    /**
     * A server round trip on the background stream: once the client answered it, all sent before was
     * handled. Waits until the server has also answered that POST, so that a later {@code close()}
     * (which deletes the session) cannot turn the answer into a 404 and a WARN.
     */
    private void drainBackground(String pingId) {
        server.background().send(ping(pingId));
        server.awaitClientResponse(RequestId.of(pingId), WAIT).awaitClosed(WAIT);
    }

    private long gets() {
        return server.requests().stream().filter(r -> "GET".equals(r.httpMethod())).count();
    }

    private static JsonNode tree(String json) {
        return McpJson.mapper().readTree(json);
    }

    // ------------------------------------------------------------------ 1. malformed JSON

    @Test
    void malformedJsonEventOnPostStreamIsSkippedWithAWarningNamingTheStream() {
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.just(
                SseFrame.raw("id: e-1\ndata: {\"jsonrpc\":\"2.0\",\"method\":\n\n"),
                SseFrame.message("e-2", toolResult(req.id(), "after the bad event")))));
        client.initialize();

        assertThat(text(client.callTool("echo", Map.of()))).isEqualTo("after the bad event");
        RecordedRequest post = server.awaitPost("tools/call", WAIT);
        assertThat(watchdog.takeWarnings()).singleElement().asString()
                .contains("the stream of tools/call (id " + post.id() + ")")
                .contains("malformed JSON");
        assertNextCallWorks();
    }

    @Test
    void malformedJsonEventOnBackgroundStreamIsSkippedAndTheStreamKeepsWorking() {
        client.initialize();
        RecordedRequest get = server.background().awaitConnected(WAIT);

        server.background().sendFrame(SseFrame.raw("data: {this is not json\n\n"));
        drainBackground("after-bad-event");

        assertThat(watchdog.takeWarnings()).singleElement().asString()
                .containsIgnoringCase("the background stream")
                .contains("malformed JSON");
        assertThat(server.background().connectedRequest()).as("the same GET still serves").isSameAs(get);
        assertThat(gets()).isEqualTo(1);
        assertNextCallWorks();
    }

    @Test
    void malformedJsonBodyFailsTheCallWithProtocolException() {
        server.onPost("tools/call", (req, ex) -> Reply.status(200, "application/json",
                "{\"jsonrpc\":\"2.0\",\"id\":" + req.id() + ",\"result\":{\"content\":["));
        client.initialize();

        Throwable error = failure(callAsync(Map.of()));
        assertThat(error).isInstanceOf(McpProtocolException.class).hasMessageContaining("malformed JSON");
        assertNextCallWorks();
    }

    // ------------------------------------------------------------------ 2. JSON that is not JSON-RPC

    @Test
    void jsonBodyThatIsNotJsonRpcFailsTheCallNamingWhatIsWrong() {
        server.onPost("tools/call", (req, ex) -> Reply.json(tree("{\"hello\":\"world\"}")));
        client.initialize();

        assertThat(failure(callAsync(Map.of()))).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("invalid JSON-RPC message")
                .hasMessageContaining("\"jsonrpc\" is not \"2.0\"")
                .hasMessageContaining("hello");

        server.onPost("tools/call", (req, ex) -> Reply.json(tree("{\"jsonrpc\":\"2.0\",\"id\":" + req.id() + "}")));
        assertThat(failure(callAsync(Map.of()))).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("without \"result\" or \"error\"");

        assertNextCallWorks();
    }

    @Test
    void aResultThatIsNotAToolResultFailsTheCallNamingWhatIsWrong() {
        server.onPost("tools/call", (req, ex) -> Reply.json(tree("{\"jsonrpc\":\"2.0\",\"id\":" + req.id()
                + ",\"result\":{\"content\":\"not a list\"}}")));
        client.initialize();

        assertThat(failure(callAsync(Map.of()))).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("the result of tools/call is not a valid CallToolResult");

        server.onPost("tools/call", (req, ex) -> Reply.json(tree("{\"jsonrpc\":\"2.0\",\"id\":" + req.id()
                + ",\"result\":null}")));
        assertThat(failure(callAsync(Map.of()))).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("the result of tools/call is not a valid CallToolResult: null");
        assertThat(client.status().callsInFlight()).isZero();

        assertNextCallWorks();
    }

    @Test
    void eventThatIsNotJsonRpcIsLoggedAndTheCallSettlesByItsResponse() {
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.just(
                SseFrame.message("e-1", tree("{\"jsonrpc\":\"1.0\",\"id\":" + req.id() + ",\"result\":{}}")),
                SseFrame.message("e-2", toolResult(req.id(), "the real response")))));
        client.initialize();

        assertThat(text(client.callTool("echo", Map.of()))).isEqualTo("the real response");
        assertThat(watchdog.takeWarnings()).singleElement().asString()
                .contains("the stream of tools/call")
                .contains("\"jsonrpc\" is not \"2.0\"");
        assertNextCallWorks();
    }

    @Test
    void eventThatIsNotJsonRpcOnAStreamThatThenEndsFailsTheCallWithItAsTheCause() {
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.just(SseFrame.event(null, null, "{\"hello\":1}"))));
        client.initialize();

        Throwable error = failure(callAsync(Map.of()));
        assertThat(error).isInstanceOf(McpTransportException.class).hasMessageContaining("cannot be resumed");
        assertThat(error.getCause()).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("invalid JSON-RPC message");
        assertThat(watchdog.takeWarnings()).singleElement().asString().contains("the stream of tools/call");
        assertNextCallWorks();
    }

    // ------------------------------------------------------------------ 3. unknown ids

    @Test
    void responsesWithUnknownIdsAreDroppedQuietlyAndCounted() {
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.just(
                SseFrame.message("e-1", toolResult(RequestId.of("nobody-asked"), "stray")),
                SseFrame.message("e-2", toolResult(req.id(), "mine")))));
        client.initialize();
        server.background().awaitConnected(WAIT);

        assertThat(text(client.callTool("echo", Map.of()))).isEqualTo("mine");
        server.background().send(toolResult(RequestId.of(424242), "stray on the background stream"));
        drainBackground("drain-unknown");

        assertThat(client.status().droppedResponses()).isEqualTo(2);
        assertNextCallWorks();
    }

    @Test
    void jsonBodyHoldingOnlyAResponseForAnotherIdFailsTheCallPromptly() {
        server.onPost("tools/call", (req, ex) -> Reply.json(toolResult(RequestId.of(777777), "not yours")));
        client.initialize();

        Throwable error = failure(callAsync(Map.of()));
        assertThat(error).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("tools/call")
                .hasMessageContaining("did not contain its response");
        assertThat(client.status().droppedResponses()).as("the stray response is dropped quietly").isEqualTo(1);
        assertNextCallWorks();
    }

    @Test
    void emptyJsonBodyFailsTheCallPromptly() {
        server.onPost("tools/call", (req, ex) -> Reply.status(200, "application/json", ""));
        client.initialize();

        assertThat(failure(callAsync(Map.of()))).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("tools/call")
                .hasMessageContaining("did not contain its response");
        assertNextCallWorks();
    }

    // ------------------------------------------------------------------ 4. wrong content types

    @ParameterizedTest(name = "Content-Type {0}")
    @CsvSource(nullValues = "NONE", value = {
        "text/plain, just some text",
        "text/html,  <html><body>Please log in</body></html>",
        "NONE,       body without a content type",
    })
    void wrongOrMissingContentTypeFailsWithStatusAndBodyExcerpt(String contentType, String body) {
        server.onPost("tools/call", (req, ex) -> Reply.status(200, contentType, body));
        client.initialize();

        Throwable error = failure(callAsync(Map.of()));
        assertThat(error).isInstanceOf(McpTransportException.class)
                .hasMessageContaining(contentType == null ? "no Content-Type" : contentType)
                .hasMessageContaining("expected application/json or text/event-stream");
        McpTransportException transport = (McpTransportException) error;
        assertThat(transport.status()).isEqualTo(200);
        assertThat(transport.bodyExcerpt()).contains(body);
        assertNextCallWorks();
    }

    // ------------------------------------------------------------------ 5. HTML error pages

    @Test
    void htmlErrorPageFailsWithStatusAndExcerptAndTheNextCallWorks() {
        server.onPost("tools/call", (req, ex) -> Reply.status(500, "text/html",
                "<!DOCTYPE html><html><head><title>500</title></head>"
                        + "<body><h1>Internal Server Error</h1><p>the upstream exploded</p></body></html>"));
        client.initialize();

        Throwable error = failure(callAsync(Map.of()));
        assertThat(error).isInstanceOf(McpTransportException.class).hasMessageContaining("HTTP 500");
        assertThat(((McpTransportException) error).status()).isEqualTo(500);
        assertThat(((McpTransportException) error).bodyExcerpt()).contains("the upstream exploded");
        assertNextCallWorks();
    }

    @Test
    void htmlErrorPageOnInitializeFailsItAndTheNextCallStartsTheSession() {
        server.onPost("initialize", (req, ex) -> Reply.status(503, "text/html",
                "<html><body>Service Unavailable: warming up</body></html>"));

        assertThatThrownBy(client::initialize).isInstanceOfSatisfying(McpTransportException.class, e -> {
            assertThat(e.status()).isEqualTo(503);
            assertThat(e.bodyExcerpt()).contains("warming up");
        });
        server.onPost("initialize", null);
        assertNextCallWorks();
        assertThat(client.status().initialized()).isTrue();
    }

    // ------------------------------------------------------------------ 6. JSON-RPC errors

    private static JsonNode errorResponse(RequestId id) {
        ObjectNode data = McpJson.mapper().createObjectNode();
        data.put("field", "arguments.x");
        return JsonRpcCodec.toTree(JsonRpcResponse.error(id,
                new JsonRpcError(JsonRpcError.INVALID_PARAMS, "x must be a number", data)));
    }

    private static void assertServerError(Throwable error) {
        assertThat(error).isInstanceOfSatisfying(McpErrorException.class, e -> {
            assertThat(e.method()).isEqualTo("tools/call");
            assertThat(e.code()).isEqualTo(JsonRpcError.INVALID_PARAMS);
            assertThat(e.errorMessage()).isEqualTo("x must be a number");
            assertThat(e.data().get("field").asString()).isEqualTo("arguments.x");
        });
    }

    @Test
    void jsonRpcErrorResponseWithHttp200FailsWithErrorException() {
        server.onPost("tools/call", (req, ex) -> Reply.json(errorResponse(req.id())));
        client.initialize();

        assertServerError(failure(callAsync(Map.of("x", "nan"))));
        assertNextCallWorks();
    }

    @Test
    void jsonRpcErrorResponseWithHttp400FailsWithErrorException() {
        server.onPost("tools/call", (req, ex) -> Reply.status(400, "application/json",
                McpJson.mapper().writeValueAsString(errorResponse(req.id()))));
        client.initialize();

        assertServerError(failure(callAsync(Map.of("x", "nan"))));
        assertNextCallWorks();
    }

    @Test
    void jsonRpcErrorForAnotherIdWithHttp400FailsTheCallWithTheStatus() {
        server.onPost("tools/call", (req, ex) -> Reply.status(400, "application/json",
                McpJson.mapper().writeValueAsString(errorResponse(RequestId.of("someone-else")))));
        client.initialize();

        Throwable error = failure(callAsync(Map.of("x", "nan")));
        assertThat(error).isInstanceOf(McpTransportException.class).hasMessageContaining("x must be a number");
        assertThat(((McpTransportException) error).status()).isEqualTo(400);
        assertNextCallWorks();
    }

    // ------------------------------------------------------------------ 7. size limit

    @Test
    void jsonBodyOverTheLimitFailsWithProtocolExceptionAndTheSessionKeepsServing() {
        server.onPost("tools/call", (req, ex) -> Reply.json(toolResult(req.id(), "x".repeat(3 * LIMIT))));
        client.initialize();

        assertThat(failure(callAsync(Map.of()))).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("limit of " + LIMIT + " bytes");
        assertNextCallWorks();
    }

    @Test
    void sseEventOverTheLimitFailsWithProtocolExceptionAndTheSessionKeepsServing() {
        // Many short data lines: no single line is too long, the event is.
        String data = ("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"data\":\""
                + "y".repeat(3 * LIMIT) + "\"}}").replaceAll("(.{100})", "$1\n");
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.concat(
                Flux.just(SseFrame.event("e-1", null, data)), Flux.never())));
        client.initialize();

        assertThat(failure(callAsync(Map.of()))).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining(Integer.toString(LIMIT));
        server.awaitPost("tools/call", WAIT).awaitClosed(WAIT);
        assertNextCallWorks();
    }

    @Test
    void sseEventOverTheLimitOnBackgroundStreamIsLoggedAndTheStreamReconnects() {
        client.initialize();
        RecordedRequest first = server.background().awaitConnected(WAIT);

        server.background().sendFrame(SseFrame.event("big-1", null, "z".repeat(3 * LIMIT)));
        first.awaitClosed(WAIT);
        // A later message is handled: on the reconnected stream.
        drainBackground("after-oversized");

        assertThat(watchdog.takeWarnings()).singleElement().asString()
                .containsIgnoringCase("the background stream")
                .contains(Integer.toString(LIMIT));
        assertNextCallWorks();
    }

    // ------------------------------------------------------------------ 8. endless line

    @Test
    void endlessSseLineFailsTheCallLongBeforeItsTimeout() {
        String kilobyte = "x".repeat(1024);
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.concat(
                Flux.just(SseFrame.raw("id: e-1\ndata: ")),
                Flux.range(0, 64).map(i -> SseFrame.raw(kilobyte)),
                Flux.never())));
        client.initialize();

        Throwable error = failure(callAsync(Map.of()));
        assertThat(error).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("SSE line longer than " + LIMIT + " bytes");
        server.awaitPost("tools/call", WAIT).awaitClosed(WAIT);
        assertThat(server.requests()).as("not resumed: the limit is not an I/O failure")
                .noneMatch(r -> r.lastEventId() != null);
        assertNextCallWorks();
    }

    // ------------------------------------------------------------------ 9. protocol version

    @Test
    void unsupportedProtocolVersionFailsInitializeNamingTheVersionAndTheSupportedOnes() {
        server.overrideProtocolVersion("1999-01-01");

        assertThatThrownBy(client::initialize).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("1999-01-01")
                .hasMessageContaining("2025-11-25, 2025-06-18, 2025-03-26");
        assertThat(server.requests()).noneMatch(r -> "notifications/initialized".equals(r.jsonRpcMethod()));
        assertThatThrownBy(() -> client.callTool("echo", Map.of())).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("1999-01-01");
        assertThat(server.requests()).noneMatch(r -> "tools/call".equals(r.jsonRpcMethod()));

        server.overrideProtocolVersion(null);
        assertNextCallWorks();
        assertThat(client.status().protocolVersion()).isEqualTo(ProgrammableMcpServer.LATEST_VERSION);
    }

    // ------------------------------------------------------------------ 10. session expiry

    @Test
    void requestRejectedWith404AgainOnTheNewSessionFailsWithSessionExpired() {
        server.onPost("tools/call", (req, ex) -> Reply.status(404, "application/json",
                "{\"jsonrpc\":\"2.0\",\"id\":" + req.id() + ",\"error\":{\"code\":-32001,\"message\":\"Session not found\"}}"));
        client.initialize();
        String first = server.latestSessionId();

        Throwable error = failure(callAsync(Map.of()));
        assertThat(error).isInstanceOf(McpSessionExpiredException.class).hasMessageContaining("again");
        assertThat(error.getCause()).isInstanceOf(SessionNotFoundException.class);
        assertThat(server.requests().stream().filter(r -> "initialize".equals(r.jsonRpcMethod()))).hasSize(2);
        assertThat(server.requests().stream().filter(r -> "tools/call".equals(r.jsonRpcMethod())))
                .extracting(RecordedRequest::sessionId)
                .containsExactly(first, server.latestSessionId());
        assertThat(server.latestSessionId()).isNotEqualTo(first);
        assertNextCallWorks();
    }

    @Test
    void expiredSessionWhoseNewInitializeFailsFailsWithSessionExpiredAndTheCause() {
        client.initialize();
        server.expireSessions();
        server.onPost("initialize", (req, ex) -> Reply.status(500, "text/html",
                "<html><body>database is down</body></html>"));

        Throwable error = failure(callAsync(Map.of()));
        assertThat(error).isInstanceOf(McpSessionExpiredException.class).hasMessageContaining("database is down");
        assertThat(error.getCause()).isInstanceOfSatisfying(McpTransportException.class, cause -> {
            assertThat(cause.status()).isEqualTo(500);
            assertThat(cause.bodyExcerpt()).contains("database is down");
        });

        server.onPost("initialize", null);
        assertNextCallWorks();
    }

    @Test
    void everyPendingCallFailsPromptlyWithTheCauseWhenTheSessionCannotBeRenewed() {
        client.initialize();
        Sinks.Empty<Void> release = Sinks.empty();
        server.onPost("tools/call", (req, ex) -> Reply.deferred(release.asMono().then(Mono.just(Reply.status(404,
                "application/json", "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32001,\"message\":\"Session not found\"}}")))));

        List<CompletableFuture<CallToolResult>> calls = List.of(
                callAsync(Map.of("i", 1)), callAsync(Map.of("i", 2)), callAsync(Map.of("i", 3)));
        server.awaitRequests(r -> "tools/call".equals(r.jsonRpcMethod()), 3, WAIT);
        server.expireSessions();
        server.onPost("initialize", (req, ex) -> Reply.status(500, "text/html", "<html>down for maintenance</html>"));
        release.tryEmitEmpty();

        for (CompletableFuture<CallToolResult> call : calls) {
            Throwable error = failure(call);
            assertThat(error).isInstanceOf(McpSessionExpiredException.class);
            assertThat(error.getCause()).isInstanceOfSatisfying(McpTransportException.class, cause -> {
                assertThat(cause.status()).isEqualTo(500);
                assertThat(cause.bodyExcerpt()).contains("down for maintenance");
            });
        }
        assertThat(client.status().callsInFlight()).isZero();

        server.onPost("initialize", null);
        assertNextCallWorks();
    }

    // ------------------------------------------------------------------ 11. unreachable server

    @Test
    void unreachableServerFailsPromptlyWithTransportException() {
        int port = server.port();
        server.close();

        Throwable error = failure(callAsync(Map.of()));
        assertThat(error).isInstanceOf(McpTransportException.class)
                .hasMessageContaining("POST")
                .hasMessageContaining("127.0.0.1:" + port);
        assertThat(error.getCause()).isNotNull();
        assertThat(client.status().callsInFlight()).isZero();
    }

    // ------------------------------------------------------------------ 12. threads

    @Test
    void blockingClientOnAParallelSchedulerThreadIsRefused() {
        client.initialize();

        StepVerifier.create(Mono.fromCallable(() -> client.listTools()).subscribeOn(Schedulers.parallel()))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("non-blocking thread")
                        .hasMessageContaining("reactive()"))
                .verify(WAIT);
        assertThat(server.requests()).noneMatch(r -> "tools/list".equals(r.jsonRpcMethod()));
    }

    @Test
    void blockingClientOnANettyEventLoopIsRefused() {
        client.initialize();
        AtomicReference<String> thread = new AtomicReference<>();

        StepVerifier.create(client.reactive().ping().then(Mono.fromCallable(() -> {
                    thread.set(Thread.currentThread().getName());
                    return client.listTools();
                })))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOf(IllegalStateException.class)
                        .hasMessageContaining("reactive()"))
                .verify(WAIT);
        assertThat(thread.get()).as("ran on a Netty event loop").contains("reactor-http");
        assertThat(server.requests()).noneMatch(r -> "tools/list".equals(r.jsonRpcMethod()));
        assertThat(client.listTools().tools()).hasSize(1);
    }

    // ------------------------------------------------------------------ 13. server requests

    @Test
    void serverPingIsAnsweredAndAnUnknownServerRequestGetsMethodNotFound() {
        client.initialize();
        server.background().awaitConnected(WAIT);

        server.background().send(ping("srv-ping"));
        JsonNode pong = server.awaitClientResponse(RequestId.of("srv-ping"), WAIT).awaitClosed(WAIT).body();
        assertThat(pong.get("result").isObject()).isTrue();
        assertThat(pong.get("result").isEmpty()).isTrue();
        assertThat(pong.has("error")).isFalse();

        server.background().send(JsonRpcCodec.toTree(new JsonRpcRequest(RequestId.of("srv-odd"), "nobody/knows", null)));
        JsonNode refused = server.awaitClientResponse(RequestId.of("srv-odd"), WAIT).awaitClosed(WAIT).body();
        assertThat(refused.has("result")).isFalse();
        assertThat(refused.get("error").get("code").asInt()).isEqualTo(JsonRpcError.METHOD_NOT_FOUND);
        assertThat(refused.get("error").get("message").asString()).contains("nobody/knows");

        assertNextCallWorks();
    }

    // ------------------------------------------------------------------ 14. reactive twins

    @Test
    void reactiveCallToolEmitsExactlyOneResultThenCompletes() {
        StepVerifier.create(client.reactive().callTool("echo", Map.of("r", 1)))
                .assertNext(result -> assertThat(text(result)).isEqualTo("{\"r\":1}"))
                .expectComplete()
                .verify(WAIT);
        assertThat(client.status().callsInFlight()).isZero();
    }

    @Test
    void reactiveCallToolTimeoutErrorsWithTimeoutException() {
        server.onPost("tools/call", (req, ex) -> Reply.deferred(Mono.never()));
        client.initialize();

        StepVerifier.create(client.reactive().callTool("echo", Map.of(), CallOptions.withTimeout(Duration.ofMillis(300))))
                .expectErrorSatisfies(e -> assertThat(e).isInstanceOfSatisfying(McpTimeoutException.class, t -> {
                    assertThat(t.method()).isEqualTo("tools/call");
                    assertThat(t.timeout()).isEqualTo(Duration.ofMillis(300));
                }))
                .verify(WAIT);
        server.awaitPost("notifications/cancelled", WAIT);
        assertThat(client.status().callsInFlight()).isZero();
        assertNextCallWorks();
    }
}
