package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.mcpclient.McpClient;
import dev.mcpclient.transport.http.ReconnectPolicy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.util.unit.DataSize;

/** How a server's settings are resolved from its properties, the defaults and the environment. */
class McpServerSettingsTests {

    private final McpClientProperties properties = new McpClientProperties();
    private final MockEnvironment environment = new MockEnvironment();

    private McpServerProperties server(String name, String url) {
        McpServerProperties server = new McpServerProperties();
        server.setUrl(url);
        properties.getServers().put(name, server);
        return server;
    }

    private McpServerSettings resolve(String name) {
        return McpServerSettings.resolve(name, properties, environment);
    }

    @Test
    void aStreamableHttpServerWithTheDefaults() {
        server("weather", "  http://localhost:8081/mcp ");
        McpServerSettings weather = resolve("weather");
        assertThat(weather.name()).isEqualTo("weather");
        assertThat(weather.transport()).isEqualTo(McpTransportType.STREAMABLE_HTTP);
        assertThat(weather.url()).isEqualTo("http://localhost:8081/mcp");
        assertThat(weather.displayUrl()).isEqualTo("http://localhost:8081/mcp");
        assertThat(weather.requestTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(weather.initializeTimeout()).isEqualTo(Duration.ofSeconds(30));
        assertThat(weather.protocolVersion()).isEqualTo("auto");
        assertThat(weather.clientInfo().name()).isEqualTo("mcp-client-java");
        assertThat(weather.clientInfo().version()).isEqualTo("unknown");
        assertThat(weather.headers()).isEmpty();
        assertThat(weather.maxMessageSize()).isEqualTo(16 * 1024 * 1024);
        assertThat(weather.closeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(weather.reconnect()).isEqualTo(ReconnectPolicy.DEFAULT);
        assertThat(weather.backgroundStream()).isTrue();
        assertThat(weather.legacySseFallback()).isTrue();
        assertThat(weather.command()).isNull();
        assertThat(weather.args()).isEmpty();
        assertThat(weather.env()).isEmpty();
        assertThat(weather.workingDirectory()).isNull();
        assertThat(weather.required()).isFalse();
    }

    @Test
    void everyPropertyOfAServerIsTaken() {
        McpServerProperties server = server("weather", "https://mcp.example.com/mcp");
        server.setRequestTimeout(Duration.ofSeconds(4));
        server.setInitializeTimeout(Duration.ofSeconds(2));
        server.setProtocolVersion("2025-06-18");
        server.getHeaders().put("X-B", "b");
        server.getHeaders().put("X-A", "a");
        server.setMaxMessageSize(DataSize.ofKilobytes(64));
        server.setCloseTimeout(Duration.ofSeconds(1));
        server.getReconnect().setInitialDelay(Duration.ofMillis(10));
        server.getReconnect().setMaxDelay(Duration.ofSeconds(1));
        server.getReconnect().setMaxAttemptsWithoutProgress(2);
        server.setBackgroundStream(false);
        server.setLegacySseFallback(false);
        server.setRequired(true);
        McpServerSettings weather = resolve("weather");
        assertThat(weather.requestTimeout()).isEqualTo(Duration.ofSeconds(4));
        assertThat(weather.initializeTimeout()).isEqualTo(Duration.ofSeconds(2));
        assertThat(weather.protocolVersion()).isEqualTo("2025-06-18");
        assertThat(weather.headers()).containsExactly(Map.entry("X-B", "b"), Map.entry("X-A", "a"));
        assertThat(weather.maxMessageSize()).isEqualTo(64 * 1024);
        assertThat(weather.closeTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThat(weather.reconnect()).isEqualTo(new ReconnectPolicy(Duration.ofMillis(10), Duration.ofSeconds(1), 2));
        assertThat(weather.backgroundStream()).isFalse();
        assertThat(weather.legacySseFallback()).isFalse();
        assertThat(weather.required()).isTrue();
    }

    @Test
    void theProtocolVersionIsTakenAsTheClientBuilderTakesIt() {
        server("weather", "http://127.0.0.1:9/mcp").setProtocolVersion(" 2026-07-28 ");
        assertThat(resolve("weather").protocolVersion()).isEqualTo("2026-07-28");
        properties.getServers().get("weather").setProtocolVersion("AUTO");
        assertThat(resolve("weather").protocolVersion()).isEqualTo("auto");
        assertThat(resolve("weather").toString()).contains("protocolVersion=auto");
    }

    @Test
    void theAllowedProtocolVersionsAreAutoAndTheRevisionsTheClientCanBePinnedTo() {
        assertThat(McpServerSettings.PROTOCOL_VERSIONS)
                .containsExactly("auto", "2026-07-28", "2025-11-25", "2025-06-18", "2025-03-26");
        // Every one of them is taken by the client builder; a value it refuses never gets that far.
        assertThat(McpServerSettings.PROTOCOL_VERSIONS).allSatisfy(version -> assertThat(
                McpClient.streamableHttp("http://127.0.0.1:9/mcp").protocolVersion(version)).isNotNull());
        assertThatIllegalArgumentException().isThrownBy(
                () -> McpClient.streamableHttp("http://127.0.0.1:9/mcp").protocolVersion("2025-01-01"));
        assertThat(McpServerSettings.protocolVersion("latest")).isNull();
        assertThat(McpServerSettings.protocolVersion("2024-11-05")).as("not among the values the builder documents")
                .isNull();
    }

    @Test
    void theTimeoutsAreInheritedInOrder() {
        properties.setRequestTimeout(Duration.ofSeconds(20));
        server("a", "http://127.0.0.1:9/mcp");
        server("b", "http://127.0.0.1:9/mcp").setRequestTimeout(Duration.ofSeconds(4));
        assertThat(resolve("a").requestTimeout()).hasSeconds(20);
        assertThat(resolve("a").initializeTimeout()).as("the request timeout").hasSeconds(20);
        assertThat(resolve("b").initializeTimeout()).as("the server's own request timeout").hasSeconds(4);
        properties.setInitializeTimeout(Duration.ofSeconds(6));
        assertThat(resolve("b").initializeTimeout()).as("mcp.client.initialize-timeout").hasSeconds(6);
    }

    @Test
    void theClientIsNamedAfterTheApplicationUnlessConfigured() {
        server("weather", "http://127.0.0.1:9/mcp");
        environment.setProperty("spring.application.name", "orders");
        environment.setProperty("spring.application.version", "1.2.3");
        assertThat(resolve("weather").clientInfo().name()).isEqualTo("orders");
        assertThat(resolve("weather").clientInfo().version()).isEqualTo("1.2.3");
        properties.setClientName("billing");
        properties.setClientVersion("9");
        assertThat(resolve("weather").clientInfo().name()).isEqualTo("billing");
        assertThat(resolve("weather").clientInfo().version()).isEqualTo("9");
    }

    @Test
    void optionsOfOtherTransportsHaveTheirNeutralValues() {
        McpServerProperties legacy = server("legacy", "http://127.0.0.1:9/sse");
        legacy.setTransport(McpTransportType.SSE);
        legacy.getHeaders().put("X-Api-Key", "k");
        assertThat(resolve("legacy").backgroundStream()).isFalse();
        assertThat(resolve("legacy").legacySseFallback()).isFalse();
        assertThat(resolve("legacy").headers()).containsOnlyKeys("X-Api-Key");

        McpServerProperties files = server("files", null);
        files.setTransport(McpTransportType.STDIO);
        files.setCommand(" npx ");
        files.setArgs(List.of("-y", "server"));
        files.getEnv().put("API_KEY", "secret");
        files.setWorkingDir(Path.of("/tmp"));
        files.getHeaders().put("X-Api-Key", "k");
        McpServerSettings stdio = resolve("files");
        assertThat(stdio.url()).isNull();
        assertThat(stdio.displayUrl()).isEqualTo("stdio:npx");
        assertThat(stdio.command()).isEqualTo("npx");
        assertThat(stdio.args()).containsExactly("-y", "server");
        assertThat(stdio.env()).containsExactly(Map.entry("API_KEY", "secret"));
        assertThat(stdio.workingDirectory()).isEqualTo(Path.of("/tmp"));
        assertThat(stdio.headers()).isEmpty();
        assertThat(stdio.backgroundStream()).isFalse();
        assertThat(stdio.redact("failed: exit 1")).isEqualTo("failed: exit 1");
    }

    @Test
    void theUrlIsShownWithoutItsSecrets() {
        String url = "https://user:hunter2@mcp.example.com:8443/mcp?token=abc123";
        server("weather", url).getHeaders().put("X-Api-Key", "s3cr3t");
        McpServerSettings weather = resolve("weather");
        assertThat(weather.url()).isEqualTo(url);
        assertThat(weather.displayUrl()).isEqualTo("https://******@mcp.example.com:8443/mcp?******");
        assertThat(weather.redact("POST " + url + " failed")).isEqualTo(
                "POST https://******@mcp.example.com:8443/mcp?****** failed");
        assertThat(weather.toString()).contains("X-Api-Key=******").doesNotContain("hunter2", "abc123", "s3cr3t");
    }

    @Test
    void theServersAreTheEnabledOnesInConfigurationOrder() {
        server("weather", "http://127.0.0.1:9/mcp");
        server("calendar", "http://127.0.0.1:9/mcp").setEnabled(false);
        server("files", "http://127.0.0.1:9/mcp");
        McpServers servers = McpServers.resolve(properties, environment);
        assertThat(servers.names()).containsExactly("weather", "files");
        assertThat(servers.all()).extracting(McpServerSettings::name).containsExactly("weather", "files");
        assertThat(servers.find("calendar")).isEmpty();
        assertThatIllegalArgumentException().isThrownBy(() -> resolve("nowhere")).withMessageContaining("nowhere");
    }
}
