package dev.mcpclient;

/**
 * The peer broke the protocol: a message that is not JSON or not JSON-RPC, a message over the size
 * limit, a protocol version this client does not support.
 *
 * @since 0.2.0
 */
public class McpProtocolException extends McpException {

    public McpProtocolException(String message) {
        super(message);
    }

    public McpProtocolException(String message, Throwable cause) {
        super(message, cause);
    }
}
