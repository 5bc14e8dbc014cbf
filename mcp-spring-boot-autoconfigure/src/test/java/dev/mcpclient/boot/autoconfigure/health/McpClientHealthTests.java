package dev.mcpclient.boot.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.boot.autoconfigure.McpClientAutoConfiguration;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import dev.mcpclient.boot.autoconfigure.McpServerProperties;
import dev.mcpclient.boot.autoconfigure.ModernMcpServer;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.testing.SdkServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** One health indicator per server, what it reports, and when it exists. */
class McpClientHealthTests {

    private static final String NOWHERE = "http://127.0.0.1:9/mcp";
    private static SdkServer server;

    private final ApplicationContextRunner runner = new ApplicationContextRunner().withConfiguration(
            AutoConfigurations.of(McpClientAutoConfiguration.class, McpClientHealthContributorAutoConfiguration.class));

    @BeforeAll
    static void startServer() {
        server = SdkServer.streamableHttp();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    private static Health health(AssertableApplicationContext context, String server) {
        CompositeHealthContributor mcp = context.getBean("mcpHealthContributor", CompositeHealthContributor.class);
        return ((HealthIndicator) mcp.getContributor(server)).health();
    }

    @Test
    void oneIndicatorPerServer() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + NOWHERE, "mcp.client.servers.calendar.url=" + NOWHERE)
                .run(context -> {
                    CompositeHealthContributor mcp = context.getBean("mcpHealthContributor", CompositeHealthContributor.class);
                    assertThat(mcp.stream()).extracting(entry -> entry.name()).containsExactly("weather", "calendar");
                    assertThat(mcp.getContributor("weather")).isInstanceOf(McpClientHealthIndicator.class);
                });
    }

    @Test
    void upWithTheSessionsDetails() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + server.url()).run(context -> {
            // The background stream opens after the session, and reconnects when the server ends it: the
            // details say so while it is open.
            Health health = await().atMost(Duration.ofSeconds(10))
                    .until(() -> health(context, "weather"), h -> Boolean.TRUE.equals(h.getDetails().get("backgroundStream")));
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("url", server.url())
                    .containsEntry("server", "sdk-test-server 2.1.0")
                    .containsEntry("protocolVersion", "2025-11-25")
                    .containsEntry("era", "legacy")
                    .containsEntry("session", true)
                    .containsEntry("backgroundStream", true)
                    .containsEntry("callsInFlight", 0)
                    .doesNotContainKeys("error", "lastError");
        });
    }

    @Test
    void upWithTheEraAndRevisionOfAModernServer() {
        try (ModernMcpServer modern = ModernMcpServer.start()) {
            runner.withPropertyValues("mcp.client.servers.weather.url=" + modern.url()).run(context -> {
                Health health = health(context, "weather");
                assertThat(health.getStatus()).isEqualTo(Status.UP);
                assertThat(health.getDetails()).containsEntry("url", modern.url())
                        .containsEntry("server", ModernMcpServer.NAME + " " + ModernMcpServer.VERSION)
                        .containsEntry("protocolVersion", "2026-07-28")
                        .containsEntry("era", "modern")
                        .containsEntry("session", false)
                        .containsEntry("callsInFlight", 0)
                        .doesNotContainKeys("error", "lastError");
            });
            assertThat(modern.methods()).as("the check of a modern server is a server/discover").contains("server/discover")
                    .doesNotContain("ping", "initialize");
        }
    }

    @Test
    void aPinnedRevisionShowsWithItsEra() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + server.url(),
                "mcp.client.servers.weather.protocol-version=2025-06-18").run(context -> {
                    Health health = health(context, "weather");
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("protocolVersion", "2025-06-18")
                            .containsEntry("era", "legacy")
                            .doesNotContainKeys("error", "lastError");
                });
    }

    @Test
    void theCallsInFlightAreCounted() {
        try (SdkServer own = SdkServer.streamableHttp()) {
            runner.withPropertyValues("mcp.client.servers.weather.url=" + own.url()).run(context -> {
                McpClient client = context.getBean(McpClient.class);
                var waiting = client.reactive().callTool("wait", Map.of()).toFuture();
                await().atMost(Duration.ofSeconds(10)).until(() -> client.status().callsInFlight() == 1);
                assertThat(health(context, "weather").getDetails()).containsEntry("callsInFlight", 1);
                own.finishWaitingTools();
                assertThat(waiting).succeedsWithin(Duration.ofSeconds(10));
            });
        }
    }

    @Test
    void downWithTheErrorWhenTheServerCannotBeReached() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + NOWHERE).run(context -> {
            Health health = health(context, "weather");
            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
            assertThat(health.getDetails()).containsEntry("url", NOWHERE).containsEntry("session", false)
                    .containsEntry("backgroundStream", false).doesNotContainKeys("protocolVersion", "era");
            assertThat((String) health.getDetails().get("error")).startsWith("McpTransportException")
                    .contains("Connection refused");
            assertThat((String) health.getDetails().get("lastError")).contains("Connection refused");
        });
    }

    @Test
    void downWhenTheServerDoesNotAnswerInTime() {
        try (SdkServer slow = SdkServer.streamableHttp()) {
            runner.withPropertyValues("mcp.client.servers.weather.url=" + slow.url(), "management.health.mcp.timeout=300ms")
                    .run(context -> {
                        McpClient client = context.getBean(McpClient.class);
                        await().atMost(Duration.ofSeconds(10)).until(() -> client.status().initialized());
                        slow.holdRequests();
                        Health health = health(context, "weather");
                        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                        assertThat((String) health.getDetails().get("error")).isEqualTo(
                                "McpTimeoutException: ping timed out after 300 ms");
                        slow.releaseRequests();
                    });
        }
    }

    @Test
    void aCheckWaitsNoLongerThanItsTimeoutForAServerThatNeverAnswers() throws IOException {
        // Accepts connections and never answers: connecting waits for the handshake's timeouts, the check must not.
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept());
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-server");
            acceptor.setDaemon(true);
            acceptor.start();
            runner.withPropertyValues("mcp.client.servers.weather.url=http://127.0.0.1:" + silent.getLocalPort() + "/mcp",
                    "mcp.client.servers.weather.initialize-timeout=3s", "management.health.mcp.timeout=300ms")
                    .run(context -> {
                        long started = System.nanoTime();
                        Health health = health(context, "weather");
                        Duration took = Duration.ofNanos(System.nanoTime() - started);
                        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                        assertThat(took).as("management.health.mcp.timeout bounds connecting too").isLessThan(
                                Duration.ofSeconds(2));
                    });
        } finally {
            for (Socket socket : accepted) {
                socket.close();
            }
        }
    }

    @Test
    void theApplicationStartsWithTheServerDownAndRecoversWhenItComesUp() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "http://127.0.0.1:" + port + "/mcp";
        runner.withPropertyValues("mcp.client.servers.weather.url=" + url,
                "mcp.client.servers.weather.reconnect.initial-delay=50ms",
                "mcp.client.servers.weather.reconnect.max-delay=200ms").run(context -> {
                    assertThat(context).hasNotFailed();
                    McpClient client = context.getBean(McpClient.class);
                    assertThat(health(context, "weather").getStatus()).isEqualTo(Status.DOWN);
                    assertThatExceptionOfType(McpTransportException.class)
                            .isThrownBy(() -> client.callTool("echo", Map.of("text", "too early")))
                            // The era probe on a first contact; the handshake when the endpoint is remembered as legacy.
                            .withMessageMatching("POST (server/discover|initialize) .*").withMessageContaining(url)
                            .withMessageContaining("Connection refused");

                    try (SdkServer late = SdkServer.streamableHttp(port)) {
                        // Connected in the background: no call, no health check needed.
                        await().atMost(Duration.ofSeconds(10)).until(() -> client.status().initialized());
                        assertThat(health(context, "weather").getStatus()).isEqualTo(Status.UP);
                        assertThat(((TextContent) client.callTool("echo", Map.of("text", "now")).content().get(0)).text())
                                .isEqualTo("now");
                        assertThat(late.requests("POST")).isNotEmpty();
                    }
                });
    }

    @Test
    void detailsNeverShowSecrets() {
        String url = server.url().replace("127.0.0.1", "user:hunter2@127.0.0.1") + "?token=abc123";
        runner.withPropertyValues("mcp.client.servers.weather.url=" + url,
                "mcp.client.servers.weather.headers.X-Api-Key=s3cr3t-value").run(context -> {
                    Health health = health(context, "weather");
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails().get("url")).isEqualTo(
                            server.url().replace("127.0.0.1", "******@127.0.0.1") + "?******");
                    assertThat(health.toString()).doesNotContain("s3cr3t-value").doesNotContain("hunter2")
                            .doesNotContain("abc123");
                });
    }

    @Test
    void switchedOffByProperty() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + NOWHERE, "management.health.mcp.enabled=false")
                .run(context -> assertThat(context).doesNotHaveBean("mcpHealthContributor"));
    }

    @Test
    void backsOffToTheApplicationsIndicator() {
        HealthIndicator own = () -> Health.up().build();
        runner.withPropertyValues("mcp.client.servers.weather.url=" + NOWHERE)
                .withBean("mcpHealthIndicator", HealthIndicator.class, () -> own)
                .run(context -> assertThat(context).doesNotHaveBean("mcpHealthContributor")
                        .getBean("mcpHealthIndicator").isSameAs(own));
    }

    @Test
    void absentWithoutHealthSupport() {
        runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .withPropertyValues("mcp.client.servers.weather.url=" + NOWHERE)
                .run(context -> assertThat(context).doesNotHaveBean("mcpHealthContributor"));
    }

    @Test
    void presentAndEmptyWithoutServersSoThatServersAddedLaterShow() {
        runner.run(context -> {
            CompositeHealthContributor mcp = context.getBean("mcpHealthContributor", CompositeHealthContributor.class);
            assertThat(mcp.stream()).isEmpty();
            assertThat(mcp.getContributor("weather")).isNull();
        });
    }

    @Test
    void followsTheServersAddedAndRemovedAtRunTime() {
        runner.withConfiguration(AutoConfigurations.of(HealthContributorRegistryAutoConfiguration.class,
                HealthEndpointAutoConfiguration.class))
                .withPropertyValues("mcp.client.servers.weather.url=" + NOWHERE,
                        "management.endpoint.health.show-details=always")
                .run(context -> {
                    McpClientRegistry registry = context.getBean(McpClientRegistry.class);
                    HealthEndpoint endpoint = context.getBean(HealthEndpoint.class);
                    assertThat(endpoint.healthForPath("mcp", "calendar")).isNull();

                    McpServerProperties calendar = new McpServerProperties();
                    calendar.setUrl(server.url());
                    registry.add("calendar", calendar);
                    CompositeHealthContributor mcp = context.getBean("mcpHealthContributor", CompositeHealthContributor.class);
                    assertThat(mcp.stream()).extracting(entry -> entry.name()).containsExactly("weather", "calendar");
                    Health health = health(context, "calendar");
                    assertThat(health.getStatus()).isEqualTo(Status.UP);
                    assertThat(health.getDetails()).containsEntry("url", server.url());
                    assertThat(endpoint.healthForPath("mcp", "calendar").getStatus()).isEqualTo(Status.UP);

                    registry.remove("calendar");
                    assertThat(mcp.stream()).extracting(entry -> entry.name()).containsExactly("weather");
                    assertThat(mcp.getContributor("calendar")).isNull();
                    assertThat(endpoint.healthForPath("mcp", "calendar")).isNull();
                });
    }
}
