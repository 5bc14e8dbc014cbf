package dev.mcpclient.boot.autoconfigure.health;

import dev.mcpclient.McpClient;
import dev.mcpclient.boot.autoconfigure.McpClientAutoConfiguration;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import dev.mcpclient.boot.autoconfigure.McpServers;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Health of the MCP servers, when Spring Boot's health support is present: the contributor
 * {@code mcp}, with one {@link McpClientHealthIndicator} per server ({@code /actuator/health/mcp/weather}).
 * Switched off with {@code management.health.mcp.enabled=false}.
 */
@AutoConfiguration(after = McpClientAutoConfiguration.class)
@ConditionalOnClass({ McpClient.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean({ McpClientRegistry.class, McpClient.class })
@ConditionalOnEnabledHealthIndicator("mcp")
@EnableConfigurationProperties(McpClientHealthProperties.class)
public final class McpClientHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = { "mcpHealthIndicator", "mcpHealthContributor" })
    HealthContributor mcpHealthContributor(McpClientRegistry registry, McpServers servers,
            McpClientHealthProperties health) {
        Map<String, HealthIndicator> indicators = new LinkedHashMap<>();
        registry.clients().forEach((server, client) -> indicators.put(server,
                new McpClientHealthIndicator(client, servers.find(server).orElse(null), health.getTimeout())));
        return CompositeHealthContributor.fromMap(indicators);
    }
}
