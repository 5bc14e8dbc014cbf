package dev.mcpclient.jsonrpc;

import dev.mcpclient.McpProtocolException;
import dev.mcpclient.schema.McpJson;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads and writes JSON-RPC 2.0 messages.
 *
 * <p>Reading is strict about the envelope ({@code "jsonrpc": "2.0"}, a string or integer id, a
 * method name, exactly one of result and error) and says precisely what is wrong, with an excerpt
 * of the offending text.
 *
 * @since 0.2.0
 */
public final class JsonRpcCodec {

    private static final int EXCERPT = 200;

    private JsonRpcCodec() {
    }

    /** Writes one message as UTF-8 JSON. */
    public static byte[] encode(JsonRpcMessage message) {
        return mapper().writeValueAsBytes(toTree(message));
    }

    /** The message as a JSON tree. */
    public static ObjectNode toTree(JsonRpcMessage message) {
        ObjectNode node = mapper().createObjectNode();
        node.put("jsonrpc", "2.0");
        if (message instanceof JsonRpcRequest r) {
            putId(node, r.id());
            node.put("method", r.method());
            if (r.params() != null) {
                node.set("params", r.params());
            }
        } else if (message instanceof JsonRpcNotification n) {
            node.put("method", n.method());
            if (n.params() != null) {
                node.set("params", n.params());
            }
        } else if (message instanceof JsonRpcResponse r) {
            putId(node, r.id());
            if (r.error() != null) {
                ObjectNode error = node.putObject("error");
                error.put("code", r.error().code());
                error.put("message", r.error().message());
                if (r.error().data() != null) {
                    error.set("data", r.error().data());
                }
            } else {
                node.set("result", r.result());
            }
        }
        return node;
    }

    /**
     * Reads the messages in one body: a single message or (2025-03-26) a batch array.
     *
     * @throws McpProtocolException if the text is not JSON or a message is not JSON-RPC
     */
    public static List<JsonRpcMessage> decode(byte[] json) {
        JsonNode tree;
        try {
            tree = mapper().readTree(json);
        } catch (JacksonException e) {
            throw new McpProtocolException("malformed JSON: " + e.getOriginalMessage() + " in: " + excerpt(json), e);
        }
        if (tree == null || tree.isMissingNode()) {
            throw new McpProtocolException("empty message where JSON-RPC was expected");
        }
        if (tree.isArray()) {
            List<JsonRpcMessage> messages = new ArrayList<>(tree.size());
            for (JsonNode element : tree) {
                messages.add(fromTree(element));
            }
            return messages;
        }
        return List.of(fromTree(tree));
    }

    /**
     * Reads one message from a JSON tree.
     *
     * @throws McpProtocolException if the tree is not a JSON-RPC 2.0 message
     */
    public static JsonRpcMessage fromTree(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw invalid("not a JSON object", node);
        }
        JsonNode version = node.get("jsonrpc");
        if (version == null || !version.isString() || !"2.0".equals(version.asString())) {
            throw invalid("\"jsonrpc\" is not \"2.0\"", node);
        }
        JsonNode method = node.get("method");
        JsonNode idNode = node.get("id");
        if (method != null) {
            if (!method.isString()) {
                throw invalid("\"method\" is not a string", node);
            }
            JsonNode params = node.get("params");
            if (params != null && params.isNull()) {
                params = null;
            }
            if (idNode == null) {
                return new JsonRpcNotification(method.asString(), params);
            }
            return new JsonRpcRequest(readId(idNode, node), method.asString(), params);
        }
        if (idNode == null) {
            throw invalid("neither \"method\" nor \"id\"", node);
        }
        JsonNode result = node.get("result");
        JsonNode error = node.get("error");
        if (error != null && !error.isNull()) {
            if (result != null) {
                throw invalid("both \"result\" and \"error\"", node);
            }
            JsonNode code = error.get("code");
            if (code == null || !code.isIntegralNumber()) {
                throw invalid("error without an integer \"code\"", node);
            }
            if (!code.canConvertToInt()) {
                // JSON-RPC error codes are 32-bit integers; Jackson's asInt() would throw its own exception.
                throw invalid("error \"code\" outside the 32-bit integer range", node);
            }
            JsonNode message = error.get("message");
            String text = message != null && message.isString() ? message.asString() : "";
            JsonNode data = error.get("data");
            return JsonRpcResponse.error(readId(idNode, node), new JsonRpcError(code.asInt(), text, data));
        }
        if (result == null) {
            throw invalid("a response without \"result\" or \"error\"", node);
        }
        return JsonRpcResponse.result(readId(idNode, node), result);
    }

    private static RequestId readId(JsonNode id, JsonNode message) {
        if (id.isString()) {
            return RequestId.of(id.asString());
        }
        if (id.isIntegralNumber() && id.canConvertToLong()) {
            return RequestId.of(id.asLong());
        }
        throw invalid("\"id\" is neither a string nor an integer", message);
    }

    private static void putId(ObjectNode node, RequestId id) {
        node.set("id", id.toJson());
    }

    private static McpProtocolException invalid(String what, JsonNode node) {
        String text = node == null ? "null" : node.toString();
        return new McpProtocolException("invalid JSON-RPC message (" + what + "): " + excerpt(text));
    }

    private static String excerpt(byte[] bytes) {
        return excerpt(new String(bytes, 0, Math.min(bytes.length, EXCERPT * 4), java.nio.charset.StandardCharsets.UTF_8));
    }

    static String excerpt(String text) {
        return text.length() <= EXCERPT ? text : text.substring(0, EXCERPT) + "…";
    }

    private static JsonMapper mapper() {
        return McpJson.mapper();
    }
}
