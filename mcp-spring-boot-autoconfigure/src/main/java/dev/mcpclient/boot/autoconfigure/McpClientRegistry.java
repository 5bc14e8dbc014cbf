package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClient;
import dev.mcpclient.ReactiveMcpClient;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;

/**
 * Every configured server's client, by the server's name (in configuration order).
 *
 * <pre>{@code
 * for (String server : registry.names()) {
 *     registry.client(server).listTools();
 * }
 * }</pre>
 */
public class McpClientRegistry {

    private final Map<String, McpClient> clients;

    /** A registry of these clients, by server name. */
    public McpClientRegistry(Map<String, ? extends McpClient> clients) {
        this.clients = Collections.unmodifiableMap(new LinkedHashMap<>(clients));
    }

    /** The servers' names. */
    public Set<String> names() {
        return clients.keySet();
    }

    /** Every client by server name. */
    public Map<String, McpClient> clients() {
        return clients;
    }

    /** The client of {@code server}, if there is one. */
    public Optional<McpClient> find(String server) {
        return Optional.ofNullable(clients.get(server));
    }

    /**
     * The client of {@code server}.
     *
     * @throws NoSuchElementException when no such server is configured
     */
    public McpClient client(String server) {
        McpClient client = clients.get(server);
        if (client == null) {
            throw new NoSuchElementException("No MCP server named '" + server + "'; configured: " + clients.keySet()
                    + " (under " + McpClientProperties.PREFIX + ".servers)");
        }
        return client;
    }

    /**
     * The reactive client of {@code server}.
     *
     * @throws NoSuchElementException when no such server is configured
     */
    public ReactiveMcpClient reactiveClient(String server) {
        return client(server).reactive();
    }

    @Override
    public String toString() {
        return "McpClientRegistry" + clients.keySet();
    }
}
