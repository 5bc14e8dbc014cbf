package dev.mcpclient.boot.autoconfigure.observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import static org.awaitility.Awaitility.await;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpCallInterceptor;
import dev.mcpclient.McpClient;
import dev.mcpclient.McpErrorException;
import dev.mcpclient.McpTimeoutException;
import dev.mcpclient.boot.autoconfigure.McpClientAutoConfiguration;
import dev.mcpclient.boot.autoconfigure.McpClientCustomizer;
import dev.mcpclient.boot.autoconfigure.ModernMcpServer;
import dev.mcpclient.testing.SdkServer;
import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.tck.TestObservationRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.boot.webclient.autoconfigure.WebClientObservationAutoConfiguration;
import org.springframework.web.reactive.function.client.ClientRequestObservationContext;
import reactor.core.publisher.Mono;

/** One observation per call: its keys, its outcome, its parent, and the HTTP exchanges under it. */
class McpClientObservationTests {

    private static SdkServer server;

    private final Recorder recorder = new Recorder();
    private final TestObservationRegistry registry = TestObservationRegistry.create();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class, McpClientObservationAutoConfiguration.class))
            .withBean(TestObservationRegistry.class, () -> {
                registry.observationConfig().observationHandler(recorder);
                return registry;
            })
            .withPropertyValues("mcp.client.servers.weather.url=" + server.url());

    @BeforeAll
    static void startServer() {
        server = SdkServer.streamableHttp();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    /** Keeps every observation context that stopped. */
    static final class Recorder implements ObservationHandler<Observation.Context> {

        final List<Observation.Context> stopped = new CopyOnWriteArrayList<>();
        /** The protocol revision of each MCP call as it started, by context. */
        final Map<Observation.Context, String> revisionAtStart = new ConcurrentHashMap<>();

        @Override
        public void onStart(Observation.Context context) {
            if (context instanceof McpClientObservationContext call) {
                revisionAtStart.put(call, String.valueOf(call.getProtocolVersion()));
            }
        }

        @Override
        public void onStop(Observation.Context context) {
            stopped.add(context);
        }

        @Override
        public boolean supportsContext(Observation.Context context) {
            return true;
        }

        List<McpClientObservationContext> calls(String method) {
            return stopped.stream().filter(McpClientObservationContext.class::isInstance)
                    .map(McpClientObservationContext.class::cast)
                    .filter(c -> c.getCall().method().equals(method)).toList();
        }
    }

    private static String low(Observation.Context context, String key) {
        KeyValue value = context.getLowCardinalityKeyValue(key);
        return value == null ? null : value.getValue();
    }

    @Test
    void everyCallIsObservedWithServerMethodOutcomeAndTool() {
        runner.run(context -> {
            McpClient client = context.getBean(McpClient.class);
            client.callTool("echo", Map.of("text", "x"));
            client.listTools();

            assertThat(recorder.calls("tools/call")).singleElement().satisfies(call -> {
                assertThat(call.getName()).isEqualTo("mcp.client.requests");
                assertThat(call.getContextualName()).isEqualTo("tools/call echo");
                assertThat(low(call, "server")).isEqualTo("weather");
                assertThat(low(call, "method")).isEqualTo("tools/call");
                assertThat(low(call, "outcome")).isEqualTo("SUCCESS");
                assertThat(low(call, "mcp.protocol.version")).isEqualTo("2025-11-25");
                assertThat(call.getHighCardinalityKeyValue("tool").getValue()).isEqualTo("echo");
                assertThat(call.getLowCardinalityKeyValue("tool")).isNull();
                assertThat(call.getError()).isNull();
            });
            assertThat(recorder.calls("tools/list")).singleElement().satisfies(list -> {
                assertThat(list.getContextualName()).isEqualTo("tools/list");
                assertThat(list.getHighCardinalityKeyValue("tool")).isNull();
            });
            assertThat(registry).doesNotHaveAnyRemainingCurrentObservation();
        });
    }

    @Test
    void theRevisionIsTheOneSpokenWithTheServer() {
        try (ModernMcpServer modern = ModernMcpServer.start()) {
            runner.withPropertyValues("mcp.client.servers.weather.url=" + modern.url()).run(context -> {
                context.getBean(McpClient.class).callTool("echo", Map.of("text", "x"));

                assertThat(recorder.calls("tools/call")).singleElement().satisfies(call -> {
                    assertThat(low(call, "mcp.protocol.version")).isEqualTo("2026-07-28");
                    assertThat(call.getProtocolVersion()).isEqualTo("2026-07-28");
                });
            });
        }
        runner.withPropertyValues("mcp.client.servers.weather.protocol-version=2025-06-18").run(context -> {
            context.getBean(McpClient.class).callTool("echo", Map.of("text", "x"));

            assertThat(recorder.calls("tools/call")).last()
                    .satisfies(call -> assertThat(low(call, "mcp.protocol.version")).isEqualTo("2025-06-18"));
        });
    }

    @Test
    void aCallThatConnectsTheClientEndsWithTheRevisionItFound() {
        try (SdkServer held = SdkServer.streamableHttp()) {
            held.holdRequests();
            runner.withPropertyValues("mcp.client.servers.weather.url=" + held.url()).run(context -> {
                McpClient client = context.getBean(McpClient.class);
                var call = client.reactive().callTool("echo", Map.of("text", "x")).toFuture();
                await().atMost(Duration.ofSeconds(10)).until(() -> !recorder.revisionAtStart.isEmpty());
                held.releaseRequests();
                assertThat(call).succeedsWithin(Duration.ofSeconds(10));

                McpClientObservationContext observed = recorder.calls("tools/call").get(0);
                assertThat(recorder.revisionAtStart).containsEntry(observed, "null");
                assertThat(low(observed, "mcp.protocol.version")).isEqualTo("2025-11-25");
            });
        }
    }

    @Test
    void theRevisionIsUnknownWhileTheClientCannotConnect() {
        runner.withPropertyValues("mcp.client.servers.weather.url=http://127.0.0.1:9/mcp").run(context -> {
            assertThatException().isThrownBy(() -> context.getBean(McpClient.class).callTool("echo", Map.of("text", "x")));

            assertThat(recorder.calls("tools/call")).singleElement().satisfies(call -> {
                assertThat(low(call, "outcome")).isEqualTo("FAILURE");
                assertThat(low(call, "mcp.protocol.version")).isEqualTo("unknown");
            });
        });
    }

    @Test
    void anInterceptorBuiltWithoutTheClientsRevisionSaysUnknown() {
        ObservationMcpCallInterceptor interceptor = new ObservationMcpCallInterceptor(registry, "weather", null);
        registry.observationConfig().observationHandler(recorder);
        interceptor.intercept(new McpCallInterceptor.McpCall("ping", null), Mono.just("pong")).block();

        assertThat(recorder.calls("ping")).singleElement()
                .satisfies(call -> assertThat(low(call, "mcp.protocol.version")).isEqualTo("unknown"));
    }

    @Test
    void theOutcomeSaysHowTheCallEnded() {
        runner.run(context -> {
            McpClient client = context.getBean(McpClient.class);
            client.callTool("fail", Map.of());
            assertThatException().isThrownBy(() -> client.request("no/such/method", null, CallOptions.defaults()))
                    .isInstanceOf(McpErrorException.class);
            assertThatException().isThrownBy(() -> client.callTool("wait", Map.of(),
                    CallOptions.withTimeout(Duration.ofMillis(300)))).isInstanceOf(McpTimeoutException.class);
            // The same tool error through the untyped request: a JSON tree, not a CallToolResult.
            client.request("tools/call", Map.of("name", "fail", "arguments", Map.of()), CallOptions.defaults());

            assertThat(recorder.calls("tools/call")).extracting(c -> low(c, "outcome"))
                    .containsExactly("TOOL_ERROR", "TIMEOUT", "TOOL_ERROR");
            assertThat(recorder.calls("tools/call").get(1).getError()).isInstanceOf(McpTimeoutException.class);
            assertThat(recorder.calls("no/such/method")).singleElement().satisfies(call -> {
                assertThat(low(call, "outcome")).isEqualTo("ERROR");
                assertThat(call.getError()).isInstanceOf(McpErrorException.class);
            });
        });
    }

    @Test
    void theCallersObservationIsTheParent() {
        runner.run(context -> {
            McpClient client = context.getBean(McpClient.class);
            Observation caller = Observation.createNotStarted("caller", registry);
            caller.observe(() -> client.callTool("echo", Map.of("text", "x")));

            assertThat(recorder.calls("tools/call")).singleElement()
                    .satisfies(call -> assertThat(call.getParentObservation()).isSameAs(caller));
        });
    }

    @Test
    void theHttpExchangesOfACallAreItsChildren() {
        runner.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class,
                WebClientObservationAutoConfiguration.class)).run(context -> {
                    context.getBean(McpClient.class).callTool("echo", Map.of("text", "x"));

                    McpClientObservationContext call = recorder.calls("tools/call").get(0);
                    List<ClientRequestObservationContext> exchanges = recorder.stopped.stream()
                            .filter(ClientRequestObservationContext.class::isInstance)
                            .map(ClientRequestObservationContext.class::cast)
                            .filter(c -> c.getParentObservation() != null
                                    && c.getParentObservation().getContextView() == call)
                            .toList();
                    assertThat(exchanges).isNotEmpty().allSatisfy(exchange -> assertThat(exchange.getName())
                            .isEqualTo("http.client.requests"));
                });
    }

    @Test
    void aConventionBeanReplacesTheDefault() {
        runner.withBean(McpClientObservationConvention.class, () -> new DefaultMcpClientObservationConvention() {
            @Override
            public String getName() {
                return "my.mcp.calls";
            }
        }).run(context -> {
            context.getBean(McpClient.class).callTool("echo", Map.of("text", "x"));
            assertThat(recorder.calls("tools/call")).singleElement()
                    .satisfies(call -> assertThat(call.getName()).isEqualTo("my.mcp.calls"));
        });
    }

    @Test
    void noObservationsWithoutARegistry() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class, McpClientObservationAutoConfiguration.class))
                .withPropertyValues("mcp.client.servers.weather.url=" + server.url())
                .run(context -> assertThat(context).doesNotHaveBean("mcpClientObservationCustomizer"));
    }

    @Test
    void noObservationsWithoutMicrometerObservation() {
        runner.withClassLoader(new org.springframework.boot.test.context.FilteredClassLoader(
                io.micrometer.observation.ObservationRegistry.class))
                .run(context -> assertThat(context).doesNotHaveBean("mcpClientObservationCustomizer"));
    }

    @Test
    void backsOffToTheApplicationsCustomizer() {
        McpClientCustomizer own = (server, builder) -> { };
        runner.withBean("mcpClientObservationCustomizer", McpClientCustomizer.class, () -> own).run(context -> {
            assertThat(context).getBean("mcpClientObservationCustomizer").isSameAs(own);
            context.getBean(McpClient.class).callTool("echo", Map.of("text", "x"));
            assertThat(recorder.calls("tools/call")).isEmpty();
        });
    }
}
