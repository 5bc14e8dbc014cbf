package dev.mcpclient.boot.autoconfigure.health;

import dev.mcpclient.McpClient;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import dev.mcpclient.boot.autoconfigure.McpServerSettings;
import dev.mcpclient.boot.autoconfigure.McpServers;
import java.time.Duration;
import java.util.stream.Stream;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthContributors;

/**
 * The contributor {@code mcp}: one {@link McpClientHealthIndicator} per server the registry has at
 * the moment of each check, so servers added or removed while the application runs come and go.
 */
final class McpClientsHealthContributor implements CompositeHealthContributor {

    private final McpClientRegistry registry;
    private final McpServers servers;
    private final Duration timeout;

    McpClientsHealthContributor(McpClientRegistry registry, McpServers servers, Duration timeout) {
        this.registry = registry;
        this.servers = servers;
        this.timeout = timeout;
    }

    @Override
    public HealthContributor getContributor(String name) {
        return registry.find(name).map(client -> indicator(name, client)).orElse(null);
    }

    @Override
    public Stream<HealthContributors.Entry> stream() {
        return registry.clients().entrySet().stream()
                .map(e -> new HealthContributors.Entry(e.getKey(), indicator(e.getKey(), e.getValue())));
    }

    private McpClientHealthIndicator indicator(String name, McpClient client) {
        McpServerSettings settings = registry.settings(name).or(() -> servers.find(name)).orElse(null);
        return new McpClientHealthIndicator(client, settings, timeout);
    }
}
