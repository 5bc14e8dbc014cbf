package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClient;
import org.springframework.context.ApplicationEvent;

/**
 * A server was added to the {@link McpClientRegistry} while the application runs: by
 * {@link McpClientRegistry#add}, or by a {@link McpClientRegistry#refresh() refresh} that added or
 * replaced it. Published in the thread that made the change, once the registry shows it; not for the
 * servers configured at startup.
 */
public class McpServerAddedEvent extends ApplicationEvent {

    private final String server;

    /**
     * @param client the server's new client (the event's source)
     * @param server the server's name
     */
    public McpServerAddedEvent(McpClient client, String server) {
        super(client);
        this.server = server;
    }

    /** The server's name. */
    public String server() {
        return server;
    }

    /** The server's new client. */
    public McpClient client() {
        return (McpClient) getSource();
    }

    @Override
    public String toString() {
        return "McpServerAddedEvent[server=" + server + "]";
    }
}
