package dev.mcpclient.boot.autoconfigure;

import org.springframework.context.ApplicationEvent;

/**
 * A resource the client subscribed to changed ({@code notifications/resources/updated}). Published on
 * a thread for blocking work, never an I/O thread.
 *
 * @since 0.2.0
 */
public class McpResourceUpdatedEvent extends ApplicationEvent {

    private final String server;
    private final String uri;

    /**
     * @param source the server's {@link dev.mcpclient.McpClient}
     * @param server the server's name under {@code mcp.client.servers}
     * @param uri the URI of the changed resource
     */
    public McpResourceUpdatedEvent(Object source, String server, String uri) {
        super(source);
        this.server = server;
        this.uri = uri;
    }

    /** The server's name under {@code mcp.client.servers}. */
    public String server() {
        return server;
    }

    /** The URI of the changed resource (possibly a sub-resource of the subscribed one). */
    public String uri() {
        return uri;
    }

    @Override
    public String toString() {
        return "McpResourceUpdatedEvent[server=" + server + ", uri=" + uri + "]";
    }
}
