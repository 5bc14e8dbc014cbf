package dev.mcpclient.jsonrpc;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * The error object of a JSON-RPC error response.
 *
 * @param code the error code
 * @param message a short description
 * @param data additional information, or {@code null}
 * @since 0.2.0
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

    /** MCP 2026-07-28: the HTTP headers do not match the request body, or required ones are missing. */
    public static final int HEADER_MISMATCH = -32020;
    /** MCP 2026-07-28: the request needs a client capability the request did not declare. */
    public static final int MISSING_REQUIRED_CLIENT_CAPABILITY = -32021;
    /** MCP 2026-07-28: the server does not speak the requested protocol version ({@code data.supported} lists what it does). */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;

    public JsonRpcError {
        Objects.requireNonNull(message, "message");
    }

    /**
     * Whether {@code code} is one the MCP specification defines for modern servers (-32020 to -32022):
     * an answer with one comes from a server of the modern era.
     */
    public static boolean isModernProtocolError(int code) {
        return code == HEADER_MISMATCH || code == MISSING_REQUIRED_CLIENT_CAPABILITY || code == UNSUPPORTED_PROTOCOL_VERSION;
    }
}
