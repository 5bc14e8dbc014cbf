package dev.mcpclient.boot.autoconfigure.health;

import dev.mcpclient.McpClient;
import dev.mcpclient.boot.autoconfigure.McpClientAutoConfiguration;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import dev.mcpclient.boot.autoconfigure.McpServers;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Health of the MCP servers, when Spring Boot's health support is present: the contributor
 * {@code mcp}, with one {@link McpClientHealthIndicator} per server ({@code /actuator/health/mcp/weather}),
 * following the {@link McpClientRegistry} as servers are added and removed.
 * Switched off with {@code management.health.mcp.enabled=false}.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = McpClientAutoConfiguration.class)
@ConditionalOnClass({ McpClient.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(McpClientRegistry.class)
@ConditionalOnEnabledHealthIndicator("mcp")
@EnableConfigurationProperties(McpClientHealthProperties.class)
public final class McpClientHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = { "mcpHealthIndicator", "mcpHealthContributor" })
    HealthContributor mcpHealthContributor(McpClientRegistry registry, McpServers servers,
            McpClientHealthProperties health) {
        return new McpClientsHealthContributor(registry, servers, health.getTimeout());
    }
}
