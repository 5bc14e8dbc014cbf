package dev.mcpclient.support;

import dev.mcpclient.jsonrpc.JsonRpcCodec;
import dev.mcpclient.jsonrpc.JsonRpcNotification;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.McpJson;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** JSON-RPC messages a test server sends. */
public final class Messages {

    private Messages() {
    }

    /** A {@code tools/call} result with one text block. */
    public static JsonNode toolResult(RequestId id, String text) {
        ObjectNode result = McpJson.mapper().createObjectNode();
        ObjectNode block = result.putArray("content").addObject();
        block.put("type", "text");
        block.put("text", text);
        result.put("isError", false);
        return JsonRpcCodec.toTree(JsonRpcResponse.result(id, result));
    }

    /** A progress notification. */
    public static JsonNode progress(String token, double progress) {
        return progress(McpJson.mapper().valueToTree(token), progress);
    }

    /** A progress notification for a token as the request carried it ({@code params._meta.progressToken}). */
    public static JsonNode progress(JsonNode token, double progress) {
        ObjectNode params = McpJson.mapper().createObjectNode();
        params.set("progressToken", token);
        params.put("progress", progress);
        return JsonRpcCodec.toTree(new JsonRpcNotification("notifications/progress", params));
    }

    /** A progress notification with a total and a message. */
    public static JsonNode progress(JsonNode token, double progress, double total, String message) {
        JsonNode notification = progress(token, progress);
        ((ObjectNode) notification.get("params")).put("total", total).put("message", message);
        return notification;
    }

    /** A {@code ping} request from the server. */
    public static JsonNode ping(String id) {
        return JsonRpcCodec.toTree(new JsonRpcRequest(RequestId.of(id), "ping", null));
    }

    /** A notification from the server ({@code params} may be {@code null}). */
    public static JsonNode notification(String method, JsonNode params) {
        return JsonRpcCodec.toTree(new JsonRpcNotification(method, params));
    }

    /** A request from the server. */
    public static JsonNode request(String id, String method, JsonNode params) {
        return JsonRpcCodec.toTree(new JsonRpcRequest(RequestId.of(id), method, params));
    }

    /** A result response. */
    public static JsonNode result(RequestId id, JsonNode result) {
        return JsonRpcCodec.toTree(JsonRpcResponse.result(id, result));
    }

    /** Parses JSON text (for readable test data). */
    public static JsonNode json(String text) {
        return McpJson.mapper().readTree(text);
    }
}
