package dev.mcpclient.boot.autoconfigure.metrics;

import dev.mcpclient.McpClient;
import dev.mcpclient.boot.autoconfigure.McpClientAutoConfiguration;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Meters of the MCP clients ({@link McpClientMetrics}), when the application has a {@link MeterRegistry}.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = McpClientAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ McpClient.class, MeterRegistry.class })
@ConditionalOnBean({ MeterRegistry.class, McpClientRegistry.class })
public final class McpClientMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    McpClientMetrics mcpClientMetrics(McpClientRegistry registry) {
        return new McpClientMetrics(registry);
    }
}
