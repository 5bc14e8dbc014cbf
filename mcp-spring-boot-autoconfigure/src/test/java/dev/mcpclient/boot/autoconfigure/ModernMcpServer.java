package dev.mcpclient.boot.autoconfigure;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.mcpclient.internal.session.ServerEras;
import dev.mcpclient.schema.McpJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A small stateless MCP server of revision 2026-07-28 (the modern era) on 127.0.0.1, for the tests
 * of what the starter shows about the era: answers {@code server/discover} (name {@value #NAME},
 * version {@value #VERSION}, tools without list changes, so no {@code subscriptions/listen}),
 * {@code tools/list} (one tool, {@code echo}, and those {@link #addTool added}; without {@code ttlMs}
 * unless {@link #toolsTtl set}, so stale at once) and {@code tools/call} (any tool echoes
 * {@code text}); refuses {@code initialize} with HTTP 400 and {@code UnsupportedProtocolVersionError}
 * (-32022), the way a server that speaks only the modern era does; answers any other method with
 * "method not found".
 * Every POST is recorded with its JSON-RPC method and headers.
 */
public final class ModernMcpServer implements AutoCloseable {

    /** The server's name in its {@code server/discover} result. */
    public static final String NAME = "modern-test-server";
    /** The server's version in its {@code server/discover} result. */
    public static final String VERSION = "0.9";
    /** The one revision it speaks. */
    public static final String REVISION = "2026-07-28";

    /** One POST: its JSON-RPC method (or {@code null} for a response) and its headers by lower-case name. */
    public record Post(String method, Map<String, String> headers) {

        /** A header, by case-insensitive name, or {@code null}. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private static final String DISCOVERED = """
            {"resultType":"complete","supportedVersions":["2026-07-28"],"ttlMs":0,"cacheScope":"public",
             "capabilities":{"tools":{}},
             "_meta":{"io.modelcontextprotocol/serverInfo":{"name":"%s","version":"%s"}}}""".formatted(NAME, VERSION);
    private static final String TOOL = """
            {"name":"%s","inputSchema":{"type":"object","properties":{"text":{"type":"string"}}}}""";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final List<String> tools = new CopyOnWriteArrayList<>(List.of("echo"));
    private volatile Duration toolsTtl;
    private volatile CompletableFuture<Void> toolsListHeld = CompletableFuture.completedFuture(null);

    private ModernMcpServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/mcp", this::handle);
        server.setExecutor(executor);
        server.start();
    }

    /**
     * Starts a server on a free port. The clients' memory of legacy servers is cleared: the port may be
     * one an earlier test's legacy server had, and the first contact must be the era probe.
     */
    public static ModernMcpServer start() {
        ServerEras.clear();
        return new ModernMcpServer();
    }

    /** The endpoint: {@code http://127.0.0.1:<port>/mcp}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mcp";
    }

    /** Every POST so far, in order. */
    public List<Post> posts() {
        return List.copyOf(posts);
    }

    /** The JSON-RPC methods POSTed so far, in order (responses left out). */
    public List<String> methods() {
        return posts.stream().map(Post::method).filter(m -> m != null).toList();
    }

    /** Adds a tool (an echo) to the next {@code tools/list} answers; the server announces nothing. */
    public void addTool(String name) {
        tools.add(name);
    }

    /** The {@code ttlMs} of the next {@code tools/list} answers ({@code null}: none, so stale at once). */
    public void toolsTtl(Duration ttl) {
        this.toolsTtl = ttl;
    }

    /** Holds the answers to {@code tools/list} (received and recorded) until {@link #releaseToolsList()}. */
    public void holdToolsList() {
        toolsListHeld = new CompletableFuture<>();
    }

    /** Answers the held {@code tools/list} requests, with the tools and time to live set by then. */
    public void releaseToolsList() {
        toolsListHeld.complete(null);
    }

    @Override
    public void close() {
        releaseToolsList();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                send(exchange, 405, null);
                return;
            }
            JsonNode message;
            try (InputStream in = exchange.getRequestBody()) {
                message = McpJson.mapper().readTree(in.readAllBytes());
            }
            Map<String, String> headers = new TreeMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT),
                    values.get(0)));
            String method = message.path("method").isString() ? message.path("method").asString() : null;
            posts.add(new Post(method, Map.copyOf(headers)));
            JsonNode id = message.get("id");
            if (method == null || id == null) {
                send(exchange, 202, null); // a notification or a response
                return;
            }
            switch (method) {
                case "server/discover" -> send(exchange, 200, result(id, McpJson.mapper().readTree(DISCOVERED)));
                case "tools/list" -> {
                    toolsListHeld.join();
                    send(exchange, 200, result(id, toolsList()));
                }
                case "tools/call" -> {
                    String text = message.path("params").path("arguments").path("text").asString("done");
                    ObjectNode result = McpJson.mapper().createObjectNode().put("resultType", "complete");
                    result.putArray("content").addObject().put("type", "text").put("text", text);
                    send(exchange, 200, result(id, result));
                }
                case "initialize" -> send(exchange, 400, error(id, -32022, "Unsupported protocol version",
                        McpJson.mapper().createObjectNode().set("supported",
                                McpJson.mapper().createArrayNode().add(REVISION))));
                default -> send(exchange, 200, error(id, -32601, "Method not found: " + method, null));
            }
        }
    }

    private ObjectNode toolsList() {
        ObjectNode result = McpJson.mapper().createObjectNode().put("resultType", "complete");
        ArrayNode listed = result.putArray("tools");
        tools.forEach(name -> listed.add(McpJson.mapper().readTree(TOOL.formatted(name))));
        Duration ttl = toolsTtl;
        if (ttl != null) {
            result.put("ttlMs", ttl.toMillis());
        }
        return result;
    }

    private static ObjectNode result(JsonNode id, JsonNode result) {
        ObjectNode response = McpJson.mapper().createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        response.set("result", result);
        return response;
    }

    private static ObjectNode error(JsonNode id, int code, String message, JsonNode data) {
        ObjectNode response = McpJson.mapper().createObjectNode().put("jsonrpc", "2.0");
        response.set("id", id);
        ObjectNode error = response.putObject("error").put("code", code).put("message", message);
        if (data != null) {
            error.set("data", data);
        }
        return response;
    }

    private static void send(HttpExchange exchange, int status, JsonNode body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = McpJson.mapper().writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
