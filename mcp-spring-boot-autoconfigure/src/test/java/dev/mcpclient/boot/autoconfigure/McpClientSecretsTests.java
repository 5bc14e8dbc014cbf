package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpClient;
import dev.mcpclient.testing.SdkServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * Secrets given in the configuration never reach the logs, the health details or {@code toString()}:
 * header values nowhere, credentials and tokens in a URL not in what the starter shows. A whole
 * application, with this library logging at TRACE, used against a server that is up and one that is
 * down.
 */
@ExtendWith(OutputCaptureExtension.class)
class McpClientSecretsTests {

    private static final String HEADER_SECRET = "header-secret-4711";
    private static final String PASSWORD = "password-4711";
    private static final String TOKEN = "token-4711";

    @Test
    void secretsStayOutOfLogsHealthAndToString(CapturedOutput output) {
        try (SdkServer server = SdkServer.streamableHttp()) {
            SpringApplication application = new SpringApplication(App.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            String downUrl = "http://user:" + PASSWORD + "@127.0.0.1:9/mcp?token=" + TOKEN;
            try (ConfigurableApplicationContext context = application.run(
                    "--logging.level.dev.mcpclient=TRACE",
                    "--mcp.client.servers.up.url=" + server.url(),
                    "--mcp.client.servers.up.headers.X-Api-Key=" + HEADER_SECRET,
                    "--mcp.client.servers.down.url=" + downUrl,
                    "--mcp.client.servers.down.headers.Authorization=Bearer " + HEADER_SECRET,
                    "--mcp.client.servers.down.reconnect.initial-delay=20ms",
                    "--mcp.client.servers.down.reconnect.max-delay=50ms")) {
                McpClient up = context.getBean("upMcpClient", McpClient.class);
                up.callTool("echo", Map.of("text", "x"));
                assertThat(server.requests("POST")).allMatch(r -> HEADER_SECRET.equals(r.header("X-Api-Key")));

                CompositeHealthContributor health = context.getBean("mcpHealthContributor", CompositeHealthContributor.class);
                String details = ((HealthIndicator) health.getContributor("up")).health() + " "
                        + ((HealthIndicator) health.getContributor("down")).health();
                assertThat(details).contains("Connection refused").contains("http://******@127.0.0.1:9/mcp?******");
                assertThat(details).doesNotContain(HEADER_SECRET).doesNotContain(PASSWORD).doesNotContain(TOKEN);
                assertThat(context.getBean(McpClientProperties.class).toString()).contains("X-Api-Key")
                        .doesNotContain(HEADER_SECRET).doesNotContain(PASSWORD).doesNotContain(TOKEN);
            }
        }
        assertThat(output.getAll()).contains("MCP server 'down' at http://******@127.0.0.1:9/mcp?****** is not reachable yet")
                .doesNotContain(HEADER_SECRET);
        // What the starter logs shows the URL redacted. (The core's own DEBUG lines still show the full URL.)
        assertThat(output.getAll().lines().filter(line -> line.contains("McpClientLifecycle")))
                .isNotEmpty().noneMatch(line -> line.contains(PASSWORD) || line.contains(TOKEN));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }
}
