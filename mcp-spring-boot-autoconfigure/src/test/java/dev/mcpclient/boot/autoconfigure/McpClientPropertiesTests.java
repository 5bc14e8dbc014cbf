package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.transport.TransportBuilder;
import dev.mcpclient.transport.http.ReconnectPolicy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

/** How {@code mcp.client} binds: every property, the defaults, and what is inherited. */
class McpClientPropertiesTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class));

    @Test
    void defaults() {
        runner.withPropertyValues("mcp.client.servers.weather.url=http://127.0.0.1:9/mcp").run(context -> {
            McpClientProperties properties = context.getBean(McpClientProperties.class);
            assertThat(properties.isEnabled()).isTrue();
            assertThat(properties.getRequestTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(properties.getInitializeTimeout()).isNull();
            McpServerProperties server = properties.getServers().get("weather");
            assertThat(server.isEnabled()).isTrue();
            assertThat(server.isRequired()).isFalse();
            assertThat(server.getTransport()).isEqualTo(McpTransportType.STREAMABLE_HTTP);
            assertThat(server.getProtocolVersion()).isEqualTo("auto");
            assertThat(server.isBackgroundStream()).isTrue();
            assertThat(server.getHeaders()).isEmpty();
            assertThat(server.getMaxMessageSize()).isEqualTo(DataSize.ofMegabytes(16))
                    .isEqualTo(DataSize.ofBytes(TransportBuilder.DEFAULT_MAX_MESSAGE_SIZE));
            assertThat(server.getCloseTimeout()).isEqualTo(Duration.ofSeconds(5)).isEqualTo(TransportBuilder.DEFAULT_CLOSE_TIMEOUT);
            assertThat(server.getReconnect().getInitialDelay()).isEqualTo(Duration.ofMillis(250));
            assertThat(server.getReconnect().getMaxDelay()).isEqualTo(Duration.ofSeconds(30));
            assertThat(server.getReconnect().getMaxAttemptsWithoutProgress()).isEqualTo(5);
            McpServerSettings settings = context.getBean(McpServers.class).find("weather").orElseThrow();
            assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(settings.initializeTimeout()).isEqualTo(Duration.ofSeconds(30));
            assertThat(settings.reconnect()).isEqualTo(ReconnectPolicy.DEFAULT);
            assertThat(settings.maxMessageSize()).isEqualTo(TransportBuilder.DEFAULT_MAX_MESSAGE_SIZE);
        });
    }

    @Test
    void bindsEveryProperty() {
        runner.withPropertyValues("mcp.client.request-timeout=20s", "mcp.client.initialize-timeout=7s",
                "mcp.client.client-name=orders", "mcp.client.client-version=2.0",
                "mcp.client.servers.weather.url=http://localhost:8081/mcp",
                "mcp.client.servers.weather.transport=streamable-http",
                "mcp.client.servers.weather.protocol-version=2025-06-18",
                "mcp.client.servers.weather.request-timeout=10s",
                "mcp.client.servers.weather.initialize-timeout=3s",
                "mcp.client.servers.weather.headers.X-Api-Key=secret",
                "mcp.client.servers.weather.required=false",
                "mcp.client.servers.weather.background-stream=false",
                "mcp.client.servers.weather.reconnect.initial-delay=100ms",
                "mcp.client.servers.weather.reconnect.max-delay=10s",
                "mcp.client.servers.weather.reconnect.max-attempts-without-progress=3",
                "mcp.client.servers.weather.max-message-size=4MB",
                "mcp.client.servers.weather.close-timeout=2s",
                "mcp.client.servers.calendar.url=http://localhost:8082/mcp",
                "mcp.client.servers.calendar.enabled=false")
                .run(context -> {
                    McpClientProperties properties = context.getBean(McpClientProperties.class);
                    assertThat(properties.getClientName()).isEqualTo("orders");
                    assertThat(properties.getClientVersion()).isEqualTo("2.0");
                    McpServerProperties weather = properties.getServers().get("weather");
                    assertThat(weather.getUrl()).isEqualTo("http://localhost:8081/mcp");
                    assertThat(weather.getProtocolVersion()).isEqualTo("2025-06-18");
                    assertThat(weather.getRequestTimeout()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(weather.getInitializeTimeout()).isEqualTo(Duration.ofSeconds(3));
                    assertThat(weather.getHeaders()).containsEntry("X-Api-Key", "secret");
                    assertThat(weather.isBackgroundStream()).isFalse();
                    assertThat(weather.getReconnect().getInitialDelay()).isEqualTo(Duration.ofMillis(100));
                    assertThat(weather.getReconnect().getMaxDelay()).isEqualTo(Duration.ofSeconds(10));
                    assertThat(weather.getReconnect().getMaxAttemptsWithoutProgress()).isEqualTo(3);
                    assertThat(weather.getMaxMessageSize()).isEqualTo(DataSize.ofMegabytes(4));
                    assertThat(weather.getCloseTimeout()).isEqualTo(Duration.ofSeconds(2));
                    assertThat(properties.getServers().get("calendar").isEnabled()).isFalse();
                    assertThat(properties.enabledServers()).containsOnlyKeys("weather");
                });
    }

    @Test
    void aRevisionNeedsNoQuotesInYaml() throws Exception {
        String yaml = """
                mcp:
                  client:
                    servers:
                      weather:
                        url: http://localhost:8081/mcp
                        protocol-version: 2025-06-18
                """;
        List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("application.yml",
                new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        MockEnvironment environment = new MockEnvironment();
        sources.forEach(environment.getPropertySources()::addFirst);
        McpClientProperties properties = Binder.get(environment).bind(McpClientProperties.PREFIX, McpClientProperties.class)
                .get();
        assertThat(properties.getServers().get("weather").getProtocolVersion()).isEqualTo("2025-06-18");
    }

    @Test
    void aServerInheritsTheDefaultTimeouts() {
        runner.withPropertyValues("mcp.client.request-timeout=20s", "mcp.client.servers.a.url=http://127.0.0.1:9/mcp",
                "mcp.client.servers.b.url=http://127.0.0.1:9/mcp", "mcp.client.servers.b.request-timeout=4s",
                "mcp.client.servers.c.url=http://127.0.0.1:9/mcp", "mcp.client.initialize-timeout=6s")
                .run(context -> {
                    McpServers servers = context.getBean(McpServers.class);
                    assertThat(servers.find("a").orElseThrow().requestTimeout()).hasSeconds(20);
                    assertThat(servers.find("b").orElseThrow().requestTimeout()).hasSeconds(4);
                    assertThat(servers.find("c").orElseThrow().initializeTimeout()).hasSeconds(6);
                });
        runner.withPropertyValues("mcp.client.servers.b.url=http://127.0.0.1:9/mcp", "mcp.client.servers.b.request-timeout=4s")
                .run(context -> {
                    McpServers servers = context.getBean(McpServers.class);
                    assertThat(servers.find("b").orElseThrow().initializeTimeout()).hasSeconds(4);
                });
    }

    @Test
    void toStringNeverShowsHeaderValuesOrUrlSecrets() {
        McpServerProperties server = new McpServerProperties();
        server.setUrl("https://user:hunter2@mcp.example.com:8443/mcp?token=abc123");
        server.getHeaders().put("X-Api-Key", "s3cr3t-value");
        McpClientProperties properties = new McpClientProperties();
        properties.getServers().put("weather", server);

        assertThat(properties.toString()).contains("X-Api-Key").contains("mcp.example.com:8443/mcp")
                .doesNotContain("s3cr3t-value").doesNotContain("hunter2").doesNotContain("abc123");
        McpServerSettings settings = McpServerSettings.resolve("weather", properties, new MockEnvironment());
        assertThat(settings.displayUrl()).isEqualTo("https://******@mcp.example.com:8443/mcp?******");
        assertThat(settings.toString()).contains("X-Api-Key=******", "https://******@mcp.example.com:8443/mcp?******")
                .doesNotContain("s3cr3t-value").doesNotContain("hunter2").doesNotContain("abc123");
    }
}
