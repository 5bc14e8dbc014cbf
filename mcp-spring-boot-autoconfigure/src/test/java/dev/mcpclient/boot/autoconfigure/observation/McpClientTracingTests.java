package dev.mcpclient.boot.autoconfigure.observation;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpClient;
import dev.mcpclient.boot.autoconfigure.McpClientAutoConfiguration;
import dev.mcpclient.testing.SdkServer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.Tracer;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.micrometer.tracing.autoconfigure.MicrometerTracingAutoConfiguration;
import org.springframework.boot.micrometer.tracing.brave.autoconfigure.BraveAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;

/** With tracing, the caller's trace goes out on the HTTP requests of its MCP calls (W3C traceparent). */
class McpClientTracingTests {

    @Test
    void theTraceContextTravelsOnTheRequests() {
        try (SdkServer server = SdkServer.streamableHttp()) {
            new ApplicationContextRunner()
                    .withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class,
                            MicrometerTracingAutoConfiguration.class, BraveAutoConfiguration.class,
                            WebClientAutoConfiguration.class, WebClientObservationAutoConfiguration.class,
                            McpClientAutoConfiguration.class, McpClientObservationAutoConfiguration.class))
                    .withPropertyValues("mcp.client.servers.weather.url=" + server.url(),
                            "management.tracing.sampling.probability=1.0")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        McpClient client = context.getBean(McpClient.class);
                        Tracer tracer = context.getBean(Tracer.class);
                        AtomicReference<String> traceId = new AtomicReference<>();
                        Observation.createNotStarted("caller", context.getBean(ObservationRegistry.class)).observe(() -> {
                            traceId.set(tracer.currentSpan().context().traceId());
                            client.callTool("echo", Map.of("text", "traced"));
                        });

                        assertThat(traceId.get()).isNotBlank();
                        assertThat(server.requests("POST")).filteredOn(r -> r.header("traceparent") != null)
                                .anySatisfy(r -> assertThat(r.header("traceparent")).startsWith("00-" + traceId.get() + "-"));
                    });
        }
    }
}
