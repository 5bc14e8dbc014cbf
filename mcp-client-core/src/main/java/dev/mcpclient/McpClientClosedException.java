package dev.mcpclient;

/**
 * The client was closed before the call could settle, or a call was made after {@code close()}.
 *
 * @since 0.2.0
 */
public class McpClientClosedException extends McpException {

    public McpClientClosedException(String message) {
        super(message);
    }
}
