package dev.mcpclient.boot.autoconfigure.observation;

import dev.mcpclient.McpClient;
import dev.mcpclient.boot.autoconfigure.McpClientCustomizer;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;

/**
 * Observations of MCP calls, when the application has an {@link ObservationRegistry}: every
 * server's client gets an {@link ObservationMcpCallInterceptor}, outermost, that reads the protocol
 * revision from the client it observes.
 *
 * @since 0.2.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass({ McpClient.class, ObservationRegistry.class })
@ConditionalOnBean(ObservationRegistry.class)
public final class McpClientObservationAutoConfiguration {

    @Bean
    @Order(0)
    @ConditionalOnMissingBean(name = "mcpClientObservationCustomizer")
    McpClientCustomizer mcpClientObservationCustomizer(ObservationRegistry registry,
            ObjectProvider<McpClientObservationConvention> convention) {
        return new McpClientObservationCustomizer(registry, convention);
    }
}
