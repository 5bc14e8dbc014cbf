package dev.mcpclient;

import dev.mcpclient.schema.ElicitationCompleteNotification;
import dev.mcpclient.schema.LoggingMessageNotification;
import dev.mcpclient.schema.Prompt;
import dev.mcpclient.schema.Resource;
import dev.mcpclient.schema.ResourceUpdatedNotification;
import dev.mcpclient.schema.Tool;
import java.util.List;

/**
 * Receives what a server announces on its own: list changes, updates of subscribed resources, log
 * messages. Implement the methods you need; the others do nothing.
 *
 * <p>Methods are called one at a time, in the order the notifications arrived, on a thread for
 * blocking work (never an I/O thread): they may block, though a slow listener delays the ones after
 * it. What a listener throws is logged and does not reach the others.
 *
 * <pre>{@code
 * McpClient client = McpClient.streamableHttp(url)
 *         .listener(new McpClientListener() {
 *             public void onToolsListChanged(List<Tool> tools) { registry.replace(tools); }
 *         })
 *         .build();
 * }</pre>
 *
 * @since 0.2.0
 */
public interface McpClientListener {

    /**
     * The server sent {@code notifications/tools/list_changed}; {@code tools} is the list fetched again
     * (every page) right after it, which the client's cache now holds.
     */
    default void onToolsListChanged(List<Tool> tools) {
    }

    /** The server sent {@code notifications/resources/list_changed}; {@code resources} is the list fetched again. */
    default void onResourcesListChanged(List<Resource> resources) {
    }

    /** The server sent {@code notifications/prompts/list_changed}; {@code prompts} is the list fetched again. */
    default void onPromptsListChanged(List<Prompt> prompts) {
    }

    /** A subscribed resource changed ({@code notifications/resources/updated}); read it again to see how. */
    default void onResourceUpdated(ResourceUpdatedNotification notification) {
    }

    /**
     * A log message from the server ({@code notifications/message}). The client also logs it through
     * SLF4J, to the logger {@code dev.mcpclient.server.<server name>}.
     */
    default void onLoggingMessage(LoggingMessageNotification message) {
    }

    /** A URL-mode elicitation finished out of band ({@code notifications/elicitation/complete}). */
    default void onElicitationComplete(ElicitationCompleteNotification notification) {
    }
}
