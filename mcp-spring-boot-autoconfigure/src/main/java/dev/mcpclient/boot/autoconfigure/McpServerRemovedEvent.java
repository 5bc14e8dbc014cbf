package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClient;
import org.springframework.context.ApplicationEvent;

/**
 * A server was removed from the {@link McpClientRegistry}: by {@link McpClientRegistry#remove}, or by
 * a {@link McpClientRegistry#refresh() refresh} that removed or replaced it (a replaced server's
 * {@link McpServerAddedEvent} follows). Published in the thread that made the change, once the
 * registry no longer shows that client; the client is being closed.
 */
public class McpServerRemovedEvent extends ApplicationEvent {

    private final String server;

    /**
     * @param client the server's client, being closed (the event's source)
     * @param server the server's name
     */
    public McpServerRemovedEvent(McpClient client, String server) {
        super(client);
        this.server = server;
    }

    /** The server's name. */
    public String server() {
        return server;
    }

    /** The server's client, being closed. */
    public McpClient client() {
        return (McpClient) getSource();
    }

    @Override
    public String toString() {
        return "McpServerRemovedEvent[server=" + server + "]";
    }
}
