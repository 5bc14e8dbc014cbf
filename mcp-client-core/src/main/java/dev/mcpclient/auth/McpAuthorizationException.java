package dev.mcpclient.auth;

import dev.mcpclient.McpTransportException;

/**
 * A request to an MCP server could not be authorized: the server refused it for good (its status and
 * challenge say why), or no credentials could be obtained (discovery, registration or the token
 * request failed). The message names the server and what was refused; it never holds a secret.
 *
 * @since 0.2.0
 */
public class McpAuthorizationException extends McpTransportException {

    /** Credentials could not be obtained. */
    public McpAuthorizationException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Credentials could not be obtained, with no cause to name. */
    public McpAuthorizationException(String message) {
        super(message, (Throwable) null);
    }

    /** The server refused a request with {@code status}. */
    public McpAuthorizationException(String message, int status, String bodyExcerpt) {
        super(message, status, bodyExcerpt);
    }
}
