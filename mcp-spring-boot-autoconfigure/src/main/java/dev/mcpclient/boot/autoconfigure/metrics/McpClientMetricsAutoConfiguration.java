package dev.mcpclient.boot.autoconfigure.metrics;

import dev.mcpclient.McpClient;
import dev.mcpclient.boot.autoconfigure.McpClientAutoConfiguration;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import dev.mcpclient.boot.autoconfigure.McpServerBeanNames;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Meters of the MCP clients ({@link McpClientMetrics}), when the application has a {@link MeterRegistry}. */
@AutoConfiguration(after = McpClientAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ McpClient.class, MeterRegistry.class })
@ConditionalOnBean({ MeterRegistry.class, McpClientRegistry.class })
public final class McpClientMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    McpClientMetrics mcpClientMetrics(McpClientRegistry registry, BeanFactory beanFactory) {
        Map<String, StreamableHttpTransport> transports = new HashMap<>();
        for (String server : registry.names()) {
            String name = McpServerBeanNames.transport(server);
            if (beanFactory.containsBean(name) && beanFactory.isTypeMatch(name, StreamableHttpTransport.class)) {
                transports.put(server, beanFactory.getBean(name, StreamableHttpTransport.class));
            }
        }
        return new McpClientMetrics(registry, transports);
    }
}
