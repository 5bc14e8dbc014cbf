package dev.mcpclient.jsonrpc;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC request: it expects a response with the same id.
 *
 * @param id the id, unique among the sender's requests in a session
 * @param method the method name
 * @param params the parameters, or {@code null}
 * @since 0.2.0
 */
public record JsonRpcRequest(RequestId id, String method, JsonNode params) implements JsonRpcMessage {

    public JsonRpcRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(method, "method");
    }
}
