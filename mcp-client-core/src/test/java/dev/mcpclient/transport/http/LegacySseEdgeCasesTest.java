package dev.mcpclient.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpProtocolException;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.schema.McpJson;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;

/**
 * What the HTTP+SSE transport does with a server that misbehaves or is slow, against a scripted
 * loopback server: the event stream is {@code GET /sse}, messages are POSTed to {@code /message}.
 */
class LegacySseEdgeCasesTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final List<JsonNode> posts = new CopyOnWriteArrayList<>();
    private final Sinks.Many<String> events = Sinks.many().replay().all();
    private DisposableServer server;

    /**
     * Adds an event to the stream. The test thread and the server's event loops both emit, and a sink
     * refuses an emission that overlaps another (FAIL_NON_SERIALIZED): retried, never lost.
     */
    private void emit(String event) {
        events.emitNext(event, Sinks.EmitFailureHandler.busyLooping(Duration.ofSeconds(5)));
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.disposeNow();
        }
    }

    /** A server whose stream carries {@link #events}; POSTs are recorded and answered by {@code posted}. */
    private String serve(Function<JsonNode, Integer> posted) {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/sse", (req, res) -> res.header("Content-Type", "text/event-stream")
                                .sendString(events.asFlux()))
                        .post("/message", (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                            JsonNode message = McpJson.mapper().readTree(body);
                            posts.add(message);
                            int status = posted.apply(message);
                            return reply(res, status, message);
                        }))
                        .post("/mcp", (req, res) -> res.status(405).send())
                        .get("/mcp", (req, res) -> res.header("Content-Type", "text/html").sendString(Mono.just("<html/>")).then()))
                .bindNow();
        return "http://127.0.0.1:" + server.port();
    }

    private Mono<Void> reply(HttpServerResponse res, int status, JsonNode message) {
        if (status == 202 && "initialize".equals(message.path("method").asString())) {
            emit("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + message.get("id")
                    + ",\"result\":{\"protocolVersion\":\"2024-11-05\",\"capabilities\":{},"
                    + "\"serverInfo\":{\"name\":\"scripted\",\"version\":\"1\"}}}\n\n");
        }
        if (status == 202 && "ping".equals(message.path("method").asString())) {
            emit("event: message\ndata: {\"jsonrpc\":\"2.0\",\"id\":" + message.get("id")
                    + ",\"result\":{}}\n\n");
        }
        if (status >= 400) {
            return res.status(status).sendString(Mono.just("something went wrong")).then();
        }
        return res.status(status).sendString(Mono.just("Accepted")).then();
    }

    @Test
    void sendsIssuedBeforeTheEndpointIsKnownWaitForIt() {
        String base = serve(message -> 202);
        try (McpClient client = McpClient.sse(base + "/sse").requestTimeout(WAIT).build()) {
            Sinks.One<Object> subscribed = Sinks.one();
            Mono<?> init = client.reactive().initialize().doOnSubscribe(s -> subscribed.tryEmitValue(s)).cache();
            init.subscribe(r -> { }, e -> { });
            subscribed.asMono().block(WAIT);
            assertThat(posts).isEmpty();

            emit(": a comment first\n\nevent: endpoint\ndata: /message?session=1\n\n");

            init.block(WAIT);
            client.ping();
            assertThat(posts).extracting(p -> p.path("method").asString())
                    .containsExactly("initialize", "notifications/initialized", "ping");
        }
    }

    @Test
    void anEndpointOnAnotherOriginIsRefused() {
        String base = serve(message -> 202);
        emit("event: endpoint\ndata: http://127.0.0.2:9/steal\n\n");
        try (McpClient client = McpClient.sse(base + "/sse").requestTimeout(WAIT).build()) {
            assertThatThrownBy(client::initialize).isInstanceOf(McpTransportException.class)
                    .hasMessageContaining("names http://127.0.0.2:9/steal, which is not on the same origin");
        }
        assertThat(posts).isEmpty();
    }

    @Test
    void anEndpointIsResolvedAgainstTheSseUrl() {
        String base = serve(message -> 202);
        emit("event: endpoint\ndata: message?session=2\n\n");
        try (McpClient client = McpClient.sse(base + "/sse").requestTimeout(WAIT).build()) {
            client.initialize();
        }
        assertThat(posts).isNotEmpty();
    }

    @Test
    void aPostAnsweredWithAnErrorFailsTheCallWithTheStatusAndAnExcerpt() {
        String base = serve(message -> "ping".equals(message.path("method").asString()) ? 500 : 202);
        emit("event: endpoint\ndata: /message\n\n");
        try (McpClient client = McpClient.sse(base + "/sse").requestTimeout(WAIT).build()) {
            client.initialize();
            assertThatThrownBy(client::ping).isInstanceOfSatisfying(McpTransportException.class, e -> {
                assertThat(e.status()).isEqualTo(500);
                assertThat(e.bodyExcerpt()).isEqualTo("something went wrong");
                assertThat(e.getMessage()).contains("POST ping");
            });
        }
    }

    @Test
    void aStreamThatIsNotAnEventStreamIsAClearErrorThatHidesTheQuery() {
        String base = serve(message -> 202);
        try (McpClient client = McpClient.sse(base + "/mcp?token=secret").requestTimeout(WAIT).build()) {
            assertThatThrownBy(client::initialize).isInstanceOfSatisfying(McpTransportException.class, e -> {
                assertThat(e.getMessage()).contains("GET " + base + "/mcp?****** ", "text/html", "not text/event-stream")
                        .doesNotContain("secret");
                assertThat(e.status()).isEqualTo(200);
            });
        }
    }

    @Test
    void whenTheFallbackFailsTooTheErrorSaysBoth() {
        String base = serve(message -> 202);
        try (McpClient client = McpClient.streamableHttp(base + "/mcp").requestTimeout(WAIT).build()) {
            assertThatThrownBy(client::initialize).isInstanceOf(McpTransportException.class)
                    .hasMessageContaining("answered the POST of initialize with HTTP 405")
                    .hasMessageContaining("the HTTP+SSE transport failed too")
                    .hasMessageContaining("not text/event-stream");
        }
    }

    @Test
    void the2024RevisionIsRefusedOverStreamableHttp() {
        server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes.post("/mcp", (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                    JsonNode message = McpJson.mapper().readTree(body);
                    if (!message.has("id")) {
                        return res.status(202).send().then();
                    }
                    return res.header("Content-Type", "application/json").sendString(Mono.just(
                            "{\"jsonrpc\":\"2.0\",\"id\":" + message.get("id") + ",\"result\":{\"protocolVersion\":"
                                    + "\"2024-11-05\",\"capabilities\":{},\"serverInfo\":{\"name\":\"old\",\"version\":\"1\"}}}"))
                            .then();
                })))
                .bindNow();
        try (McpClient client = McpClient.streamableHttp("http://127.0.0.1:" + server.port() + "/mcp")
                .requestTimeout(WAIT).build()) {
            assertThatThrownBy(client::initialize).isInstanceOf(McpProtocolException.class)
                    .hasMessageContaining("protocol version 2024-11-05, which this client does not support");
        }
    }

    @Test
    void theHttpSseTransportAcceptsThe2024RevisionBesidesTheLaterOnes() {
        assertThat(LegacySseTransport.PROTOCOL_VERSIONS).startsWith("2025-11-25").endsWith("2024-11-05");
        assertThat(StreamableHttpTransport.builder("http://127.0.0.1:1/mcp").build().protocolVersions())
                .doesNotContain("2024-11-05");
    }
}
