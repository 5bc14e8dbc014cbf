package dev.mcpclient.transport.http;

import static dev.mcpclient.support.Calls.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.schema.Tool;
import dev.mcpclient.support.LogCapture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testing.SdkServer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The HTTP+SSE transport (2024-11-05) against the official Java SDK's server of that transport ({@link SdkServer#sse()}). */
class LegacySseTransportTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final ReconnectPolicy FAST = new ReconnectPolicy(Duration.ofMillis(10), Duration.ofMillis(100), 5);

    /** The SDK server logs what it does not like (our client's newer protocol version, streams it ends): the peer's concern. */
    @RegisterExtension
    static final Watchdog watchdog = new Watchdog().toleratingWarnings("io.modelcontextprotocol", "");
    private SdkServer server;

    @BeforeEach
    void start() {
        server = SdkServer.sse();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void initializesListsAndCallsToolsOverTheEventStream() {
        try (McpClient client = McpClient.sse(server.url()).requestTimeout(WAIT).build()) {
            InitializeResult init = client.initialize();
            assertThat(init.protocolVersion()).isEqualTo(ProtocolVersions.V2024_11_05);
            assertThat(init.serverInfo().name()).isEqualTo("sdk-test-server");
            assertThat(client.listTools().tools()).extracting(Tool::name).containsExactlyInAnyOrderElementsOf(SdkServer.TOOLS);
            assertThat(text(client.callTool("echo", Map.of("text", "hi")))).isEqualTo("hi");
            assertThat(text(client.callTool("add", Map.of("a", 2, "b", 3)))).isEqualTo("5");
            client.ping();
            assertThat(client.status().sessionActive()).isTrue();
            assertThat(client.status().backgroundStreamOpen()).isTrue();
        }
        // One stream; every message POSTed to the endpoint the server named (a relative URI).
        assertThat(server.requests("GET")).hasSize(1);
        assertThat(server.requests()).filteredOn(r -> r.method().equals("POST"))
                .allSatisfy(r -> assertThat(r.uri()).startsWith("/mcp/message?sessionId="));
    }

    @Test
    void aDroppedStreamFailsThePendingCallAtOnceAndTheNextCallRunsOnANewSession() throws InterruptedException {
        try (LogCapture log = LogCapture.of(LegacySseTransport.class);
                McpClient client = McpClient.builder(LegacySseTransport.builder(server.url()).reconnect(FAST)).requestTimeout(Duration.ofMinutes(5))
                        .build()) {
            assertThat(text(client.callTool("echo", Map.of("text", "before")))).isEqualTo("before");
            AtomicReference<Throwable> failure = new AtomicReference<>();
            CountDownLatch failed = new CountDownLatch(1);
            client.reactive().callTool("wait", Map.of()).subscribe(r -> { }, e -> {
                failure.set(e);
                failed.countDown();
            });
            assertThat(server.awaitWaitingTool()).isTrue();

            server.dropStreams();

            // Far sooner than the call's five-minute timeout: its response would have come on that stream.
            assertThat(failed.await(30, TimeUnit.SECONDS)).isTrue();
            assertThat(failure.get()).isInstanceOf(McpTransportException.class)
                    .hasMessageContaining("the HTTP+SSE stream of " + server.url() + " ended");
            log.await(m -> m.contains("reopening it"), WAIT);

            // The stream is reopened with a new endpoint (a new session there): the client initializes again.
            assertThat(text(client.callTool("echo", Map.of("text", "after")))).isEqualTo("after");
            assertThat(server.requests("GET")).hasSize(2);
            assertThat(server.requests().stream().filter(r -> r.method().equals("POST"))
                    .map(r -> r.uri().substring(r.uri().indexOf('=') + 1)).distinct()).hasSize(2);
            assertThat(client.status().callsInFlight()).isZero();
        }
    }

    @Test
    void aStreamableHttpClientFallsBackToHttpSseWhenTheInitializePostIsRejected() {
        try (McpClient client = McpClient.streamableHttp(server.url()).requestTimeout(WAIT).build()) {
            InitializeResult init = client.initialize();
            assertThat(init.protocolVersion()).isEqualTo(ProtocolVersions.V2024_11_05);
            assertThat(text(client.callTool("echo", Map.of("text", "via fallback")))).isEqualTo("via fallback");
        }
        assertThat(server.requests()).first().satisfies(r -> {
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.uri()).isEqualTo("/sse");
        });
        assertThat(server.requests("GET")).hasSize(1);
    }

    @Test
    void withTheFallbackOffTheRejectedInitializeIsAClearError() {
        try (McpClient client = McpClient.builder(StreamableHttpTransport.builder(server.url()).legacySseFallback(false))
                .requestTimeout(WAIT)
                .build()) {
            assertThatThrownBy(client::initialize).isInstanceOfSatisfying(McpTransportException.class, e -> {
                assertThat(e.status()).isEqualTo(404);
                assertThat(e.getMessage()).contains("POST initialize", server.url());
            });
        }
        assertThat(server.requests("GET")).isEmpty();
    }
}
