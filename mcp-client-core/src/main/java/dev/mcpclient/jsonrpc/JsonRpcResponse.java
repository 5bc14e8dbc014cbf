package dev.mcpclient.jsonrpc;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A JSON-RPC response: exactly one of {@code result} and {@code error} is set.
 *
 * @param id the id of the request it answers
 * @param result the result, or {@code null} when this is an error response
 * @param error the error, or {@code null} when this is a result
 * @since 0.2.0
 */
public record JsonRpcResponse(RequestId id, JsonNode result, JsonRpcError error) implements JsonRpcMessage {

    public JsonRpcResponse {
        Objects.requireNonNull(id, "id");
        if ((result == null) == (error == null)) {
            throw new IllegalArgumentException("a response has exactly one of result and error");
        }
    }

    /** A successful response. */
    public static JsonRpcResponse result(RequestId id, JsonNode result) {
        return new JsonRpcResponse(id, result, null);
    }

    /** An error response. */
    public static JsonRpcResponse error(RequestId id, JsonRpcError error) {
        return new JsonRpcResponse(id, null, error);
    }

    /** Whether this is an error response. */
    public boolean isError() {
        return error != null;
    }
}
