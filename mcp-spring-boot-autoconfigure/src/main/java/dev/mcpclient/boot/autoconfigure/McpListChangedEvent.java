package dev.mcpclient.boot.autoconfigure;

import java.util.List;
import org.springframework.context.ApplicationEvent;

/**
 * A server changed one of its lists ({@code notifications/tools/list_changed},
 * {@code .../resources/list_changed} or {@code .../prompts/list_changed}); the event carries the list
 * fetched again right after, which the client's cache now holds. Published on a thread for blocking
 * work, never an I/O thread.
 *
 * @since 0.2.0
 */
public class McpListChangedEvent extends ApplicationEvent {

    /** Which list changed. */
    public enum Kind {
        /** The tools ({@link dev.mcpclient.schema.Tool}). */
        TOOLS,
        /** The resources ({@link dev.mcpclient.schema.Resource}). */
        RESOURCES,
        /** The prompts ({@link dev.mcpclient.schema.Prompt}). */
        PROMPTS
    }

    private final String server;
    private final Kind kind;
    private final List<?> items;

    /**
     * @param source the server's {@link dev.mcpclient.McpClient}
     * @param server the server's name under {@code mcp.client.servers}
     * @param kind which list changed
     * @param items the new list
     */
    public McpListChangedEvent(Object source, String server, Kind kind, List<?> items) {
        super(source);
        this.server = server;
        this.kind = kind;
        this.items = List.copyOf(items);
    }

    /** The server's name under {@code mcp.client.servers}. */
    public String server() {
        return server;
    }

    /** Which list changed. */
    public Kind kind() {
        return kind;
    }

    /** The new list: {@code Tool}s, {@code Resource}s or {@code Prompt}s as {@link #kind()} says. */
    public List<?> items() {
        return items;
    }

    @Override
    public String toString() {
        return "McpListChangedEvent[server=" + server + ", kind=" + kind + ", items=" + items.size() + "]";
    }
}
