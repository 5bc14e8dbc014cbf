package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClient;

/**
 * A server was added to the {@link McpClientRegistry} while the application runs: by
 * {@link McpClientRegistry#add}, or by a {@link McpClientRegistry#refresh() refresh} that added or
 * replaced it. Published in the thread that made the change, once the registry shows it; not for the
 * servers configured at startup.
 *
 * @since 0.2.0
 */
public class McpServerAddedEvent extends McpServerEvent {

    /**
     * @param client the server's new client (the event's source)
     * @param server the server's name
     */
    public McpServerAddedEvent(McpClient client, String server) {
        super(client, server);
    }
}
