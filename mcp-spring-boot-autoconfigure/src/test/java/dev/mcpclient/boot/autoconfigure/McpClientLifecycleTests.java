package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientClosedException;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.testing.SdkServer;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.SmartLifecycle;

/** Connecting in the background or before startup goes on, and closing on shutdown; against a real server. */
class McpClientLifecycleTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class));
    private SdkServer server;

    @BeforeEach
    void startServer() {
        server = SdkServer.streamableHttp();
    }

    @AfterEach
    void stopServer() {
        server.close();
    }

    @Test
    void startupDoesNotWaitForAServerThatIsNotRequiredAndAnEarlyCallWaitsForTheSession() throws Exception {
        server.holdRequests();
        runner.withPropertyValues("mcp.client.servers.weather.url=" + server.url()).run(context -> {
            // The context is up although the server holds the initialize request.
            McpClient client = context.getBean(McpClient.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> !server.requests("POST").isEmpty());
            assertThat(client.status().initialized()).isFalse();

            CompletableFuture<CallToolResult> early = CompletableFuture.supplyAsync(
                    () -> client.callTool("echo", Map.of("text", "early")));
            assertThat(early).isNotDone();
            server.releaseRequests();

            assertThat(McpClientAutoConfigurationTests.text(early.get(10, TimeUnit.SECONDS))).isEqualTo("early");
            assertThat(client.status().initialized()).isTrue();
        });
    }

    @Test
    void aServerThatIsNotRequiredIsConnectedWithoutAnyCall() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + server.url()).run(context -> {
            McpClient client = context.getBean(McpClient.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.status().initialized());
            assertThat(client.initializeResult().serverInfo().name()).isEqualTo("sdk-test-server");
        });
    }

    @Test
    void aRequiredServerIsConnectedBeforeStartupGoesOn() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + server.url(), "mcp.client.servers.weather.required=true")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(McpClient.class).status().initialized()).isTrue();
                });
    }

    @Test
    void aRequiredServerThatIsDownFailsStartup() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + McpClientAutoConfigurationTests.NOWHERE,
                "mcp.client.servers.weather.required=true").run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("Connection refused");
                    var analysis = new McpServerUnavailableFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription()).contains(
                            "the required MCP server 'weather' at http://127.0.0.1:9/mcp could not be connected");
                    assertThat(analysis.getAction()).contains("mcp.client.servers.weather.required=false");
                });
    }

    @Test
    void shutdownEndsTheSessionWithDeleteInTheShutdownPhase() {
        AtomicReference<String> session = new AtomicReference<>();
        AtomicReference<Integer> deletesWhenALaterPhaseStopped = new AtomicReference<>();
        runner.withPropertyValues("mcp.client.servers.weather.url=" + server.url())
                .withBean(LaterPhase.class, () -> new LaterPhase(
                        () -> deletesWhenALaterPhaseStopped.set(server.requests("DELETE").size())))
                .run(context -> {
            McpClient client = context.getBean(McpClient.class);
            await().atMost(Duration.ofSeconds(10)).until(() -> client.status().initialized());
            // The first POST on the session (an era probe and initialize come before it, without one).
            session.set(server.requests("POST").stream().map(r -> r.header("Mcp-Session-Id")).filter(Objects::nonNull)
                    .findFirst().orElse(null));
            assertThat(server.requests("DELETE")).isEmpty();
        });
        assertThat(session.get()).isNotNull();
        assertThat(deletesWhenALaterPhaseStopped).hasValue(1);
        assertThat(server.requests("DELETE")).singleElement()
                .satisfies(delete -> assertThat(delete.header("Mcp-Session-Id")).isEqualTo(session.get()));
    }

    @Test
    void shutdownFailsTheCallsStillInFlight() {
        AtomicReference<CompletableFuture<CallToolResult>> inFlight = new AtomicReference<>();
        runner.withPropertyValues("mcp.client.servers.weather.url=" + server.url()).run(context -> {
            McpClient client = context.getBean(McpClient.class);
            inFlight.set(client.reactive().callTool("wait", Map.of()).toFuture());
            await().atMost(Duration.ofSeconds(10)).until(() -> client.status().callsInFlight() == 1);
            assertThat(server.awaitWaitingTool()).as("the call reached the server").isTrue();
        });
        assertThat(inFlight.get()).failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .havingCause().isInstanceOf(McpClientClosedException.class);
        assertThat(server.requests("DELETE")).hasSize(1);
    }

    /** Stops after the clients (a lower phase) and records what the server saw by then. */
    static final class LaterPhase implements SmartLifecycle {

        private final Runnable onStop;
        private volatile boolean running;

        LaterPhase(Runnable onStop) {
            this.onStop = onStop;
        }

        @Override
        public void start() {
            running = true;
        }

        @Override
        public void stop() {
            onStop.run();
            running = false;
        }

        @Override
        public boolean isRunning() {
            return running;
        }

        @Override
        public int getPhase() {
            return McpClientLifecycle.PHASE - 1;
        }
    }
}
