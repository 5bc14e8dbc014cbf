package dev.mcpclient.boot.autoconfigure.ai;

import dev.mcpclient.McpClient;
import dev.mcpclient.boot.autoconfigure.McpClientAutoConfiguration;
import dev.mcpclient.boot.autoconfigure.McpClientProperties;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the bridge to Spring AI: when Spring AI's tool API ({@code spring-ai-model})
 * is on the classpath, one {@link McpToolCallbackProvider} bean offers the tools of every configured
 * MCP server as {@code ToolCallback}s, named and filtered as {@code mcp.client.spring-ai} and
 * {@code mcp.client.servers.<name>.tools} say, and further by every {@link McpToolFilter} bean.
 * Off with {@code mcp.client.spring-ai.enabled=false}.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = McpClientAutoConfiguration.class)
@ConditionalOnClass({ ToolCallbackProvider.class, McpClient.class })
@ConditionalOnBean(McpClientRegistry.class)
@ConditionalOnBooleanProperty(name = "mcp.client.spring-ai.enabled", matchIfMissing = true)
public final class McpToolCallbackAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    McpToolCallbackProvider mcpToolCallbackProvider(McpClientRegistry registry, McpClientProperties properties,
            ObjectProvider<McpToolFilter> filters) {
        McpSpringAiProperties springAi = properties.getSpringAi();
        McpToolCallbackProvider.Builder provider = McpToolCallbackProvider.builder(registry)
                .toolNamePrefix(springAi.getToolNamePrefix())
                .listToolsTimeout(springAi.getListToolsTimeout())
                .toolContextKeys(springAi.getToolContextKeys())
                .toolFilter(new ConfiguredToolFilter(registry));
        filters.orderedStream().forEach(provider::toolFilter);
        return provider.build();
    }
}
