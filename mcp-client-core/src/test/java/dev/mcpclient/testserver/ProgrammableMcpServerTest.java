package dev.mcpclient.testserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import io.netty.handler.codec.http.HttpMethod;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.ByteBufMono;
import reactor.netty.http.client.HttpClientResponse;
import reactor.netty.http.client.PrematureCloseException;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;

class ProgrammableMcpServerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String ACCEPT_BOTH = "application/json, text/event-stream";

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.serverOnly();
    private final ProgrammableMcpServer server = mcp.server();
    private final HttpClient jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(WAIT).build();
    private final List<ClientStream> streams = new ArrayList<>();

    @AfterEach
    void cancelStreams() {
        streams.forEach(ClientStream::cancel);
    }

    // ------------------------------------------------------------------ initialize and sessions

    @Test
    void initializeCreatesANewSessionAndAnswersEachSupportedVersion() throws Exception {
        List<String> ids = new ArrayList<>();
        for (String version : List.of("2025-11-25", "2025-06-18", "2025-03-26")) {
            HttpResponse<String> res = post(null, initialize(1, version));
            assertThat(res.statusCode()).isEqualTo(200);
            assertThat(res.headers().firstValue("Content-Type")).hasValue("application/json");
            String sessionId = res.headers().firstValue("Mcp-Session-Id").orElseThrow();
            assertThat(java.util.UUID.fromString(sessionId)).isNotNull();
            ids.add(sessionId);
            JsonNode body = json(res.body());
            assertThat(body.get("id").asLong()).isEqualTo(1);
            assertThat(body.at("/result/protocolVersion").asString()).isEqualTo(version);
            assertThat(body.at("/result/capabilities/tools/listChanged").asBoolean()).isTrue();
            assertThat(body.at("/result/serverInfo/name").asString()).isEqualTo("programmable");
            assertThat(body.at("/result/serverInfo/version").asString()).isEqualTo("1.0.0");
        }
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(server.sessionIds()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(server.latestSessionId()).isEqualTo(ids.get(2));
    }

    @Test
    void initializeAnswersTheLatestVersionWhenTheClientsIsUnsupported() throws Exception {
        JsonNode body = json(post(null, initialize(1, "1999-01-01")).body());
        assertThat(body.at("/result/protocolVersion").asString()).isEqualTo("2025-11-25");
    }

    @Test
    void theVersionAnsweredCanBeOverridden() throws Exception {
        server.overrideProtocolVersion("2099-01-01");
        HttpResponse<String> res = post(null, initialize(1, "2025-11-25"));
        assertThat(json(res.body()).at("/result/protocolVersion").asString()).isEqualTo("2099-01-01");
        String session = res.headers().firstValue("Mcp-Session-Id").orElseThrow();
        // the override is accepted in MCP-Protocol-Version; other unknown versions are not
        assertThat(post(session, ping(2), Map.of("MCP-Protocol-Version", "2099-01-01")).statusCode()).isEqualTo(200);
        assertThat(post(session, ping(3), Map.of("MCP-Protocol-Version", "2000-01-01")).statusCode()).isEqualTo(400);

        server.overrideProtocolVersion(null);
        assertThat(json(post(null, initialize(4, "2025-06-18")).body()).at("/result/protocolVersion").asString())
                .isEqualTo("2025-06-18");
    }

    @Test
    void requestsWithoutSessionGet400AndWithAnUnknownOneGet404() throws Exception {
        String session = initializeSession();
        assertThat(post(null, ping(2)).statusCode()).isEqualTo(400);
        assertThat(post(null, notification("notifications/initialized")).statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = post("no-such-session", ping(3));
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(json(unknown.body()).at("/error/code").asInt()).isEqualTo(ProgrammableMcpServer.SESSION_NOT_FOUND);
        assertThat(send("GET", null, null, Map.of("Accept", "text/event-stream")).statusCode()).isEqualTo(400);
        assertThat(send("GET", "no-such-session", null, Map.of("Accept", "text/event-stream")).statusCode())
                .isEqualTo(404);
        assertThat(send("DELETE", null, null, Map.of()).statusCode()).isEqualTo(400);
        assertThat(send("DELETE", "no-such-session", null, Map.of()).statusCode()).isEqualTo(404);
        assertThat(post(session, ping(4)).statusCode()).isEqualTo(200);
    }

    @Test
    void postNeedsBothAcceptTypesAndAJsonContentType() throws Exception {
        String session = initializeSession();
        assertThat(send("POST", session, ping(2), Map.of("Accept", "application/json",
                "Content-Type", "application/json")).statusCode()).isEqualTo(406);
        assertThat(send("POST", session, ping(3), Map.of("Accept", "text/event-stream",
                "Content-Type", "application/json")).statusCode()).isEqualTo(406);
        assertThat(send("POST", session, ping(4), Map.of("Accept", ACCEPT_BOTH,
                "Content-Type", "text/plain")).statusCode()).isEqualTo(415);
        assertThat(send("POST", session, "{not json", Map.of("Accept", ACCEPT_BOTH,
                "Content-Type", "application/json")).statusCode()).isEqualTo(400);
        assertThat(send("POST", session, ping(5), Map.of("Accept", "text/event-stream;q=0.9, application/json",
                "Content-Type", "application/json; charset=utf-8")).statusCode()).isEqualTo(200);

        server.validate(false);
        assertThat(send("POST", null, ping(6), Map.of("Content-Type", "text/plain")).statusCode()).isEqualTo(200);
    }

    @Test
    void defaultMethodsAnswerLikeASmallMcpServer() throws Exception {
        String session = initializeSession();
        assertThat(json(post(session, ping(2)).body()).get("result").size()).isZero();

        JsonNode tools = json(post(session, request(3, "tools/list", "{}")).body());
        assertThat(tools.at("/result/tools/0/name").asString()).isEqualTo("echo");
        assertThat(tools.at("/result/tools/0/inputSchema/type").asString()).isEqualTo("object");

        JsonNode call = json(post(session, toolsCall("x-4", "{\"a\": 1, \"b\": [true, \"s\"]}")).body());
        assertThat(call.get("id").asString()).isEqualTo("x-4");
        assertThat(call.at("/result/content/0/type").asString()).isEqualTo("text");
        assertThat(call.at("/result/content/0/text").asString()).isEqualTo("{\"a\":1,\"b\":[true,\"s\"]}");
        assertThat(call.at("/result/isError").asBoolean(true)).isFalse();

        JsonNode unknown = json(post(session, request(5, "resources/list", "{}")).body());
        assertThat(unknown.at("/error/code").asInt()).isEqualTo(-32601);

        HttpResponse<String> notified = post(session, notification("notifications/initialized"));
        assertThat(notified.statusCode()).isEqualTo(202);
        assertThat(notified.body()).isEmpty();
        HttpResponse<String> answered = post(session, "{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"result\":{}}");
        assertThat(answered.statusCode()).isEqualTo(202);
        assertThat(answered.body()).isEmpty();
        RecordedRequest response = server.awaitClientResponse(RequestId.of("s1"), WAIT);
        assertThat(response.isClientResponse()).isTrue();
        assertThat(response.jsonRpcMethod()).isNull();
    }

    // ------------------------------------------------------------------ replies

    @Test
    void jsonResultAndErrorRepliesWithExtraHeaders() throws Exception {
        String session = initializeSession();
        server.onPost("tools/call", (req, ex) -> Reply.result(req.id(), json("{\"custom\": true}"))
                .header("X-Test", "yes"));
        server.onPost("tools/list", (req, ex) -> Reply.error(req.id(), -32000, "boom"));
        server.onPost("ping", (req, ex) -> Reply.json(json("{\"jsonrpc\":\"2.0\",\"id\":999,\"result\":{}}")));

        HttpResponse<String> result = post(session, toolsCall(2, "{}"));
        assertThat(result.headers().firstValue("X-Test")).hasValue("yes");
        assertThat(result.headers().firstValue("Content-Type")).hasValue("application/json");
        assertThat(json(result.body()).at("/result/custom").asBoolean()).isTrue();
        assertThat(json(result.body()).get("id").asLong()).isEqualTo(2);

        JsonNode error = json(post(session, request(3, "tools/list", null)).body());
        assertThat(error.at("/error/code").asInt()).isEqualTo(-32000);
        assertThat(error.at("/error/message").asString()).isEqualTo("boom");
        assertThat(error.get("id").asLong()).isEqualTo(3);

        assertThat(json(post(session, ping(4)).body()).get("id").asLong()).isEqualTo(999);

        server.onPost("tools/call", null);
        assertThat(json(post(session, toolsCall(5, "{}")).body()).at("/result/isError").isBoolean()).isTrue();
    }

    @Test
    void statusReplyCarriesAnyContentTypeAndBody() throws Exception {
        String session = initializeSession();
        String html = "<html><body><h1>500 Internal Server Error</h1></body></html>";
        server.onPost("tools/call", (req, ex) -> Reply.status(500, "text/html", html));
        server.onPost("ping", (req, ex) -> Reply.status(404, null, null));
        HttpResponse<String> res = post(session, toolsCall(2, "{}"));
        assertThat(res.statusCode()).isEqualTo(500);
        assertThat(res.headers().firstValue("Content-Type")).hasValue("text/html");
        assertThat(res.body()).isEqualTo(html);
        HttpResponse<String> empty = post(session, ping(3));
        assertThat(empty.statusCode()).isEqualTo(404);
        assertThat(empty.body()).isEmpty();
        assertThat(empty.headers().firstValue("Content-Type")).isEmpty();
    }

    @Test
    void acceptedReplyHasNoBody() throws Exception {
        String session = initializeSession();
        server.onPost("tools/call", (req, ex) -> Reply.accepted());
        HttpResponse<String> res = post(session, toolsCall(2, "{}"));
        assertThat(res.statusCode()).isEqualTo(202);
        assertThat(res.body()).isEmpty();
        assertThat(res.headers().firstValue("Content-Length")).hasValue("0");
    }

    @Test
    void sseReplyFlushesEachFrameAsItIsEmittedAndCompletionEndsTheResponseCleanly() throws Exception {
        String session = initializeSession();
        Sinks.Many<SseFrame> frames = Sinks.many().unicast().onBackpressureBuffer();
        server.onPost("tools/call", (req, ex) -> Reply.sse(frames.asFlux()).header("X-Stream", "1"));

        ClientStream stream = open(HttpMethod.POST, session, toolsCall(7, "{}"));
        HttpClientResponse res = stream.response.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        // the headers arrived although no frame was emitted yet
        assertThat(res.status().code()).isEqualTo(200);
        assertThat(res.responseHeaders().get("Content-Type")).isEqualTo("text/event-stream");
        assertThat(res.responseHeaders().get("X-Stream")).isEqualTo("1");

        SseFrame first = SseFrame.message("e1", json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{}}"));
        frames.tryEmitNext(first).orThrow();
        assertThat(stream.awaitText("\n\n", WAIT)).isEqualTo(first.text());

        SseFrame priming = SseFrame.priming("e2", 1500L);
        frames.tryEmitNext(priming).orThrow();
        assertThat(stream.awaitText("data: \n\n", WAIT)).isEqualTo(first.text() + priming.text());

        SseFrame last = SseFrame.message(null, json("{\"jsonrpc\":\"2.0\",\"id\":7,\"result\":{}}"));
        frames.tryEmitNext(SseFrame.comment("keep-alive")).orThrow();
        frames.tryEmitNext(last).orThrow();
        stream.awaitText(last.text(), WAIT);
        assertThat(stream.done).isNotDone();

        frames.tryEmitComplete().orThrow();
        stream.done.get(WAIT.toSeconds(), TimeUnit.SECONDS); // completes normally
        assertThat(stream.received.toString())
                .isEqualTo(first.text() + priming.text() + ": keep-alive\n\n" + last.text());
        server.awaitPost("tools/call", WAIT).awaitClosed(WAIT);
    }

    @Test
    void sseFrameTextsAreExact() {
        assertThat(SseFrame.message("1", json("{\"a\": [1, 2]}")).text()).isEqualTo("id: 1\ndata: {\"a\":[1,2]}\n\n");
        assertThat(SseFrame.message(null, json("{}")).text()).isEqualTo("data: {}\n\n");
        assertThat(SseFrame.priming("p", null).text()).isEqualTo("id: p\ndata: \n\n");
        assertThat(SseFrame.priming("p", 500L).text()).isEqualTo("id: p\nretry: 500\ndata: \n\n");
        assertThat(SseFrame.comment("a\nb").text()).isEqualTo(": a\n: b\n\n");
        assertThat(SseFrame.event("3", "message", "x\ny").text()).isEqualTo("id: 3\nevent: message\ndata: x\ndata: y\n\n");
        assertThat(SseFrame.raw("data: {broken").text()).isEqualTo("data: {broken");
    }

    @Test
    void sseReplyErrorCutsTheConnectionAndTheClientSeesAPrematureClose() throws Exception {
        String session = initializeSession();
        Sinks.Many<SseFrame> frames = Sinks.many().unicast().onBackpressureBuffer();
        server.onPost("tools/call", (req, ex) -> Reply.sse(frames.asFlux()));

        ClientStream stream = open(HttpMethod.POST, session, toolsCall(7, "{}"));
        SseFrame first = SseFrame.message("1", json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}"));
        frames.tryEmitNext(first).orThrow();
        assertThat(stream.awaitText("\n\n", WAIT)).isEqualTo(first.text());
        RecordedRequest recorded = server.awaitPost("tools/call", WAIT);
        assertThat(recorded.isClosed()).isFalse();

        frames.tryEmitError(new IOException("server dies")).orThrow();
        assertThatThrownBy(() -> stream.done.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .hasCauseInstanceOf(PrematureCloseException.class);
        recorded.awaitClosed(WAIT);
    }

    @Test
    void sseReplyErrorLeavesOutTheTerminatingChunkOnTheWire() throws Exception {
        String session = initializeSession();
        Sinks.Many<SseFrame> frames = Sinks.many().unicast().onBackpressureBuffer();
        server.onPost("tools/call", (req, ex) -> Reply.sse(frames.asFlux()));
        frames.tryEmitNext(SseFrame.raw("data: {\"half\":")).orThrow();
        frames.tryEmitError(new IOException("server dies")).orThrow();

        String wire = rawExchange("POST", session, toolsCall(2, "{}"));
        assertThat(wire).startsWith("HTTP/1.1 200").contains("transfer-encoding: chunked")
                .endsWith("data: {\"half\":\r\n"); // the chunk, then EOF: no "0\r\n\r\n"
        assertThat(wire).doesNotContain("\r\n0\r\n\r\n");

        // for comparison, a clean end writes the terminating chunk
        server.onPost("tools/call", (req, ex) -> Reply.sse(Mono.just(SseFrame.raw("data: {}\n\n"))));
        assertThat(rawExchange("POST", session, toolsCall(3, "{}"))).endsWith("data: {}\n\n\r\n0\r\n\r\n");
    }

    @Test
    void resetClosesTheConnectionWithoutAnyResponse() throws Exception {
        watchdog.expectConnectionErrors(); // the client that sees the reset
        String session = initializeSession();
        server.onPost("tools/call", (req, ex) -> Reply.reset());

        ClientStream stream = open(HttpMethod.POST, session, toolsCall(2, "{}"));
        assertThatThrownBy(() -> stream.done.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .hasCauseInstanceOf(IOException.class);
        assertThat(stream.response).isNotDone();
        server.awaitPost("tools/call", WAIT).awaitClosed(WAIT);

        assertThat(rawExchange("POST", session, toolsCall(3, "{}"))).isEmpty();
        assertThat(server.requests().stream().filter(r -> "tools/call".equals(r.jsonRpcMethod()))).hasSize(2);
    }

    @Test
    void deferredReplyIsHeldUntilTheTestReleasesIt() throws Exception {
        String session = initializeSession();
        Sinks.One<Reply> release = Sinks.one();
        server.onPost("tools/call", (req, ex) -> Reply.deferred(release.asMono()).header("X-Deferred", "yes"));
        Sinks.Empty<Void> gate = Sinks.empty();
        server.onPost("tools/list", (req, ex) -> Reply.deferred(gate.asMono().then(Mono.fromSupplier(ex::defaultReply))));

        CompletableFuture<HttpResponse<String>> call = postAsync(session, toolsCall(2, "{}"));
        CompletableFuture<HttpResponse<String>> list = postAsync(session, request(3, "tools/list", null));
        RecordedRequest callRequest = server.awaitPost("tools/call", WAIT);
        RecordedRequest listRequest = server.awaitPost("tools/list", WAIT);
        // a request that arrives later is answered while the two are held
        assertThat(post(session, ping(4)).statusCode()).isEqualTo(200);
        assertThat(call).isNotDone();
        assertThat(list).isNotDone();
        assertThat(callRequest.isClosed()).isFalse();

        release.tryEmitValue(Reply.result(RequestId.of(2), json("{\"late\": true}"))).orThrow();
        HttpResponse<String> res = call.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(json(res.body()).at("/result/late").asBoolean()).isTrue();
        assertThat(res.headers().firstValue("X-Deferred")).hasValue("yes");
        assertThat(list).isNotDone();

        gate.tryEmitEmpty().orThrow();
        assertThat(json(list.get(WAIT.toSeconds(), TimeUnit.SECONDS).body()).at("/result/tools/0/name").asString())
                .isEqualTo("echo");
        listRequest.awaitClosed(WAIT);
    }

    @Test
    void handlerFailuresGive500AndAreReported() throws Exception {
        String session = initializeSession();
        server.onPost("tools/call", (req, ex) -> {
            throw new IllegalStateException("handler bug");
        });
        server.onPost("tools/list", (req, ex) -> Reply.deferred(Mono.error(new IllegalStateException("late bug"))));
        assertThat(post(session, toolsCall(2, "{}")).statusCode()).isEqualTo(500);
        assertThat(post(session, request(3, "tools/list", null)).statusCode()).isEqualTo(500);
        assertThat(server.handlerErrors()).extracting(Throwable::getMessage).containsExactly("handler bug", "late bug");
        server.clearHandlerErrors();
    }

    // ------------------------------------------------------------------ recording

    @Test
    void requestsAreRecordedInOrderAndCanBeAwaited() throws Exception {
        CompletableFuture<RecordedRequest> waiting =
                CompletableFuture.supplyAsync(() -> server.awaitPost("tools/call", WAIT));
        String session = initializeSession();
        assertThat(waiting).isNotDone();
        post(session, toolsCall(2, "{\"x\": 1}"), Map.of("X-Custom", "v1", "MCP-Protocol-Version", "2025-11-25"));

        RecordedRequest call = waiting.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(call.httpMethod()).isEqualTo("POST");
        assertThat(call.uri()).isEqualTo("/mcp");
        assertThat(call.jsonRpcMethod()).isEqualTo("tools/call");
        assertThat(call.id()).isEqualTo(RequestId.of(2));
        assertThat(call.isJsonRpcRequest()).isTrue();
        assertThat(call.sessionId()).isEqualTo(session);
        assertThat(call.protocolVersion()).isEqualTo("2025-11-25");
        assertThat(call.header("x-custom")).isEqualTo("v1");
        assertThat(call.header("X-CUSTOM")).isEqualTo("v1");
        assertThat(call.headers()).containsKey("x-Custom");
        assertThat(call.body().at("/params/arguments/x").asInt()).isEqualTo(1);
        assertThat(call.params().get("name").asString()).isEqualTo("echo");
        assertThat(call.lastEventId()).isNull();
        call.awaitClosed(WAIT);

        post(session, notification("notifications/initialized"));
        List<RecordedRequest> all = server.requests();
        assertThat(all).extracting(RecordedRequest::jsonRpcMethod)
                .containsExactly("initialize", "tools/call", "notifications/initialized");
        assertThat(all).extracting(RecordedRequest::index).containsExactly(0L, 1L, 2L);
        assertThat(all.get(2).id()).isNull();
        assertThat(all.get(2).isNotification()).isTrue();
        assertThat(all.get(0).sessionId()).isNull();

        assertThatThrownBy(() -> server.awaitPost("never/sent", Duration.ofMillis(200)))
                .isInstanceOf(AssertionError.class).hasMessageContaining("received");
        assertThat(server.awaitRequests(r -> "POST".equals(r.httpMethod()), 3, WAIT)).hasSize(3);
    }

    @Test
    void awaitClosedTellsWhenTheClientCancelsAHeldOpenGet() throws Exception {
        String session = initializeSession();
        ClientStream get = open(HttpMethod.GET, session, null);
        RecordedRequest recorded = server.background().awaitConnected(WAIT);
        assertThat(recorded.httpMethod()).isEqualTo("GET");
        assertThat(get.response.get(WAIT.toSeconds(), TimeUnit.SECONDS).status().code()).isEqualTo(200);
        assertThat(recorded.isClosed()).isFalse();

        get.cancel();
        recorded.awaitClosed(WAIT);
        assertThat(recorded.isClosed()).isTrue();
        assertThat(server.background().isConnected()).isFalse();
    }

    @Test
    void clientCancellationsAreNotLoggedAsErrors() throws Exception {
        String session = initializeSession();
        Sinks.Many<SseFrame> frames = Sinks.many().unicast().onBackpressureBuffer();
        Sinks.One<Reply> release = Sinks.one();
        server.onPost("tools/call", (req, ex) -> Reply.sse(frames.asFlux()));
        server.onPost("tools/list", (req, ex) -> Reply.deferred(release.asMono()));

        ClientStream sse = open(HttpMethod.POST, session, toolsCall(2, "{}"));
        frames.tryEmitNext(SseFrame.comment("first")).orThrow();
        sse.awaitText("first", WAIT);
        ClientStream held = open(HttpMethod.POST, session, request(3, "tools/list", null));
        RecordedRequest list = server.awaitPost("tools/list", WAIT);

        sse.cancel();
        held.cancel();
        server.awaitPost("tools/call", WAIT).awaitClosed(WAIT);
        list.awaitClosed(WAIT);
        // the server goes on writing to exchanges whose clients are gone
        frames.tryEmitNext(SseFrame.comment("too late"));
        frames.tryEmitComplete();
        release.tryEmitValue(Reply.result(RequestId.of(3), json("{}")));
        // a later exchange on the same server proves those writes were processed; @AfterEach checks the log
        assertThat(post(session, ping(4)).statusCode()).isEqualTo(200);
    }

    @Test
    void awaitClosedTimesOutWhileTheExchangeIsOpen() throws Exception {
        String session = initializeSession();
        open(HttpMethod.GET, session, null);
        RecordedRequest recorded = server.background().awaitConnected(WAIT);
        assertThatThrownBy(() -> recorded.awaitClosed(Duration.ofMillis(200))).isInstanceOf(AssertionError.class);
    }

    // ------------------------------------------------------------------ background stream

    @Test
    void backgroundFramesAreBufferedUntilAGetConnectsThenDeliveredInOrder() throws Exception {
        String session = initializeSession();
        SseFrame one = SseFrame.message("1", json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\"}"));
        server.background().sendFrame(one);
        server.background().send(json("{\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"method\":\"ping\"}"));
        assertThat(server.background().buffered()).isEqualTo(2);
        assertThat(server.background().isConnected()).isFalse();

        ClientStream get = open(HttpMethod.GET, session, null);
        RecordedRequest first = server.background().awaitConnected(WAIT);
        String two = "data: {\"jsonrpc\":\"2.0\",\"id\":\"s1\",\"method\":\"ping\"}\n\n";
        assertThat(get.awaitText(two, WAIT)).isEqualTo(one.text() + two);
        assertThat(server.background().buffered()).isZero();

        SseFrame three = SseFrame.message("3", json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}"));
        server.background().sendFrame(three);
        assertThat(get.awaitText(three.text(), WAIT)).endsWith(three.text());

        // the client goes away: what is sent next waits for the next GET, which may resume
        get.cancel();
        first.awaitClosed(WAIT);
        SseFrame four = SseFrame.message("4", json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\"}"));
        server.background().sendFrame(four);
        assertThat(server.background().buffered()).isEqualTo(1);

        ClientStream again = open(HttpMethod.GET, session, null, Map.of("Last-Event-ID", "3"));
        RecordedRequest second = server.background().awaitConnected(WAIT);
        assertThat(second.lastEventId()).isEqualTo("3");
        assertThat(again.awaitText(four.text(), WAIT)).isEqualTo(four.text());
    }

    @Test
    void backgroundCompleteEndsTheGetCleanlyAndAbortCutsIt() throws Exception {
        String session = initializeSession();
        ClientStream get = open(HttpMethod.GET, session, null);
        server.background().awaitConnected(WAIT);
        server.background().complete();
        get.done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(server.background().isConnected()).isFalse();

        ClientStream cut = open(HttpMethod.GET, session, null);
        server.background().awaitConnected(WAIT);
        server.background().send(json("{\"jsonrpc\":\"2.0\",\"method\":\"a\"}"));
        cut.awaitText("\n\n", WAIT);
        server.background().abort();
        assertThatThrownBy(() -> cut.done.get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .hasCauseInstanceOf(PrematureCloseException.class);
        server.background().awaitDisconnected(WAIT);
    }

    @Test
    void aSecondGetTakesOverAndTheFirstEndsCleanly() throws Exception {
        String session = initializeSession();
        ClientStream first = open(HttpMethod.GET, session, null);
        RecordedRequest firstGet = server.background().awaitConnected(WAIT);
        ClientStream second = open(HttpMethod.GET, session, null);
        server.awaitGet(2, WAIT);
        first.done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        firstGet.awaitClosed(WAIT);
        RecordedRequest secondGet = server.background().awaitConnected(WAIT);
        assertThat(secondGet).isNotSameAs(firstGet);
        server.background().send(json("{\"jsonrpc\":\"2.0\",\"method\":\"b\"}"));
        assertThat(second.awaitText("\n\n", WAIT)).contains("\"method\":\"b\"");
    }

    @Test
    void aHandlerCanAnswerOnTheBackgroundStreamAndOnGetCanBeReplaced() throws Exception {
        String session = initializeSession();
        server.onPost("tools/call", (req, ex) -> {
            ex.background().sendFrame(SseFrame.message("r", json("{\"jsonrpc\":\"2.0\",\"id\":"
                    + req.id().value() + ",\"result\":{}}")));
            return Reply.accepted();
        });
        ClientStream get = open(HttpMethod.GET, session, null);
        server.background().awaitConnected(WAIT);
        assertThat(post(session, toolsCall(9, "{}")).statusCode()).isEqualTo(202);
        assertThat(get.awaitText("\n\n", WAIT)).isEqualTo("id: r\ndata: {\"jsonrpc\":\"2.0\",\"id\":9,\"result\":{}}\n\n");

        server.onGet((req, ex) -> req.lastEventId() == null ? Reply.status(405, null, null)
                : Reply.sse(Mono.just(SseFrame.raw("id: replay-after-" + req.lastEventId() + "\ndata: {}\n\n"))));
        assertThat(send("GET", session, null, Map.of("Accept", "text/event-stream")).statusCode()).isEqualTo(405);
        HttpResponse<String> replay = send("GET", session, null, Map.of("Accept", "text/event-stream",
                "Last-Event-ID", "r"));
        assertThat(replay.body()).isEqualTo("id: replay-after-r\ndata: {}\n\n");
    }

    @Test
    void expireSessionsMakesEveryKnownSession404() throws Exception {
        String a = initializeSession();
        String b = initializeSession();
        assertThat(post(a, ping(2)).statusCode()).isEqualTo(200);
        server.expireSessions();
        assertThat(server.sessionIds()).isEmpty();
        assertThat(post(a, ping(3)).statusCode()).isEqualTo(404);
        assertThat(post(b, notification("notifications/initialized")).statusCode()).isEqualTo(404);
        assertThat(send("GET", b, null, Map.of("Accept", "text/event-stream")).statusCode()).isEqualTo(404);
        String c = initializeSession();
        assertThat(post(c, ping(4)).statusCode()).isEqualTo(200);
        String d = server.createSession("2025-06-18");
        assertThat(post(d, ping(5)).statusCode()).isEqualTo(200);
        server.expireSession(c);
        assertThat(post(c, ping(6)).statusCode()).isEqualTo(404);
        assertThat(post(d, ping(7)).statusCode()).isEqualTo(200);
    }

    @Test
    void deleteForgetsTheSessionAndEndsItsGet() throws Exception {
        String session = initializeSession();
        ClientStream get = open(HttpMethod.GET, session, null);
        server.background().awaitConnected(WAIT);
        assertThat(send("DELETE", session, null, Map.of()).statusCode()).isEqualTo(200);
        get.done.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(post(session, ping(2)).statusCode()).isEqualTo(404);
    }

    @Test
    void survivesAThousandConcurrentRequests() throws Exception {
        String session = initializeSession();
        int n = 1000;
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(postAsync(session, toolsCall(i, "{\"i\":" + i + "}")));
        }
        CompletableFuture.allOf(calls.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
        for (int i = 0; i < n; i++) {
            HttpResponse<String> res = calls.get(i).get();
            assertThat(res.statusCode()).isEqualTo(200);
            JsonNode body = json(res.body());
            assertThat(body.get("id").asLong()).isEqualTo(i);
            assertThat(body.at("/result/content/0/text").asString()).isEqualTo("{\"i\":" + i + "}");
        }
        assertThat(server.awaitRequests(r -> "tools/call".equals(r.jsonRpcMethod()), n, WAIT)).hasSize(n);
    }

    // ------------------------------------------------------------------ helpers

    private static JsonNode json(String text) {
        return McpJson.mapper().readTree(text);
    }

    private static String initialize(long id, String version) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + version + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"test\",\"version\":\"0\"}}}";
    }

    private static String ping(long id) {
        return request(id, "ping", null);
    }

    private static String request(Object id, String method, String params) {
        String idJson = id instanceof String ? "\"" + id + "\"" : String.valueOf(id);
        return "{\"jsonrpc\":\"2.0\",\"id\":" + idJson + ",\"method\":\"" + method + "\""
                + (params == null ? "" : ",\"params\":" + params) + "}";
    }

    private static String toolsCall(Object id, String arguments) {
        return request(id, "tools/call", "{\"name\":\"echo\",\"arguments\":" + arguments + "}");
    }

    private static String notification(String method) {
        return "{\"jsonrpc\":\"2.0\",\"method\":\"" + method + "\"}";
    }

    private String initializeSession() throws Exception {
        HttpResponse<String> res = post(null, initialize(1, "2025-11-25"));
        assertThat(res.statusCode()).isEqualTo(200);
        return res.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    private HttpResponse<String> post(String session, String body) throws Exception {
        return post(session, body, Map.of());
    }

    private HttpResponse<String> post(String session, String body, Map<String, String> extra) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", ACCEPT_BOTH);
        headers.put("Content-Type", "application/json");
        headers.putAll(extra);
        return send("POST", session, body, headers);
    }

    private CompletableFuture<HttpResponse<String>> postAsync(String session, String body) {
        // The same bound as the whole batch: a thousand requests queue for connections on a busy machine.
        HttpRequest request = HttpRequest.newBuilder(build("POST", session, body, Map.of("Accept", ACCEPT_BOTH,
                "Content-Type", "application/json")), (name, value) -> true).timeout(Duration.ofSeconds(60)).build();
        return jdk.sendAsync(request, HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> send(String method, String session, String body, Map<String, String> headers)
            throws Exception {
        return jdk.send(build(method, session, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest build(String method, String session, String body, Map<String, String> headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url())).timeout(WAIT)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (session != null) {
            b.header("Mcp-Session-Id", session);
        }
        headers.forEach(b::header);
        return b.build();
    }

    /** One exchange over a fresh socket, read until the server closes it; the bytes as text. */
    private String rawExchange(String method, String session, String body) throws IOException {
        byte[] content = body.getBytes(StandardCharsets.UTF_8);
        String head = method + " /mcp HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: " + ACCEPT_BOTH
                + "\r\nContent-Type: application/json\r\nMcp-Session-Id: " + session
                + "\r\nConnection: close\r\nContent-Length: " + content.length + "\r\n\r\n";
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout((int) WAIT.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(content);
            out.flush();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            try {
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
            } catch (java.net.SocketException reset) {
                // a RST ends the exchange like an EOF, for what this test looks at
            }
        }
        return received.toString(StandardCharsets.UTF_8);
    }

    private ClientStream open(HttpMethod method, String session, String body) {
        return open(method, session, body, Map.of());
    }

    /** Streams one exchange with Reactor Netty on its own connection, chunk by chunk. */
    private ClientStream open(HttpMethod method, String session, String body, Map<String, String> extra) {
        ClientStream stream = new ClientStream();
        streams.add(stream);
        stream.subscription = reactor.netty.http.client.HttpClient.create(ConnectionProvider.newConnection())
                .disableRetry(true)
                .headers(h -> {
                    h.set("Accept", method == HttpMethod.GET ? "text/event-stream" : ACCEPT_BOTH);
                    if (body != null) {
                        h.set("Content-Type", "application/json");
                    }
                    if (session != null) {
                        h.set("Mcp-Session-Id", session);
                    }
                    extra.forEach(h::set);
                })
                .request(method)
                .uri(server.url())
                .send(body == null ? ByteBufMono.empty() : ByteBufMono.fromString(Mono.just(body)))
                .response((res, content) -> {
                    stream.response.complete(res);
                    return content.asString();
                })
                .subscribe(stream.chunks::add, stream.done::completeExceptionally, () -> stream.done.complete(null));
        return stream;
    }

    /** What a streaming client has received so far and how its exchange ended. */
    static final class ClientStream {
        final CompletableFuture<HttpClientResponse> response = new CompletableFuture<>();
        final LinkedBlockingQueue<String> chunks = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final StringBuilder received = new StringBuilder();
        Disposable subscription;

        /** Takes chunks until what was received contains {@code expected}; returns all received so far. */
        String awaitText(String expected, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!received.toString().contains(expected)) {
                String chunk = chunks.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
                if (chunk == null) {
                    throw new AssertionError("did not receive " + expected + " within " + timeout
                            + "; received: " + received);
                }
                received.append(chunk);
            }
            return received.toString();
        }

        void cancel() {
            if (subscription != null) {
                subscription.dispose();
            }
        }
    }
}
