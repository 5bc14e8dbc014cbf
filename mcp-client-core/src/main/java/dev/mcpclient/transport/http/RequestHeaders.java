package dev.mcpclient.transport.http;

import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.schema.McpMethods;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * The request headers of MCP 2026-07-28 on Streamable HTTP, which mirror the body for intermediaries:
 * {@code Mcp-Method} on every request, {@code Mcp-Name} from {@code params.name} ({@code tools/call},
 * {@code prompts/get}) or {@code params.uri} ({@code resources/read}), and {@code Mcp-Param-*} for
 * the tool parameters the tool marked with {@code x-mcp-header}; values encoded by
 * {@link McpHeaders#encodeValue}.
 */
final class RequestHeaders {

    private RequestHeaders() {
    }

    /** Adds the headers of {@code message} (none for a message that is not a request). */
    static void apply(HttpHeaders headers, JsonRpcMessage message, Map<String, String> parameterHeaders) {
        if (!(message instanceof JsonRpcRequest request)) {
            return;
        }
        headers.set(McpHeaders.METHOD, request.method());
        String name = nameOf(request);
        if (name != null) {
            headers.set(McpHeaders.NAME, McpHeaders.encodeValue(name));
        }
        parameterHeaders.forEach((param, value) -> headers.set(McpHeaders.PARAM_PREFIX + param, McpHeaders.encodeValue(value)));
    }

    /** The value {@code Mcp-Name} mirrors, or {@code null} for a method without one. */
    static String nameOf(JsonRpcRequest request) {
        String field = switch (request.method()) {
            case McpMethods.TOOLS_CALL, McpMethods.PROMPTS_GET -> "name";
            case McpMethods.RESOURCES_READ -> "uri";
            default -> null;
        };
        if (field == null) {
            return null;
        }
        JsonNode params = request.params();
        JsonNode value = params == null ? null : params.get(field);
        return value != null && value.isString() ? value.asString() : null;
    }
}
