package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClient;

/**
 * A server was removed from the {@link McpClientRegistry}: by {@link McpClientRegistry#remove}, or by
 * a {@link McpClientRegistry#refresh() refresh} that removed or replaced it (a replaced server's
 * {@link McpServerAddedEvent} follows). Published in the thread that made the change, once the
 * registry no longer shows that client; the client is being closed.
 *
 * @since 0.2.0
 */
public class McpServerRemovedEvent extends McpServerEvent {

    /**
     * @param client the server's client, being closed (the event's source)
     * @param server the server's name
     */
    public McpServerRemovedEvent(McpClient client, String server) {
        super(client, server);
    }
}
