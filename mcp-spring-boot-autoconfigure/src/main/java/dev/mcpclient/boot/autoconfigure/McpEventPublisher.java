package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClientListener;
import dev.mcpclient.schema.Prompt;
import dev.mcpclient.schema.Resource;
import dev.mcpclient.schema.ResourceUpdatedNotification;
import dev.mcpclient.schema.Tool;
import java.util.List;
import org.springframework.context.ApplicationEventPublisher;

/** Publishes one server's list changes and resource updates as application events. */
final class McpEventPublisher implements McpClientListener {

    private final String server;
    private final ApplicationEventPublisher publisher;
    private volatile Object source;

    McpEventPublisher(String server, ApplicationEventPublisher publisher) {
        this.server = server;
        this.publisher = publisher;
        this.source = server;
    }

    /** The client the events come from (set once it is built). */
    void source(Object client) {
        this.source = client;
    }

    @Override
    public void onToolsListChanged(List<Tool> tools) {
        publisher.publishEvent(new McpListChangedEvent(source, server, McpListChangedEvent.Kind.TOOLS, tools));
    }

    @Override
    public void onResourcesListChanged(List<Resource> resources) {
        publisher.publishEvent(new McpListChangedEvent(source, server, McpListChangedEvent.Kind.RESOURCES, resources));
    }

    @Override
    public void onPromptsListChanged(List<Prompt> prompts) {
        publisher.publishEvent(new McpListChangedEvent(source, server, McpListChangedEvent.Kind.PROMPTS, prompts));
    }

    @Override
    public void onResourceUpdated(ResourceUpdatedNotification notification) {
        publisher.publishEvent(new McpResourceUpdatedEvent(source, server, notification.uri()));
    }
}
