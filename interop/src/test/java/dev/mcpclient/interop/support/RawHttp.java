package dev.mcpclient.interop.support;

import dev.mcpclient.schema.McpJson;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Single MCP requests over plain {@code java.net.http}, without our client: for checking what a peer
 * answers before the client can speak to it (e.g. the 2026-07-28 revision).
 */
public final class RawHttp {

    /** The 2026-07-28 revision. */
    public static final String MODERN = "2026-07-28";

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private RawHttp() {
    }

    /** A response: its HTTP status and its body, parsed as JSON (the last {@code data:} of an event stream). */
    public record Answer(int status, String body) {

        /** The JSON-RPC message of the body. */
        public JsonNode json() {
            String json = body;
            int data = body.lastIndexOf("data: ");
            if (!body.stripLeading().startsWith("{") && data >= 0) {
                json = body.substring(data + 6).lines().findFirst().orElse("");
            }
            return McpJson.mapper().readTree(json);
        }
    }

    /**
     * A 2026-07-28 request: {@code MCP-Protocol-Version}, {@code Mcp-Method} and, when {@code name} is given,
     * {@code Mcp-Name} headers, and {@code _meta} with the protocol version, no client capabilities and a
     * client info.
     */
    public static Answer modern(String url, String method, String name, Map<String, Object> params) {
        Map<String, Object> withMeta = new LinkedHashMap<>(params);
        withMeta.put("_meta", Map.of("io.modelcontextprotocol/protocolVersion", MODERN,
                "io.modelcontextprotocol/clientCapabilities", Map.of(),
                "io.modelcontextprotocol/clientInfo", Map.of("name", "interop-raw", "version", "1")));
        HttpRequest.Builder request = post(url, Map.of("jsonrpc", "2.0", "id", 1, "method", method, "params", withMeta))
                .header("MCP-Protocol-Version", MODERN)
                .header("Mcp-Method", method);
        if (name != null) {
            request.header("Mcp-Name", name);
        }
        return send(request.build());
    }

    /** A handshake-era {@code initialize} at {@code version}. */
    public static Answer initialize(String url, String version) {
        return send(post(url, Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params", Map.of(
                "protocolVersion", version, "capabilities", Map.of(),
                "clientInfo", Map.of("name", "interop-raw", "version", "1")))).build());
    }

    private static HttpRequest.Builder post(String url, Object body) {
        return HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(10))
                .header("Accept", "application/json, text/event-stream")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(McpJson.mapper().writeValueAsString(body)));
    }

    private static Answer send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new IllegalStateException(request.method() + " " + request.uri() + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
