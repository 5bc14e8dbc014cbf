package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientStatus.ProtocolEra;
import dev.mcpclient.internal.session.ServerEras;
import dev.mcpclient.testing.SdkServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * {@code protocol-version}: {@code auto} finds the era a server speaks, a revision pins the client to
 * it; against a real server of each era (the SDK's, which speaks the handshake revisions, and
 * {@link ModernMcpServer}, which speaks only 2026-07-28).
 */
class McpClientProtocolVersionTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class));

    /** The POSTs of the era probe: the only requests to a handshake-era server that carry {@code Mcp-Method}. */
    private static List<SdkServer.RecordedRequest> probes(SdkServer server) {
        return server.requests("POST").stream().filter(r -> r.header("Mcp-Method") != null).toList();
    }

    @Test
    void autoIsTheDefaultAndFindsAModernServer() {
        try (ModernMcpServer modern = ModernMcpServer.start()) {
            runner.withPropertyValues("mcp.client.servers.weather.url=" + modern.url()).run(context -> {
                assertThat(context.getBean(McpServers.class).find("weather").orElseThrow().protocolVersion())
                        .isEqualTo("auto");
                McpClient client = context.getBean(McpClient.class);
                assertThat(McpClientAutoConfigurationTests.text(client.callTool("echo", Map.of("text", "hi"))))
                        .isEqualTo("hi");
                assertThat(client.status().era()).isEqualTo(ProtocolEra.MODERN);
                assertThat(client.status().protocolVersion()).isEqualTo("2026-07-28");
                assertThat(client.initializeResult().serverInfo().name()).isEqualTo(ModernMcpServer.NAME);
            });
            assertThat(modern.methods()).startsWith("server/discover").contains("tools/call")
                    .doesNotContain("initialize");
        }
    }

    @Test
    void autoFallsBackToTheHandshakeAfterOneProbeOfAServerThatDoesNotSpeakTheModernEra() {
        ServerEras.clear(); // a first contact, even if an earlier test's server had this port
        try (SdkServer legacy = SdkServer.streamableHttp()) {
            runner.withPropertyValues("mcp.client.servers.weather.url=" + legacy.url()).run(context -> {
                McpClient client = context.getBean(McpClient.class);
                client.ping();
                assertThat(client.status().era()).isEqualTo(ProtocolEra.LEGACY);
                assertThat(client.status().protocolVersion()).isEqualTo("2025-11-25");
            });
            assertThat(probes(legacy)).singleElement()
                    .satisfies(probe -> assertThat(probe.header("Mcp-Method")).isEqualTo("server/discover"))
                    .isEqualTo(legacy.requests("POST").get(0));
        }
    }

    @Test
    void aHandshakeRevisionPinsTheClientToIt() {
        try (SdkServer legacy = SdkServer.streamableHttp()) {
            runner.withPropertyValues("mcp.client.servers.weather.url=" + legacy.url(),
                    "mcp.client.servers.weather.protocol-version=2025-06-18").run(context -> {
                        assertThat(context.getBean(McpServers.class).find("weather").orElseThrow().protocolVersion())
                                .isEqualTo("2025-06-18");
                        McpClient client = context.getBean(McpClient.class);
                        assertThat(McpClientAutoConfigurationTests.text(client.callTool("echo", Map.of("text", "x"))))
                                .isEqualTo("x");
                        assertThat(client.status().protocolVersion()).isEqualTo("2025-06-18");
                        assertThat(client.status().era()).isEqualTo(ProtocolEra.LEGACY);
                    });
            assertThat(probes(legacy)).as("no server/discover").isEmpty();
            assertThat(legacy.requests("POST")).allMatch(r -> "2025-06-18".equals(r.header("MCP-Protocol-Version"))
                    || r.header("Mcp-Session-Id") == null, "every request after initialize carries the pinned revision");
        }
    }

    @Test
    void theModernRevisionPinsTheClientToItWithoutAFallbackToTheHandshake() {
        try (SdkServer legacy = SdkServer.streamableHttp()) {
            runner.withPropertyValues("mcp.client.servers.weather.url=" + legacy.url(),
                    "mcp.client.servers.weather.protocol-version=2026-07-28").run(context -> {
                        McpClient client = context.getBean(McpClient.class);
                        assertThatException().isThrownBy(client::ping);
                        assertThat(client.status().era()).isNull();
                    });
            assertThat(legacy.requests("POST")).isNotEmpty()
                    .allMatch(r -> "server/discover".equals(r.header("Mcp-Method")), "only server/discover, never initialize");
        }
        try (ModernMcpServer modern = ModernMcpServer.start()) {
            runner.withPropertyValues("mcp.client.servers.weather.url=" + modern.url(),
                    "mcp.client.servers.weather.protocol-version=2026-07-28").run(context -> {
                        McpClient client = context.getBean(McpClient.class);
                        client.callTool("echo", Map.of("text", "x"));
                        assertThat(client.status().era()).isEqualTo(ProtocolEra.MODERN);
                    });
            assertThat(modern.methods()).contains("server/discover", "tools/call").doesNotContain("initialize");
            assertThat(modern.posts()).filteredOn(post -> "tools/call".equals(post.method())).singleElement()
                    .satisfies(call -> assertThat(call.header("MCP-Protocol-Version")).isEqualTo("2026-07-28"));
        }
    }

    @Test
    void aHandshakeRevisionPinnedForAModernOnlyServerNeverProbes() {
        try (ModernMcpServer modern = ModernMcpServer.start()) {
            runner.withPropertyValues("mcp.client.servers.weather.url=" + modern.url(),
                    "mcp.client.servers.weather.protocol-version=2025-11-25").run(context -> {
                        McpClient client = context.getBean(McpClient.class);
                        assertThatException().isThrownBy(client::ping);
                        assertThat(client.status().era()).isNull();
                    });
            assertThat(modern.methods()).contains("initialize").doesNotContain("server/discover");
        }
    }

    @Test
    void aCustomizerStillHasTheLastWord() {
        try (SdkServer legacy = SdkServer.streamableHttp()) {
            runner.withPropertyValues("mcp.client.servers.weather.url=" + legacy.url(),
                    "mcp.client.servers.weather.protocol-version=2026-07-28")
                    .withBean(McpClientCustomizer.class, () -> (server, builder) -> builder.protocolVersion("2025-03-26"))
                    .run(context -> {
                        McpClient client = context.getBean(McpClient.class);
                        client.ping();
                        assertThat(client.status().protocolVersion()).isEqualTo("2025-03-26");
                    });
        }
    }
}
