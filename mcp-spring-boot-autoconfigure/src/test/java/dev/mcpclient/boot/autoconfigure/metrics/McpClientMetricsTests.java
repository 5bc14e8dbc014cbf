package dev.mcpclient.boot.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpclient.McpClient;
import dev.mcpclient.boot.autoconfigure.McpClientAutoConfiguration;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import dev.mcpclient.boot.autoconfigure.McpServerProperties;
import dev.mcpclient.boot.autoconfigure.observation.McpClientObservationAutoConfiguration;
import dev.mcpclient.testing.SdkServer;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The meters of every server: calls in flight, reconnects, dropped responses, and the calls' timer. */
class McpClientMetricsTests {

    private SdkServer server;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class, McpClientMetricsAutoConfiguration.class,
                    MetricsAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class));

    @BeforeEach
    void startServer() {
        server = SdkServer.streamableHttp();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void callsInFlightFollowTheCalls() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + server.url()).run(context -> {
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            McpClient client = context.getBean(McpClient.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.status().initialized());
            assertThat(meters.get("mcp.client.calls.in.flight").tag("server", "weather").gauge().value()).isZero();

            CompletableFuture<?> waiting = client.reactive().callTool("wait", Map.of()).toFuture();
            await().atMost(Duration.ofSeconds(10)).until(
                    () -> meters.get("mcp.client.calls.in.flight").tag("server", "weather").gauge().value() == 1);
            server.finishWaitingTools();
            assertThat(waiting).succeedsWithin(Duration.ofSeconds(10));
            assertThat(meters.get("mcp.client.calls.in.flight").tag("server", "weather").gauge().value()).isZero();
            assertThat(meters.get("mcp.client.responses.dropped").tag("server", "weather").functionCounter().count())
                    .isZero();
        });
    }

    @Test
    void aServerAddedAtRunTimeGetsMetersAndARemovedOneLosesThem() {
        try (SdkServer calendar = SdkServer.streamableHttp()) {
            runner.withPropertyValues("mcp.client.servers.weather.url=" + server.url()).run(context -> {
                MeterRegistry meters = context.getBean(MeterRegistry.class);
                McpClientRegistry registry = context.getBean(McpClientRegistry.class);
                McpServerProperties properties = new McpServerProperties();
                properties.setUrl(calendar.url());
                McpClient added = registry.add("calendar", properties);

                assertThat(meters.find("mcp.client.calls.in.flight").tag("server", "calendar").gauge()).isNotNull();
                assertThat(meters.find("mcp.client.reconnects").tag("server", "calendar").functionCounter()).isNotNull();
                CompletableFuture<?> waiting = added.reactive().callTool("wait", Map.of()).toFuture();
                await().atMost(Duration.ofSeconds(10)).until(
                        () -> meters.get("mcp.client.calls.in.flight").tag("server", "calendar").gauge().value() == 1);
                calendar.finishWaitingTools();
                assertThat(waiting).succeedsWithin(Duration.ofSeconds(10));

                registry.remove("calendar");
                assertThat(meters.find("mcp.client.calls.in.flight").tag("server", "calendar").meters()).isEmpty();
                assertThat(meters.find("mcp.client.responses.dropped").tag("server", "calendar").meters()).isEmpty();
                assertThat(meters.find("mcp.client.reconnects").tag("server", "calendar").meters()).isEmpty();
                assertThat(meters.find("mcp.client.calls.in.flight").tag("server", "weather").gauge())
                        .as("the other servers' meters stay").isNotNull();
            });
        }
    }

    @Test
    void reconnectsAreCounted() {
        server.endNextBackgroundStream();
        runner.withPropertyValues("mcp.client.servers.weather.url=" + server.url(),
                "mcp.client.servers.weather.reconnect.initial-delay=20ms").run(context -> {
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    await().atMost(Duration.ofSeconds(10)).until(() -> server.requests("GET").size() == 2);
                    assertThat(meters.get("mcp.client.reconnects").tag("server", "weather").functionCounter().count())
                            .isEqualTo(1);
                });
    }

    @Test
    void callsAreTimedByTheirObservations() {
        runner.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                McpClientObservationAutoConfiguration.class))
                .withPropertyValues("mcp.client.servers.weather.url=" + server.url()).run(context -> {
                    context.getBean(McpClient.class).callTool("fail", Map.of());
                    MeterRegistry meters = context.getBean(MeterRegistry.class);
                    assertThat(meters.get("mcp.client.requests").tag("server", "weather").tag("method", "tools/call")
                            .tag("outcome", "TOOL_ERROR").tag("error", "none").timer().count()).isEqualTo(1);
                });
    }

    @Test
    void backsOffToTheApplicationsMetrics() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + server.url())
                .withBean("myMetrics", McpClientMetrics.class,
                        () -> new McpClientMetrics(new dev.mcpclient.boot.autoconfigure.McpClientRegistry(Map.of())))
                .run(context -> {
                    assertThat(context).hasSingleBean(McpClientMetrics.class).hasBean("myMetrics");
                    assertThat(context.getBean(MeterRegistry.class).find("mcp.client.calls.in.flight").gauge()).isNull();
                });
    }

    @Test
    void noMetersWithoutMicrometer() {
        runner.withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader(MeterRegistry.class))
                .withPropertyValues("mcp.client.servers.weather.url=" + server.url())
                .run(context -> assertThat(context).doesNotHaveBean(McpClientMetrics.class));
    }

    @Test
    void noMetersWithoutAMeterRegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class, McpClientMetricsAutoConfiguration.class))
                .withPropertyValues("mcp.client.servers.weather.url=" + server.url())
                .run(context -> assertThat(context).doesNotHaveBean(McpClientMetrics.class));
    }
}
