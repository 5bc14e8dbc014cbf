package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.ReactiveMcpClient;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.testing.SdkServer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.IndicatedHealthDescriptor;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter in a whole application (every auto-configuration on the classpath, Actuator included)
 * against two servers of the official Java SDK.
 */
@SpringBootTest(properties = { "spring.main.web-application-type=none",
        "management.endpoint.health.show-details=always", "spring.application.name=starter-test" })
class McpClientApplicationTests {

    static final SdkServer weatherServer = SdkServer.streamableHttp();
    static final SdkServer calendarServer = SdkServer.streamableHttp();

    @DynamicPropertySource
    static void servers(DynamicPropertyRegistry registry) {
        registry.add("mcp.client.servers.weather.url", weatherServer::url);
        registry.add("mcp.client.servers.weather.request-timeout", () -> "10s");
        registry.add("mcp.client.servers.calendar.url", calendarServer::url);
    }

    @AfterAll
    static void stopServers() {
        weatherServer.close();
        calendarServer.close();
    }

    @Autowired
    @Qualifier("weather")
    McpClient weather;

    @Autowired
    @Qualifier("calendar")
    McpClient calendar;

    @Autowired
    @Qualifier("calendar")
    ReactiveMcpClient reactiveCalendar;

    @Autowired
    McpClient weatherMcpClient;

    @Autowired
    McpClientRegistry registry;

    @Autowired
    HealthEndpoint health;

    @Autowired
    CallRecorder recorder;

    private static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    @Test
    void clientsAreInjectedByQualifierAndByBeanName() {
        assertThat(weather).isNotSameAs(calendar).isSameAs(weatherMcpClient).isSameAs(registry.client("weather"));
        assertThat(reactiveCalendar).isSameAs(calendar.reactive());
        assertThat(registry.names()).containsExactly("weather", "calendar");
    }

    @Test
    void callsReachTheirOwnServer() {
        assertThat(text(weather.callTool("add", Map.of("a", 2, "b", 3)))).isEqualTo("5");
        assertThat(text(reactiveCalendar.callTool("echo", Map.of("text", "reactive")).block(Duration.ofSeconds(10))))
                .isEqualTo("reactive");
        assertThat(text(calendar.callTool("whoami", Map.of()))).startsWith("starter-test ");
        assertThat(weatherServer.requests("POST")).isNotEmpty();
        assertThat(calendarServer.requests("POST")).isNotEmpty();
    }

    @Test
    void healthIsUpWithTheSessionsDetails() {
        await().atMost(Duration.ofSeconds(10)).until(() -> weather.status().backgroundStreamOpen());
        IndicatedHealthDescriptor descriptor = (IndicatedHealthDescriptor) health.healthForPath("mcp", "weather");
        assertThat(descriptor.getStatus()).isEqualTo(Status.UP);
        assertThat(descriptor.getDetails()).containsEntry("url", weatherServer.url())
                .containsEntry("server", "sdk-test-server 2.1.0").containsEntry("protocolVersion", "2025-11-25")
                .containsEntry("session", true).containsEntry("backgroundStream", true)
                .containsEntry("callsInFlight", 0);
        assertThat(health.healthForPath("mcp").getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void everyCallIsObserved() {
        weather.listTools(); // the tool list (cached) that tool results are checked against
        recorder.calls.clear();
        weather.callTool("echo", Map.of("text", "one"));
        weather.callTool("fail", Map.of());
        calendar.listTools(null, CallOptions.defaults()); // a page by cursor is never served from the cache

        assertThat(recorder.calls).containsExactly("weather tools/call echo SUCCESS", "weather tools/call fail TOOL_ERROR",
                "calendar tools/list null SUCCESS");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {

        @Bean
        CallRecorder callRecorder() {
            return new CallRecorder();
        }
    }

    /** An observation handler of the application: sees every MCP call that ends (health pings aside). */
    static class CallRecorder implements ObservationHandler<dev.mcpclient.boot.autoconfigure.observation.McpClientObservationContext> {

        final List<String> calls = new CopyOnWriteArrayList<>();

        @Override
        public void onStop(dev.mcpclient.boot.autoconfigure.observation.McpClientObservationContext context) {
            if (!"ping".equals(context.getCall().method())) {
                calls.add(context.getServer() + " " + context.getCall().method() + " " + context.getCall().target() + " "
                        + context.getOutcome());
            }
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return context instanceof dev.mcpclient.boot.autoconfigure.observation.McpClientObservationContext;
        }
    }
}
