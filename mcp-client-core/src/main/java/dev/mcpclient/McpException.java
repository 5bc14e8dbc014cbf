package dev.mcpclient;

/**
 * The base of every error this client reports. Each subclass says what went wrong in terms a caller
 * can act on: {@link McpErrorException} (the server answered with a JSON-RPC error),
 * {@link McpTimeoutException}, {@link McpTransportException}, {@link McpProtocolException},
 * {@link McpClientClosedException} and {@link McpSessionExpiredException}.
 *
 * @since 0.2.0
 */
public class McpException extends RuntimeException {

    public McpException(String message) {
        super(message);
    }

    public McpException(String message, Throwable cause) {
        super(message, cause);
    }
}
