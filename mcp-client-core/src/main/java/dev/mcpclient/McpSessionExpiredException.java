package dev.mcpclient;

/**
 * The server no longer knows the session (HTTP 404), and a new session could not be started or
 * rejected the request as well.
 *
 * @since 0.2.0
 */
public class McpSessionExpiredException extends McpException {

    public McpSessionExpiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
