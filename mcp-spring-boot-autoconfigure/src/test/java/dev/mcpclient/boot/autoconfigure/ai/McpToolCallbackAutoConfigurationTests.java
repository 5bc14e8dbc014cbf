package dev.mcpclient.boot.autoconfigure.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.boot.autoconfigure.McpClientAutoConfiguration;
import dev.mcpclient.boot.autoconfigure.McpClientConfigurationException;
import dev.mcpclient.boot.autoconfigure.McpClientProperties;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.ai.tool.ToolCallbackProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** When {@link McpToolCallbackAutoConfiguration} offers the MCP tools to Spring AI, and how it is configured. */
class McpToolCallbackAutoConfigurationTests {

    /** Nothing listens there: connection refused. */
    static final String NOWHERE = "http://127.0.0.1:9/mcp";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class,
                    McpToolCallbackAutoConfiguration.class))
            .withPropertyValues("mcp.client.servers.weather.url=" + NOWHERE);

    @Test
    void oneToolCallbackProviderIsThereByDefault() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(ToolCallbackProvider.class).hasSingleBean(McpToolCallbackProvider.class);
            // The server is down: it contributes no tools, and asking does not fail.
            assertThat(context.getBean(McpToolCallbackProvider.class).getToolCallbacks()).isEmpty();
        });
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withPropertyValues("mcp.client.spring-ai.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ToolCallbackProvider.class));
    }

    @Test
    void backsOffWithoutSpringAiOnTheClasspath() {
        runner.withClassLoader(new FilteredClassLoader(ToolCallbackProvider.class))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(McpClientRegistry.class)
                        .doesNotHaveBean("mcpToolCallbackProvider"));
    }

    @Test
    void backsOffWhenTheClientsAreDisabled() {
        runner.withPropertyValues("mcp.client.enabled=false")
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(ToolCallbackProvider.class));
    }

    @Test
    void backsOffToTheApplicationsOwnProvider() {
        runner.withUserConfiguration(OwnProvider.class).run(context -> assertThat(context)
                .getBean(McpToolCallbackProvider.class).isSameAs(context.getBean(OwnProvider.class).provider));
    }

    @Test
    void thePropertiesAreBoundUnderMcpClientSpringAi() {
        runner.withPropertyValues("mcp.client.spring-ai.tool-name-prefix=always",
                "mcp.client.spring-ai.list-tools-timeout=2s", "mcp.client.spring-ai.tool-context-keys=tenant,trace*",
                "mcp.client.servers.weather.tools.include=forecast*", "mcp.client.servers.weather.tools.exclude=regex:.*_admin")
                .run(context -> {
                    McpClientProperties properties = context.getBean(McpClientProperties.class);
                    assertThat(properties.getSpringAi().getToolNamePrefix()).isEqualTo(McpToolNamePrefix.ALWAYS);
                    assertThat(properties.getSpringAi().getListToolsTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.getSpringAi().getToolContextKeys()).containsExactly("tenant", "trace*");
                    assertThat(properties.getServers().get("weather").getTools().getInclude()).containsExactly("forecast*");
                    assertThat(properties.getServers().get("weather").getTools().getExclude())
                            .containsExactly("regex:.*_admin");
                    assertThat(context.getBean(McpToolCallbackProvider.class)).hasToString(
                            "McpToolCallbackProvider[servers=[weather], toolNamePrefix=ALWAYS]");
                });
    }

    @Test
    void aFilterThatIsNotARegularExpressionFailsStartupNamingTheProperty() {
        runner.withPropertyValues("mcp.client.servers.weather.tools.include=regex:get_(user")
                .run(context -> assertThat(context).getFailure()
                        .isInstanceOf(McpClientConfigurationException.class)
                        .hasMessageContaining("mcp.client.servers.weather.tools.include has an entry that is not a valid "
                                + "regular expression: 'regex:get_(user'"));
    }

    @Test
    void aToolContextKeyThatIsNotARegularExpressionFailsStartup() {
        runner.withPropertyValues("mcp.client.spring-ai.tool-context-keys=regex:[")
                .run(context -> assertThat(context).getFailure()
                        .isInstanceOf(McpClientConfigurationException.class)
                        .hasMessageContaining("mcp.client.spring-ai.tool-context-keys has an entry that is not a valid"));
    }

    @Test
    void aListToolsTimeoutThatIsNotPositiveFailsStartup() {
        runner.withPropertyValues("mcp.client.spring-ai.list-tools-timeout=0s")
                .run(context -> assertThat(context).getFailure()
                        .isInstanceOf(McpClientConfigurationException.class)
                        .hasMessageContaining("mcp.client.spring-ai.list-tools-timeout must be positive"));
    }

    @Configuration(proxyBeanMethods = false)
    static class OwnProvider {

        final McpToolCallbackProvider provider = McpToolCallbackProvider.builder(new McpClientRegistry(java.util.Map.of()))
                .build();

        @Bean
        McpToolCallbackProvider ownProvider() {
            return provider;
        }
    }
}
