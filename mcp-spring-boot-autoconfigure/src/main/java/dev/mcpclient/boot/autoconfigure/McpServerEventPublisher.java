package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClient;
import org.springframework.context.ApplicationEventPublisher;

/** Publishes the registry's changes as {@link McpServerAddedEvent} and {@link McpServerRemovedEvent}. */
final class McpServerEventPublisher implements McpClientRegistry.Listener {

    private final ApplicationEventPublisher publisher;

    McpServerEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void serverAdded(String server, McpClient client) {
        publisher.publishEvent(new McpServerAddedEvent(client, server));
    }

    @Override
    public void serverRemoved(String server, McpClient client) {
        publisher.publishEvent(new McpServerRemovedEvent(client, server));
    }
}
