package dev.mcpclient;

/**
 * A multi round-trip request (MCP 2026-07-28) could not be completed on the client's side: the
 * server asked for input the client has no handler for, a sampling or roots handler failed, or the
 * server still asked for input after the round limit.
 *
 * @since 0.2.0
 */
public class McpInputException extends McpException {

    private final String method;

    public McpInputException(String method, String message, Throwable cause) {
        super(message, cause);
        this.method = method;
    }

    /** The method of the request whose input could not be given. */
    public String method() {
        return method;
    }
}
