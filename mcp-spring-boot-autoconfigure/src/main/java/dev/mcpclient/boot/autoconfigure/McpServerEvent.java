package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClient;
import org.springframework.context.ApplicationEvent;

/**
 * A change of the servers of the {@link McpClientRegistry} while the application runs: a server
 * {@link McpServerAddedEvent added} or {@link McpServerRemovedEvent removed}. Listen to this type to
 * follow both.
 *
 * @since 0.2.0
 */
public abstract class McpServerEvent extends ApplicationEvent {

    private final String server;

    /**
     * @param client the server's client (the event's source)
     * @param server the server's name
     */
    protected McpServerEvent(McpClient client, String server) {
        super(client);
        this.server = server;
    }

    /** The server's name. */
    public String server() {
        return server;
    }

    /** The server's client: the new one when added, the one being closed when removed. */
    public McpClient client() {
        return (McpClient) getSource();
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[server=" + server + "]";
    }
}
