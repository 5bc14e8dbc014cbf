package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mcpclient.McpClient;
import dev.mcpclient.testing.SdkServer;
import dev.mcpclient.testing.SdkStdioServer;
import dev.mcpclient.testing.ThrowableText;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
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
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;

/**
 * The audit of what a whole application shows of the secrets in its configuration and of its sessions:
 * no header value, no {@code env} value of a stdio server and no session id appears in its log (this
 * library and the {@code WebClient} at TRACE), its health details, its observations, its events, the
 * errors its calls fail with or {@code toString()}; a URL's credentials and query are masked in what the
 * starter shows. Used against a server that is up, one that is down and a stdio server.
 * (Authorization secrets and tokens: {@code AuthorizationSecretsTests}.)
 */
@ExtendWith(OutputCaptureExtension.class)
class McpClientSecretsTests {

    private static final String HEADER_SECRET = "header-secret-4711";
    private static final String PASSWORD = "password-4711";
    private static final String TOKEN = "token-4711";
    private static final String ENV_SECRET = "env-secret-4711";
    /** The loggers of the Java SDK server the test runs (and its servlet container), as Boot abbreviates them. */
    private static final Pattern PEER_LOGGERS = Pattern.compile(
            "(i\\.m\\.|io\\.modelcontextprotocol|ServerTransportProvider|o\\.a\\.|org\\.apache)");

    @Test
    void secretsStayOutOfEverythingTheApplicationShows(CapturedOutput output) throws InterruptedException {
        List<String> shown = new ArrayList<>();
        List<String> sessionIds;
        try (SdkServer server = SdkServer.streamableHttp()) {
            SpringApplication application = new SpringApplication(App.class);
            application.setWebApplicationType(WebApplicationType.NONE);
            String downUrl = "http://user:" + PASSWORD + "@127.0.0.1:9/mcp?token=" + TOKEN;
            List<String> arguments = new ArrayList<>(List.of(
                    "--logging.level.dev.mcpclient=TRACE",
                    "--logging.level.org.springframework.web.reactive.function.client=TRACE",
                    "--mcp.client.servers.up.url=" + server.url(),
                    "--mcp.client.servers.up.headers.X-Api-Key=" + HEADER_SECRET,
                    "--mcp.client.servers.down.url=" + downUrl,
                    "--mcp.client.servers.down.headers.Authorization=Bearer " + HEADER_SECRET,
                    "--mcp.client.servers.down.reconnect.initial-delay=20ms",
                    "--mcp.client.servers.down.reconnect.max-delay=50ms",
                    "--mcp.client.servers.local.transport=stdio",
                    "--mcp.client.servers.local.env.API_KEY=" + ENV_SECRET));
            List<String> commandLine = SdkStdioServer.commandLine();
            arguments.add("--mcp.client.servers.local.command=" + commandLine.get(0));
            for (int i = 1; i < commandLine.size(); i++) {
                arguments.add("--mcp.client.servers.local.args[" + (i - 1) + "]=" + commandLine.get(i));
            }
            try (ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new))) {
                McpClient up = context.getBean("upMcpClient", McpClient.class);
                up.callTool("echo", Map.of("text", "x"));
                assertThat(server.requests("POST")).allMatch(r -> HEADER_SECRET.equals(r.header("X-Api-Key")));
                shown.add(ThrowableText.of(catchThrowable(() -> up.callTool("no-such-tool", Map.of()))));
                McpClient down = context.getBean("downMcpClient", McpClient.class);
                shown.add(ThrowableText.of(catchThrowable(() -> down.callTool("echo", Map.of()))));
                server.addTool("added"); // a list change: an event
                assertThat(context.getBean(App.class).listChanged.await(30, TimeUnit.SECONDS)).isTrue();
                McpClient local = context.getBean("localMcpClient", McpClient.class);
                local.callTool("echo", Map.of("text", "x"));

                CompositeHealthContributor health = context.getBean("mcpHealthContributor", CompositeHealthContributor.class);
                String details = ((HealthIndicator) health.getContributor("up")).health() + " "
                        + ((HealthIndicator) health.getContributor("down")).health() + " "
                        + ((HealthIndicator) health.getContributor("local")).health();
                assertThat(details).contains("Connection refused").contains("http://******@127.0.0.1:9/mcp?******");
                shown.add(details);
                assertThat(context.getBean(McpClientProperties.class).toString()).contains("X-Api-Key", "API_KEY");
                shown.add(context.getBean(McpClientProperties.class).toString());
                shown.add(up.toString());
                shown.add(down.toString());
                shown.add(local.toString());
                ShownByTheApplication recorded = context.getBean(ShownByTheApplication.class);
                assertThat(recorded.observations()).isNotEmpty();
                assertThat(recorded.events()).anyMatch(event -> event.contains("McpListChangedEvent"));
                shown.addAll(recorded.texts());
            }
            sessionIds = server.requests().stream().map(r -> r.header("Mcp-Session-Id")).filter(Objects::nonNull)
                    .distinct().toList();
        }
        // The log of this application, less the lines of the server it runs for the test (the Java SDK's).
        output.getAll().lines().filter(line -> !PEER_LOGGERS.matcher(line).find()).forEach(shown::add);

        // What is shown was looked at: a session was used, the library logged at TRACE.
        assertThat(sessionIds).isNotEmpty();
        assertThat(output.getAll()).contains("MCP server 'down' at http://******@127.0.0.1:9/mcp?****** is not reachable yet")
                .contains("TRACE");
        for (String text : shown) {
            assertThat(text).doesNotContain(HEADER_SECRET).doesNotContain(ENV_SECRET);
            for (String sessionId : sessionIds) {
                // Not the id of a request of the server's either, which the Java SDK makes of its session id and a number.
                assertThat(text).as("a session id is shown")
                        .doesNotContainPattern(Pattern.quote(sessionId) + "(?!-\\d)");
            }
        }
        // What the starter shows has the URL redacted. (The core's own DEBUG lines still show the full URL.)
        assertThat(output.getAll().lines().filter(line -> line.contains("McpClientLifecycle")))
                .isNotEmpty().noneMatch(line -> line.contains(PASSWORD) || line.contains(TOKEN));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(ShownByTheApplication.Recording.class)
    static class App {

        final CountDownLatch listChanged = new CountDownLatch(1);

        @EventListener
        void on(McpListChangedEvent event) {
            listChanged.countDown();
        }
    }
}
