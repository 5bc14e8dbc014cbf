package dev.mcpclient.boot.autoconfigure;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.core.env.PropertyResolver;

/**
 * The {@link McpServerSettings} of every enabled server, by name, in configuration order: the bean
 * {@code mcpServerSettings}, resolved once when the configuration is read. The servers' beans, their
 * lifecycle and their health are built from it.
 *
 * @since 0.2.0
 */
public final class McpServers {

    private final Map<String, McpServerSettings> servers;

    /** These servers, keyed by their names in the order given. */
    public McpServers(Collection<McpServerSettings> servers) {
        Map<String, McpServerSettings> byName = new LinkedHashMap<>();
        servers.forEach(server -> byName.put(server.name(), server));
        this.servers = Collections.unmodifiableMap(byName);
    }

    /** The enabled servers of {@code properties}, which must have been validated; see {@link McpServerSettings#resolve}. */
    public static McpServers resolve(McpClientProperties properties, PropertyResolver environment) {
        return new McpServers(properties.enabledServers().keySet().stream()
                .map(name -> McpServerSettings.resolve(name, properties, environment)).toList());
    }

    /** The servers' names. */
    public Set<String> names() {
        return servers.keySet();
    }

    /** Every server's settings. */
    public Collection<McpServerSettings> all() {
        return servers.values();
    }

    /** The settings of {@code server}, if it is configured and enabled. */
    public Optional<McpServerSettings> find(String server) {
        return Optional.ofNullable(servers.get(server));
    }

    @Override
    public String toString() {
        return "McpServers" + servers.values();
    }
}
