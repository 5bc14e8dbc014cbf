package dev.mcpclient.jsonrpc;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The error object of a JSON-RPC error response.
 *
 * @param code the error code
 * @param message a short description
 * @param data additional information, or {@code null}
 */
public record JsonRpcError(int code, String message, JsonNode data) {

    /** Invalid JSON was received. */
    public static final int PARSE_ERROR = -32700;
    /** The JSON sent is not a valid request object. */
    public static final int INVALID_REQUEST = -32600;
    /** The method does not exist or is not available. */
    public static final int METHOD_NOT_FOUND = -32601;
    /** Invalid method parameters. */
    public static final int INVALID_PARAMS = -32602;
    /** Internal JSON-RPC error. */
    public static final int INTERNAL_ERROR = -32603;

    public JsonRpcError {
        Objects.requireNonNull(message, "message");
    }
}
