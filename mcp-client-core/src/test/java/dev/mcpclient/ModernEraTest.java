package dev.mcpclient;

import static dev.mcpclient.support.Messages.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.ElicitResult;
import dev.mcpclient.schema.Tool;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.RecordedRequest;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.testserver.SseFrame;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import dev.mcpclient.internal.session.ServerEras;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

/**
 * The modern era (MCP 2026-07-28) against a programmable stateless server: the era found by
 * {@code server/discover}, every request's {@code _meta} and headers, multi round-trip requests, the
 * resend after a broken response stream, {@code x-mcp-header}, and what a pinned version does.
 */
class ModernEraTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String DISCOVERED = """
            {"resultType":"complete","supportedVersions":["2026-07-28"],"ttlMs":0,"cacheScope":"public",
             "capabilities":{"tools":{"listChanged":true},"resources":{"subscribe":true}},
             "_meta":{"io.modelcontextprotocol/serverInfo":{"name":"modern","version":"1.0"}}}""";

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();

    private final ProgrammableMcpServer server = ProgrammableMcpServer.start().validate(false);

    @BeforeEach
    void firstContact() {
        // Every test starts from a first contact, even where an earlier test's server had this port.
        ServerEras.clear();
    }

    @AfterEach
    void close() {
        server.close();
    }

    /** A stateless server: discover answers, initialize is refused the way a modern-only server refuses it. */
    private ProgrammableMcpServer modern() {
        server.onPost("server/discover", (req, ex) -> Reply.result(req.id(), json(DISCOVERED)));
        server.onPost("initialize", (req, ex) -> Reply.status(400, "application/json", unsupported(req)));
        server.onPost("tools/call", (req, ex) -> Reply.result(req.id(), json(
                "{\"resultType\":\"complete\",\"content\":[{\"type\":\"text\",\"text\":\"done\"}]}")));
        server.onPost("tools/list", (req, ex) -> Reply.result(req.id(), json(
                "{\"resultType\":\"complete\",\"ttlMs\":0,\"cacheScope\":\"public\",\"tools\":[]}")));
        return server;
    }

    private static String unsupported(RecordedRequest req) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + req.id().toJson() + ",\"error\":{\"code\":-32022,"
                + "\"message\":\"Unsupported protocol version\",\"data\":{\"supported\":[\"2026-07-28\"]}}}";
    }

    private McpClientBuilder client() {
        return McpClient.streamableHttp(server.url()).requestTimeout(WAIT);
    }

    private List<RecordedRequest> posts(String method) {
        return server.requests().stream().filter(r -> method.equals(r.jsonRpcMethod())).toList();
    }

    @Test
    void aModernServerIsFoundByDiscoverAndEveryRequestCarriesTheRevisionsMetaAndHeaders() {
        modern();
        try (McpClient client = client().clientInfo("tester", "9").build()) {
            CallToolResult result = client.callTool("echo", Map.of("text", "hi"));

            assertThat(result.content()).hasSize(1);
            assertThat(client.status().protocolVersion()).isEqualTo("2026-07-28");
            assertThat(client.status().era()).isEqualTo(McpClientStatus.ProtocolEra.MODERN);
            assertThat(client.initializeResult().serverInfo().name()).isEqualTo("modern");
        }
        assertThat(posts("initialize")).as("a modern server never receives initialize").isEmpty();
        RecordedRequest call = posts("tools/call").get(0);
        JsonNode meta = call.params().path("_meta");
        assertThat(meta.path("io.modelcontextprotocol/protocolVersion").asString()).isEqualTo("2026-07-28");
        assertThat(meta.path("io.modelcontextprotocol/clientInfo").path("name").asString()).isEqualTo("tester");
        assertThat(meta.path("io.modelcontextprotocol/clientCapabilities").isObject()).isTrue();
        assertThat(call.header("MCP-Protocol-Version")).isEqualTo("2026-07-28");
        assertThat(call.header("Mcp-Method")).isEqualTo("tools/call");
        assertThat(call.header("Mcp-Name")).isEqualTo("echo");
        assertThat(call.sessionId()).isNull();
        RecordedRequest discover = posts("server/discover").get(0);
        assertThat(discover.header("Mcp-Method")).isEqualTo("server/discover");
        assertThat(discover.params().path("_meta").path("io.modelcontextprotocol/protocolVersion").asString())
                .isEqualTo("2026-07-28");
    }

    @Test
    void unsupportedProtocolVersionIsRetriedOnceWithAListedVersion() {
        modern();
        AtomicInteger discovers = new AtomicInteger();
        server.onPost("server/discover", (req, ex) -> discovers.incrementAndGet() == 1
                ? Reply.status(400, "application/json", unsupported(req))
                : Reply.result(req.id(), json(DISCOVERED)));
        try (McpClient client = client().build()) {
            client.callTool("echo", Map.of());

            assertThat(client.status().era()).isEqualTo(McpClientStatus.ProtocolEra.MODERN);
        }
        assertThat(posts("server/discover")).hasSize(2);
        assertThat(posts("initialize")).isEmpty();
    }

    @Test
    void aHandshakeServerGetsInitializeAfterOneProbeAndIsRememberedForTheNextClient() {
        ProgrammableMcpServer legacy = ProgrammableMcpServer.start();
        try (legacy) {
            try (McpClient first = McpClient.streamableHttp(legacy.url()).requestTimeout(WAIT).build()) {
                first.ping();
                assertThat(first.status().era()).isEqualTo(McpClientStatus.ProtocolEra.LEGACY);
                assertThat(first.status().protocolVersion()).isEqualTo("2025-11-25");
            }
            try (McpClient second = McpClient.streamableHttp(legacy.url()).requestTimeout(WAIT).build()) {
                second.ping();
            }
            List<String> methods = legacy.requests().stream().map(RecordedRequest::jsonRpcMethod)
                    .filter(m -> m != null && !m.startsWith("notifications/")).toList();
            assertThat(methods).as("one probe for the origin, then the handshake for every client")
                    .containsExactly("server/discover", "initialize", "ping", "initialize", "ping");
        }
    }

    @Test
    void theProbesRefusalByALegacyServerIsNoErrorOfTheClient() {
        ProgrammableMcpServer legacy = ProgrammableMcpServer.start();
        try (legacy; McpClient client = McpClient.streamableHttp(legacy.url()).requestTimeout(WAIT).build()) {
            client.ping();
            assertThat(client.status().lastError()).isNull();
        }
    }

    @Test
    void aCallsTimeoutCoversWaitingForTheEraEvenForCallsWhoseRequestDependsOnIt() {
        server.onPost("server/discover", (req, ex) -> Reply.deferred(reactor.core.publisher.Mono.never()));
        try (McpClient client = client().build()) {
            assertThatThrownBy(() -> client.reactive().ping(CallOptions.withTimeout(Duration.ofMillis(300))).block(WAIT))
                    .isInstanceOf(McpTimeoutException.class)
                    .satisfies(e -> assertThat(((McpTimeoutException) e).timeout()).isEqualTo(Duration.ofMillis(300)));
            assertThatThrownBy(() -> client.reactive().setLoggingLevel(dev.mcpclient.schema.LoggingLevel.INFO,
                    CallOptions.withTimeout(Duration.ofMillis(300))).block(WAIT)).isInstanceOf(McpTimeoutException.class);
        }
    }

    @Test
    void aServerRememberedAsLegacyThatNowRefusesInitializeLikeAModernOneIsProbedAgain() {
        // First contact: a legacy answer to discover, a working handshake.
        server.onPost("server/discover", (req, ex) -> Reply.status(400, "text/plain", "Bad Request: no session"));
        server.onPost("initialize", (req, ex) -> Reply.result(req.id(), json(
                "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"old\",\"version\":\"1\"}}")));
        server.onPost("tools/call", (req, ex) -> Reply.result(req.id(), json("{\"content\":[]}")));
        try (McpClient first = client().build()) {
            first.callTool("echo", Map.of());
            assertThat(first.status().era()).isEqualTo(McpClientStatus.ProtocolEra.LEGACY);
        }
        // The server restarts as a modern-only one.
        modern();
        try (McpClient second = client().build()) {
            second.callTool("echo", Map.of());
            assertThat(second.status().era()).isEqualTo(McpClientStatus.ProtocolEra.MODERN);
        }
        assertThat(posts("server/discover")).hasSize(2);
        assertThat(posts("initialize")).hasSize(2);
    }

    /** A legacy handshake server on {@link #server} whose answer to server/discover is {@code discover}. */
    private void legacyAnsweringDiscoverWith(dev.mcpclient.testserver.Handler discover) {
        server.onPost("server/discover", discover);
        server.onPost("initialize", (req, ex) -> Reply.result(req.id(), json(
                "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"old\",\"version\":\"1\"}}")));
        server.onPost("notifications/initialized", (req, ex) -> Reply.accepted());
        server.onPost("tools/call", (req, ex) -> Reply.result(req.id(), json("{\"content\":[]}")));
    }

    @Test
    void aResultWithoutSupportedVersionsOrAnUnsupportedVersionListingOnlyLegacyOnesMeansLegacy() {
        legacyAnsweringDiscoverWith((req, ex) -> Reply.result(req.id(), json("{}")));
        try (McpClient client = client().build()) {
            client.callTool("echo", Map.of());
            assertThat(client.status().era()).isEqualTo(McpClientStatus.ProtocolEra.LEGACY);
        }
        ProgrammableMcpServer other = ProgrammableMcpServer.start().validate(false);
        try (other) {
            other.onPost("server/discover", (req, ex) -> Reply.status(400, "application/json",
                    "{\"jsonrpc\":\"2.0\",\"id\":" + req.id().toJson() + ",\"error\":{\"code\":-32022,"
                            + "\"message\":\"Unsupported protocol version\",\"data\":{\"supported\":[\"2025-11-25\"]}}}"));
            other.onPost("initialize", (req, ex) -> Reply.result(req.id(), json(
                    "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"serverInfo\":{\"name\":\"old\",\"version\":\"1\"}}")));
            other.onPost("notifications/initialized", (req, ex) -> Reply.accepted());
            try (McpClient client = McpClient.streamableHttp(other.url()).requestTimeout(WAIT).build()) {
                client.ping();
                assertThat(client.status().era()).isEqualTo(McpClientStatus.ProtocolEra.LEGACY);
            }
            assertThat(other.requests().stream().filter(r -> "server/discover".equals(r.jsonRpcMethod())).count())
                    .as("no retry with a version the client does not speak in this era").isEqualTo(1);
        }
    }

    @Test
    void aServerErrorOrARefusedAuthorizationDecidesNothingAndTheNextCallProbesAgain() {
        AtomicInteger discovers = new AtomicInteger();
        legacyAnsweringDiscoverWith((req, ex) -> switch (discovers.incrementAndGet()) {
            case 1 -> Reply.status(503, "text/plain", "starting up");
            case 2 -> Reply.status(401, "application/json", "{\"error\":\"unauthorized\"}");
            default -> Reply.result(req.id(), json(DISCOVERED));
        });
        try (McpClient client = client().build()) {
            assertThatThrownBy(() -> client.callTool("echo", Map.of())).isInstanceOf(McpTransportException.class)
                    .hasMessageContaining("503");
            assertThatThrownBy(() -> client.callTool("echo", Map.of())).isInstanceOf(McpTransportException.class)
                    .hasMessageContaining("401");
            assertThat(client.status().era()).isNull();
            client.callTool("echo", Map.of());
            assertThat(client.status().era()).isEqualTo(McpClientStatus.ProtocolEra.MODERN);
        }
        assertThat(posts("initialize")).isEmpty();
    }

    @Test
    void aModernErrorToTheProbeIsTheCallsFailureNotAFallback() {
        legacyAnsweringDiscoverWith((req, ex) -> Reply.status(400, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":"
                + req.id().toJson() + ",\"error\":{\"code\":-32021,\"message\":\"Missing required client capability\"}}"));
        try (McpClient client = client().build()) {
            assertThatThrownBy(() -> client.callTool("echo", Map.of())).isInstanceOf(McpErrorException.class)
                    .satisfies(e -> assertThat(((McpErrorException) e).code()).isEqualTo(-32021));
        }
        assertThat(posts("initialize")).isEmpty();
    }

    @Test
    void aLegacySessionThatExpiresOnAServerNowModernIsProbedAgainAndTheRequestGoesWithTheModernMeta() {
        legacyAnsweringDiscoverWith((req, ex) -> Reply.status(400, "text/plain", "Bad Request"));
        server.onPost("initialize", (req, ex) -> Reply.result(req.id(), json(
                "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"old\",\"version\":\"1\"}}"))
                .header("Mcp-Session-Id", "s-1"));
        try (McpClient client = McpClient.builder(dev.mcpclient.transport.http.StreamableHttpTransport.builder(server.url())
                .backgroundStream(false)).requestTimeout(WAIT).build()) {
            client.callTool("echo", Map.of());
            assertThat(client.status().era()).isEqualTo(McpClientStatus.ProtocolEra.LEGACY);
            // Restarted as a modern-only server: the old session is unknown, initialize is refused like a modern server does.
            server.onPost("tools/call", (req, ex) -> req.sessionId() != null
                    ? Reply.status(404, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32001,\"message\":\"Session not found\"}}")
                    : Reply.result(req.id(), json("{\"resultType\":\"complete\",\"content\":[]}")));
            server.onPost("initialize", (req, ex) -> Reply.status(400, "application/json", unsupported(req)));
            server.onPost("server/discover", (req, ex) -> Reply.result(req.id(), json(DISCOVERED)));

            client.callTool("echo", Map.of());

            assertThat(client.status().era()).isEqualTo(McpClientStatus.ProtocolEra.MODERN);
        }
        RecordedRequest last = posts("tools/call").get(posts("tools/call").size() - 1);
        assertThat(last.sessionId()).isNull();
        assertThat(last.params().path("_meta").path("io.modelcontextprotocol/protocolVersion").asString()).isEqualTo("2026-07-28");
    }

    @Test
    void aPinnedLegacyRevisionNeverProbesAndAPinnedModernOneNeverFallsBack() {
        ProgrammableMcpServer legacy = ProgrammableMcpServer.start();
        try (legacy) {
            try (McpClient pinned = McpClient.streamableHttp(legacy.url()).protocolVersion("2025-06-18")
                    .requestTimeout(WAIT).build()) {
                pinned.ping();
                assertThat(pinned.status().protocolVersion()).isEqualTo("2025-06-18");
            }
            assertThat(legacy.requests()).noneMatch(r -> "server/discover".equals(r.jsonRpcMethod()));
            try (McpClient modernOnly = McpClient.streamableHttp(legacy.url()).protocolVersion("2026-07-28")
                    .requestTimeout(WAIT).build()) {
                assertThatThrownBy(modernOnly::ping).isInstanceOf(McpErrorException.class);
            }
            assertThat(legacy.requests().stream().filter(r -> "initialize".equals(r.jsonRpcMethod())).count()).isEqualTo(1);
        }
        assertThatThrownBy(() -> client().protocolVersion("2024-13-01")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aModernServerRestartedAsALegacyOneIsProbedAgainAndTheCallGoesThrough() {
        modern();
        try (McpClient client = client().build()) {
            client.callTool("echo", Map.of());
            // Restarted as a legacy server: it refuses session-less requests with a 400 and no modern error.
            server.onPost("tools/call", (req, ex) -> req.sessionId() == null
                    ? Reply.status(400, "application/json",
                            "{\"jsonrpc\":\"2.0\",\"id\":null,\"error\":{\"code\":-32000,\"message\":\"No valid session ID\"}}")
                    : Reply.result(req.id(), json("{\"content\":[]}")));
            server.onPost("server/discover", (req, ex) -> Reply.status(404, "text/plain", "Not Found"));
            server.onPost("initialize", (req, ex) -> Reply.result(req.id(), json(
                    "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"old\",\"version\":\"1\"}}"))
                    .header("Mcp-Session-Id", "s-1"));
            server.onPost("notifications/initialized", (req, ex) -> Reply.accepted());

            CallToolResult result = client.callTool("echo", Map.of());

            assertThat(result.isError()).isFalse();
            assertThat(client.status().era()).isEqualTo(McpClientStatus.ProtocolEra.LEGACY);
        }
    }

    // ------------------------------------------------------------------ multi round-trip requests

    private static Reply inputRequired(RecordedRequest req, String inputRequests, String state) {
        return Reply.result(req.id(), json("{\"resultType\":\"input_required\",\"inputRequests\":" + inputRequests
                + (state == null ? "" : ",\"requestState\":\"" + state + "\"") + "}"));
    }

    private static final String ASK_NAME = """
            {"who":{"method":"elicitation/create","params":{"mode":"form","message":"Your name?",
              "requestedSchema":{"type":"object","properties":{"name":{"type":"string"}}}}}}""";

    @Test
    void anInputRequiredResultIsAnsweredByTheHandlerAndTheRequestSentAgainWithANewIdAndTheExactState() {
        modern();
        server.onPost("tools/call", (req, ex) -> req.params().has("inputResponses")
                ? Reply.result(req.id(), json("{\"content\":[{\"type\":\"text\",\"text\":\"hello "
                        + req.params().path("inputResponses").path("who").path("content").path("name").asString() + "\"}]}"))
                : inputRequired(req, ASK_NAME, "opaque+/=state"));
        try (McpClient client = client().elicitation(request -> ElicitResult.accept(Map.of("name", "Ada"))).build()) {
            CallToolResult result = client.callTool("greet", Map.of("polite", true));

            assertThat(result.content().get(0).toString()).contains("hello Ada");
        }
        List<RecordedRequest> calls = posts("tools/call");
        assertThat(calls).hasSize(2);
        assertThat(calls.get(1).id()).isNotEqualTo(calls.get(0).id());
        assertThat(calls.get(1).params().path("requestState").asString()).isEqualTo("opaque+/=state");
        assertThat(calls.get(1).params().path("arguments").path("polite").asBoolean()).isTrue();
        assertThat(calls.get(1).params().path("inputResponses").path("who").path("action").asString()).isEqualTo("accept");
        assertThat(calls.get(0).params().has("requestState")).isFalse();
    }

    @Test
    void severalRoundsAreOneCallAndAStatelessRoundCarriesNoState() {
        modern();
        AtomicInteger round = new AtomicInteger();
        server.onPost("tools/call", (req, ex) -> switch (round.incrementAndGet()) {
            case 1 -> inputRequired(req, ASK_NAME, null);
            case 2 -> inputRequired(req, ASK_NAME, "s2");
            default -> Reply.result(req.id(), json("{\"content\":[]}"));
        });
        AtomicInteger asked = new AtomicInteger();
        try (McpClient client = client().elicitation(request -> {
            asked.incrementAndGet();
            return ElicitResult.decline();
        }).build()) {
            client.callTool("greet", Map.of());
        }
        List<RecordedRequest> calls = posts("tools/call");
        assertThat(calls).hasSize(3);
        assertThat(asked).hasValue(2);
        assertThat(calls.get(1).params().has("requestState")).as("none was sent: none is echoed").isFalse();
        assertThat(calls.get(1).params().path("inputResponses").path("who").path("action").asString()).isEqualTo("decline");
        assertThat(calls.get(2).params().path("requestState").asString()).isEqualTo("s2");
    }

    @Test
    void rootsAndSamplingInputRequestsAreAnsweredByTheirHandlers() {
        modern();
        server.onPost("tools/call", (req, ex) -> req.params().has("inputResponses")
                ? Reply.result(req.id(), json("{\"content\":[]}"))
                : inputRequired(req, """
                        {"dirs":{"method":"roots/list"},
                         "ask":{"method":"sampling/createMessage","params":{"messages":[{"role":"user",
                           "content":{"type":"text","text":"2+2?"}}],"maxTokens":5}}}""", null));
        try (McpClient client = client()
                .roots(() -> List.of(new dev.mcpclient.schema.Root("file:///work", "work")))
                .sampling(request -> new dev.mcpclient.schema.CreateMessageResult(dev.mcpclient.schema.Role.ASSISTANT,
                        new dev.mcpclient.schema.TextContent("4"), "test-model", "endTurn"))
                .build()) {
            client.callTool("plan", Map.of());
        }
        JsonNode responses = posts("tools/call").get(1).params().path("inputResponses");
        assertThat(responses.path("dirs").path("roots").get(0).path("uri").asString()).isEqualTo("file:///work");
        assertThat(responses.path("ask").path("model").asString()).isEqualTo("test-model");
        RecordedRequest first = posts("tools/call").get(0);
        JsonNode declared = first.params().path("_meta").path("io.modelcontextprotocol/clientCapabilities");
        assertThat(declared.has("roots")).isTrue();
        assertThat(declared.has("sampling")).isTrue();
    }

    @Test
    void theRoundLimitAndAMissingHandlerAreClearErrors() {
        modern();
        server.onPost("tools/call", (req, ex) -> inputRequired(req, ASK_NAME, "again"));
        try (McpClient client = client().elicitation(request -> ElicitResult.cancel()).build()) {
            assertThatThrownBy(() -> client.callTool("greet", Map.of()))
                    .isInstanceOf(McpInputException.class).hasMessageContaining("after 10 rounds");
        }
        assertThat(posts("tools/call")).hasSize(10);
        try (McpClient client = client().build()) {
            assertThatThrownBy(() -> client.callTool("greet", Map.of()))
                    .isInstanceOf(McpInputException.class).hasMessageContaining("no handler");
        }
    }

    @Test
    void aFailingElicitationHandlerAnswersCancel() {
        modern();
        server.onPost("tools/call", (req, ex) -> req.params().has("inputResponses")
                ? Reply.result(req.id(), json("{\"content\":[]}"))
                : inputRequired(req, ASK_NAME, null));
        watchdog.expectWarnings(InputRounds.class.getName(), "answering cancel");
        watchdog.expectWarnings("dev.mcpclient.internal.session.InboundDispatcher", "elicitation/create request failed");
        try (McpClient client = client().elicitation(request -> {
            throw new IllegalStateException("no user here");
        }).build()) {
            client.callTool("greet", Map.of());
        }
        assertThat(posts("tools/call").get(1).params().path("inputResponses").path("who").path("action").asString())
                .isEqualTo("cancel");
    }

    @Test
    void theTimeoutCoversTheTimeBetweenRoundsAndACancellationThereSendsNothingMore() throws Exception {
        modern();
        server.onPost("tools/call", (req, ex) -> inputRequired(req, ASK_NAME, null));
        CountDownLatch asked = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (McpClient client = client().requestTimeout(Duration.ofMillis(400)).elicitation(request -> {
            asked.countDown();
            try {
                release.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return ElicitResult.cancel();
        }).build()) {
            assertThatThrownBy(() -> client.callTool("greet", Map.of())).isInstanceOf(McpTimeoutException.class);

            Disposable call = client.reactive().callTool("greet", Map.of())
                    .subscribe(r -> { }, e -> { });
            assertThat(asked.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            call.dispose();
            release.countDown();
        }
        assertThat(posts("tools/call")).as("no round after the timeout or the cancellation").hasSize(2);
    }

    // ------------------------------------------------------------------ broken response streams

    @Test
    void aResponseStreamThatBreaksBeforeItsResponseIsSentAgainOnceWithANewId() {
        modern();
        AtomicInteger calls = new AtomicInteger();
        server.onPost("tools/call", (req, ex) -> calls.incrementAndGet() == 1
                ? Reply.sse(Flux.concat(Flux.just(SseFrame.message(null, json(
                        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":{\"level\":\"info\",\"data\":\"working\"}}"))),
                        Flux.error(new IllegalStateException("server died"))))
                : Reply.result(req.id(), json("{\"content\":[]}")));
        try (McpClient client = client().build()) {
            client.callTool("echo", Map.of());
        }
        List<RecordedRequest> sent = posts("tools/call");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(1).id()).isNotEqualTo(sent.get(0).id());
        assertThat(sent).noneMatch(r -> r.lastEventId() != null);
    }

    @Test
    void aSecondBrokenStreamFailsTheCall() {
        modern();
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.error(new IllegalStateException("server died"))));
        try (McpClient client = client().build()) {
            assertThatThrownBy(() -> client.callTool("echo", Map.of()))
                    .isInstanceOf(dev.mcpclient.transport.ResponseStreamLostException.class);
        }
        assertThat(posts("tools/call")).hasSize(2);
    }

    @Test
    void cancellingACallClosesItsStreamAndSendsNoCancelledNotification() {
        modern();
        Sinks.Many<SseFrame> never = Sinks.many().unicast().onBackpressureBuffer();
        server.onPost("tools/call", (req, ex) -> Reply.sse(never.asFlux()));
        try (McpClient client = client().build()) {
            client.ping();
            Disposable call = client.reactive().callTool("slow", Map.of())
                    .subscribe(r -> { }, e -> { });
            RecordedRequest sent = server.awaitPost("tools/call", WAIT);
            call.dispose();
            sent.awaitClosed(WAIT);
        }
        assertThat(server.requests()).noneMatch(r -> "notifications/cancelled".equals(r.jsonRpcMethod()));
    }

    // ------------------------------------------------------------------ headers

    @Test
    void xMcpHeaderParametersBecomeHeadersInvalidToolsAreLeftOutAndAHeaderMismatchRelistsAndRetriesOnce() {
        modern();
        server.onPost("tools/list", (req, ex) -> Reply.result(req.id(), json("""
                {"resultType":"complete","ttlMs":0,"tools":[
                  {"name":"sql","inputSchema":{"type":"object","properties":{
                     "region":{"type":"string","x-mcp-header":"Region"},"query":{"type":"string"}}}},
                  {"name":"broken","inputSchema":{"type":"object","properties":{
                     "n":{"type":"number","x-mcp-header":"N"}}}}]}""")));
        AtomicInteger calls = new AtomicInteger();
        server.onPost("tools/call", (req, ex) -> calls.incrementAndGet() == 1
                ? Reply.status(400, "application/json", "{\"jsonrpc\":\"2.0\",\"id\":" + req.id().toJson()
                        + ",\"error\":{\"code\":-32020,\"message\":\"Header mismatch\"}}")
                : Reply.result(req.id(), json("{\"content\":[]}")));
        watchdog.expectWarnings(DefaultReactiveMcpClient.class.getName(), "Leaving out tool 'broken'");
        try (McpClient client = client().build()) {
            List<Tool> tools = client.listTools().tools();
            assertThat(tools).extracting(Tool::name).containsExactly("sql");

            client.callTool("sql", Map.of("region", "Zürich ", "query", "select 1"));
        }
        List<RecordedRequest> sent = posts("tools/call");
        assertThat(sent).hasSize(2);
        assertThat(sent.get(0).header("Mcp-Param-Region")).isEqualTo("=?base64?WsO8cmljaCA=?=");
        assertThat(posts("tools/list")).as("listed again after the mismatch").hasSize(2);
    }

    @Test
    void theFirstCallOfAClientThatNeverListedTheToolsListsThemOnceSoItsParameterHeadersGoWithIt() {
        modern();
        server.onPost("tools/list", (req, ex) -> Reply.result(req.id(), json("""
                {"resultType":"complete","ttlMs":0,"tools":[{"name":"sql","inputSchema":{"type":"object","properties":{
                   "region":{"type":"string","x-mcp-header":"Region"}}}}]}""")));
        try (McpClient client = client().build()) {
            client.callTool("sql", Map.of("region", "eu-west"));
            client.callTool("sql", Map.of("region", "us-east"));
        }
        assertThat(posts("tools/list")).as("once, though stale at once: a stale list still declares the headers").hasSize(1);
        assertThat(posts("tools/call")).extracting(r -> r.header("Mcp-Param-Region")).containsExactly("eu-west", "us-east");
    }

    @Test
    void aNameThatIsNotPlainAsciiIsSentBase64Encoded() {
        modern();
        try (McpClient client = client().build()) {
            client.callTool("wetter-\u00fcber", Map.of());
        }
        assertThat(posts("tools/call").get(0).header("Mcp-Name")).isEqualTo("=?base64?d2V0dGVyLcO8YmVy?=");
    }

    // ------------------------------------------------------------------ caching hints

    @Test
    void aListIsCachedForItsTimeToLiveAndOneWithoutOneIsFetchedAgain() {
        modern();
        server.onPost("tools/list", (req, ex) -> Reply.result(req.id(), json(
                "{\"resultType\":\"complete\",\"ttlMs\":600000,\"cacheScope\":\"public\",\"tools\":[]}")));
        server.onPost("prompts/list", (req, ex) -> Reply.result(req.id(), json(
                "{\"resultType\":\"complete\",\"ttlMs\":0,\"cacheScope\":\"private\",\"prompts\":[]}")));
        server.onPost("server/discover", (req, ex) -> Reply.result(req.id(), json(DISCOVERED.replace(
                "\"resources\":{\"subscribe\":true}", "\"prompts\":{}"))));
        try (McpClient client = client().build()) {
            client.listTools();
            client.listTools();
            client.listPrompts();
            client.listPrompts();
        }
        assertThat(posts("tools/list")).as("fresh for ten minutes").hasSize(1);
        assertThat(posts("prompts/list")).as("ttlMs 0: stale at once").hasSize(2);
    }

    // ------------------------------------------------------------------ subscriptions/listen

    @Test
    void listenIsOpenedOnlyWhenSomethingListensFeedsTheListenersAndIsReopenedWhenItBreaks() throws Exception {
        modern();
        server.onPost("tools/list", (req, ex) -> Reply.result(req.id(), json(
                "{\"resultType\":\"complete\",\"ttlMs\":0,\"tools\":[{\"name\":\"new\",\"inputSchema\":{\"type\":\"object\"}}]}")));
        AtomicInteger opened = new AtomicInteger();
        server.onPost("subscriptions/listen", (req, ex) -> {
            JsonNode ack = json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/subscriptions/acknowledged\",\"params\":{"
                    + "\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":" + req.id().toJson() + "},\"notifications\":"
                    + req.params().path("notifications") + "}}");
            JsonNode changed = json("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/tools/list_changed\",\"params\":{"
                    + "\"_meta\":{\"io.modelcontextprotocol/subscriptionId\":" + req.id().toJson() + "}}}");
            return opened.incrementAndGet() == 1
                    ? Reply.sse(Flux.concat(Flux.just(SseFrame.message(null, ack), SseFrame.message(null, changed)),
                            Flux.error(new IllegalStateException("dropped"))))
                    : Reply.sse(Flux.concat(Flux.just(SseFrame.message(null, ack)), Flux.never()));
        });
        // Nothing listens: no stream.
        try (McpClient quiet = client().build()) {
            quiet.callTool("echo", Map.of());
        }
        assertThat(posts("subscriptions/listen")).isEmpty();

        CountDownLatch heard = new CountDownLatch(1);
        try (McpClient client = client().onToolsListChanged(tools -> heard.countDown()).build()) {
            client.ping();
            assertThat(heard.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
            server.awaitRequests(r -> "subscriptions/listen".equals(r.jsonRpcMethod()), 2, WAIT);
        }
        List<RecordedRequest> listens = posts("subscriptions/listen");
        assertThat(listens.get(0).params().path("notifications").path("toolsListChanged").asBoolean()).isTrue();
        assertThat(listens.get(0).params().path("_meta").path("io.modelcontextprotocol/protocolVersion").asString())
                .isEqualTo("2026-07-28");
        assertThat(listens.get(1).id()).isNotEqualTo(listens.get(0).id());
    }
}
