package dev.mcpclient;

import dev.mcpclient.schema.McpJson;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BiFunction;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;

/**
 * A minimal Streamable HTTP MCP server on 127.0.0.1 for tests of one feature: it answers
 * {@code initialize} with JSON and a session id, accepts notifications with 202, records every POST
 * body, and hands other requests and {@code GET}s to the test.
 */
final class LoopbackServer implements AutoCloseable {

    static final String SESSION = "session-1";

    /** Answers one ordinary request: the parsed JSON-RPC message and the response to write. */
    interface RequestHandler {
        Publisher<Void> handle(JsonNode message, HttpServerResponse response);
    }

    final List<JsonNode> posts = new CopyOnWriteArrayList<>();
    final List<io.netty.handler.codec.http.HttpHeaders> postHeaders = new CopyOnWriteArrayList<>();
    private final DisposableServer server;

    LoopbackServer(RequestHandler requests,
            BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> gets) {
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .post("/mcp", (req, res) -> req.receive().aggregate().asString().flatMap(body -> {
                            JsonNode message = McpJson.mapper().readTree(body);
                            posts.add(message);
                            postHeaders.add(req.requestHeaders());
                            return Mono.from(post(message, res, requests));
                        }))
                        .get("/mcp", gets)
                        .delete("/mcp", (req, res) -> res.status(200).send()))
                .bindNow();
    }

    private static Publisher<Void> post(JsonNode message, HttpServerResponse res, RequestHandler requests) {
        if (!message.has("id")) {
            return res.status(202).send();
        }
        if ("initialize".equals(message.path("method").asString())) {
            return res.header("Mcp-Session-Id", SESSION).header("Content-Type", "application/json")
                    .sendString(Mono.just("{\"jsonrpc\":\"2.0\",\"id\":" + message.get("id") + ",\"result\":{"
                            + "\"protocolVersion\":\"2025-11-25\",\"capabilities\":{\"tools\":{}},"
                            + "\"serverInfo\":{\"name\":\"loopback\",\"version\":\"1\"}}}"))
                    .then();
        }
        return requests.handle(message, res);
    }

    /** One SSE event carrying a JSON-RPC message. */
    static String event(String json) {
        return "data: " + json + "\n\n";
    }

    String url() {
        return "http://127.0.0.1:" + server.port() + "/mcp";
    }

    @Override
    public void close() {
        server.disposeNow();
    }
}
