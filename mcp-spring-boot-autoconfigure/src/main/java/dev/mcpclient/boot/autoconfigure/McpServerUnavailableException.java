package dev.mcpclient.boot.autoconfigure;

/**
 * A server marked {@code required} could not be connected: while the application started (reported
 * by {@link McpServerUnavailableFailureAnalyzer}), or when it was added to the {@link McpClientRegistry}
 * while the application runs.
 *
 * @since 0.2.0
 */
public class McpServerUnavailableException extends RuntimeException {

    private final String server;
    private final String url;

    /**
     * @param server the server's name
     * @param url the server's URL, as safe to show (no user info, no query)
     * @param reason why it could not be connected, as safe to show
     * @param cause the failure
     */
    public McpServerUnavailableException(String server, String url, String reason, Throwable cause) {
        super("the required MCP server '" + server + "' at " + url + " could not be connected: " + reason, cause);
        this.server = server;
        this.url = url;
    }

    /** The server's name. */
    public String server() {
        return server;
    }

    /** The server's URL, as safe to show. */
    public String url() {
        return url;
    }
}
