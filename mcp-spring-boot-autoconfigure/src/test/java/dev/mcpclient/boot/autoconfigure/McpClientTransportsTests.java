package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.testing.SdkServer;
import dev.mcpclient.testing.SdkStdioServer;
import dev.mcpclient.transport.McpTransport;
import dev.mcpclient.transport.http.BackgroundStream;
import dev.mcpclient.transport.http.HttpTransportBuilder;
import dev.mcpclient.transport.http.LegacySseTransport;
import dev.mcpclient.transport.stdio.StdioTransport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mock.env.MockEnvironment;

/** {@code transport: streamable-http | sse | stdio}: each one configured from properties and working against a real peer. */
class McpClientTransportsTests {

    private static SdkServer sseServer;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class));

    @BeforeAll
    static void startServer() {
        sseServer = SdkServer.sse();
    }

    @AfterAll
    static void stopServer() {
        sseServer.close();
    }

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    /** Properties of a stdio server named {@code local} that runs the SDK's stdio server. */
    private static String[] stdioServer(String... more) {
        List<String> line = SdkStdioServer.commandLine();
        List<String> properties = new ArrayList<>();
        properties.add("mcp.client.servers.local.transport=stdio");
        properties.add("mcp.client.servers.local.command=" + line.get(0));
        for (int i = 1; i < line.size(); i++) {
            properties.add("mcp.client.servers.local.args[" + (i - 1) + "]=" + line.get(i));
        }
        properties.addAll(List.of(more));
        return properties.toArray(String[]::new);
    }

    @Test
    void aStdioServerStartsAsAProcessWithItsArgumentsEnvironmentAndWorkingDirectory(@TempDir Path dir) {
        runner.withPropertyValues(stdioServer("mcp.client.servers.local.env.MCP_GREETING=hello from the properties",
                        "mcp.client.servers.local.working-dir=" + dir, "mcp.client.servers.local.close-timeout=2s"))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean("localMcpTransport")).isInstanceOf(StdioTransport.class);
                    assertThat(context).doesNotHaveBean(BackgroundStream.class);
                    StdioTransport transport = context.getBean(StdioTransport.class);
                    assertThat(transport.name()).isEqualTo("local");
                    McpClient client = context.getBean(McpClient.class);

                    InitializeResult init = client.initialize();
                    assertThat(init.serverInfo().name()).isEqualTo("sdk-test-server");
                    assertThat(text(client.callTool("echo", Map.of("text", "over stdio")))).isEqualTo("over stdio");
                    assertThat(text(client.callTool("env", Map.of("name", "MCP_GREETING"))))
                            .isEqualTo("hello from the properties");
                    assertThat(transport.process()).hasValueSatisfying(p -> assertThat(p.isAlive()).isTrue());
                    assertThat(transport.process().get().info().command()).isPresent();

                    client.close();
                    assertThat(transport.process()).hasValueSatisfying(p -> assertThat(p.isAlive()).isFalse());
                });
    }

    @Test
    void theEnvironmentOfAStdioServerIsMaskedInToString() {
        McpServerProperties server = new McpServerProperties();
        server.setTransport(McpTransportType.STDIO);
        server.setCommand("npx");
        server.setEnv(Map.of("API_KEY", "secret-value"));
        assertThat(server.toString()).contains("command=npx", "API_KEY=******").doesNotContain("secret-value");
        McpClientProperties properties = new McpClientProperties();
        properties.getServers().put("files", server);
        McpServerSettings settings = McpServerSettings.resolve("files", properties, new MockEnvironment());
        assertThat(settings.toString()).contains("API_KEY=******").doesNotContain("secret-value");
        assertThat(settings.displayUrl()).isEqualTo("stdio:npx");
    }

    @Test
    void anSseServerUsesTheHttpSseTransport() {
        runner.withPropertyValues("mcp.client.servers.legacy.transport=sse",
                        "mcp.client.servers.legacy.url=" + sseServer.url(),
                        "mcp.client.servers.legacy.headers.X-Api-Key=k")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean("legacyMcpTransport")).isInstanceOf(LegacySseTransport.class);
                    assertThat(context).doesNotHaveBean(BackgroundStream.class);
                    McpClient client = context.getBean(McpClient.class);
                    assertThat(client.initialize().protocolVersion()).isEqualTo("2024-11-05");
                    assertThat(text(client.callTool("echo", Map.of("text", "over sse")))).isEqualTo("over sse");
                });
    }

    @Test
    void aStreamableHttpServerThatRejectsTheInitializePostIsTriedOverSse() {
        runner.withPropertyValues("mcp.client.servers.old.url=" + sseServer.url())
                .run(context -> {
                    McpClient client = context.getBean(McpClient.class);
                    assertThat(client.initialize().protocolVersion()).isEqualTo("2024-11-05");
                    assertThat(text(client.callTool("add", Map.of("a", 1, "b", 2)))).isEqualTo("3");
                });
    }

    @Test
    void theFallbackCanBeSwitchedOff() {
        runner.withPropertyValues("mcp.client.servers.old.url=" + sseServer.url(),
                        "mcp.client.servers.old.legacy-sse-fallback=false")
                .run(context -> {
                    McpClient client = context.getBean(McpClient.class);
                    assertThatThrownBy(client::initialize).isInstanceOfSatisfying(McpTransportException.class,
                            e -> assertThat(e.status()).isEqualTo(404));
                });
    }

    @Test
    void transportCustomizersReachEveryKindOfTransport() {
        runner.withUserConfiguration(Customizers.class)
                .withPropertyValues(stdioServer("mcp.client.servers.local.env.MCP_GREETING=from properties"))
                .run(context -> {
                    McpClient client = context.getBean(McpClient.class);
                    assertThat(text(client.callTool("env", Map.of("name", "MCP_GREETING")))).isEqualTo("from a customizer");
                    assertThat(context.getBean("localMcpTransport", McpTransport.class)).isInstanceOf(StdioTransport.class);
                    client.close();
                });
    }

    @Test
    void aLambdaCustomizerOfTheHttpBuildersReachesAnSseServer() {
        runner.withUserConfiguration(HttpCustomizer.class)
                .withPropertyValues("mcp.client.servers.legacy.transport=sse", "mcp.client.servers.legacy.url=" + sseServer.url())
                .run(context -> {
                    McpClient client = context.getBean(McpClient.class);
                    assertThat(text(client.callTool("echo", Map.of("text", "customized")))).isEqualTo("customized");
                    assertThat(sseServer.requests("POST")).anyMatch(r -> "legacy".equals(r.header("X-Customized-For")));
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class HttpCustomizer {

        @Bean
        McpTransportCustomizer<HttpTransportBuilder<?>> serverHeader() {
            return (server, builder) -> builder.header("X-Customized-For", server);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {

        @Bean
        McpTransportCustomizer<StdioTransport.Builder> environmentFromASecretStore() {
            return (server, builder) -> builder.env("MCP_GREETING", "from a customizer");
        }
    }
}
