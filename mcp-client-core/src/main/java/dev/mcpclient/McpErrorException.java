package dev.mcpclient;

import dev.mcpclient.jsonrpc.JsonRpcError;
import tools.jackson.databind.JsonNode;

/**
 * The server answered a request with a JSON-RPC error.
 *
 * @since 0.2.0
 */
public class McpErrorException extends McpException {

    private final String method;
    private final JsonRpcError error;

    public McpErrorException(String method, JsonRpcError error) {
        super(method + " failed with JSON-RPC error " + error.code() + ": " + error.message());
        this.method = method;
        this.error = error;
    }

    /** The method of the request that failed. */
    public String method() {
        return method;
    }

    /** The JSON-RPC error code. */
    public int code() {
        return error.code();
    }

    /** The server's message. */
    public String errorMessage() {
        return error.message();
    }

    /** The error's {@code data}, or {@code null}. */
    public JsonNode data() {
        return error.data();
    }

    /** The whole error object. */
    public JsonRpcError error() {
        return error;
    }
}
