package dev.mcpclient.jsonrpc;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC notification: a one-way message without an id.
 *
 * @param method the method name
 * @param params the parameters, or {@code null}
 * @since 0.2.0
 */
public record JsonRpcNotification(String method, JsonNode params) implements JsonRpcMessage {

    public JsonRpcNotification {
        Objects.requireNonNull(method, "method");
    }
}
