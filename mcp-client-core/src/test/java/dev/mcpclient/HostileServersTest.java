package dev.mcpclient;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static dev.mcpclient.support.Calls.failure;
import static dev.mcpclient.support.Calls.text;
import static dev.mcpclient.support.Messages.ping;
import static dev.mcpclient.support.Messages.toolResult;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.support.KnownUpstreamIssues;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.FrameSink;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.testserver.SseFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Flux;

/**
 * Hostile servers: each one is bounded by a size or a time limit and ends with a clear error, while the
 * rest of the application goes on (a client of another server keeps working, in the middle of it where
 * the hostile case lasts). The index of every hostile case and the test that covers it, here or
 * elsewhere, is the table of {@code docs/reliability.md}:
 * <ul>
 *   <li>an SSE line that never ends: {@code BadInputTest.endlessSseLineFailsTheCallLongBeforeItsTimeout};</li>
 *   <li>an event that never ends: {@code BadInputTest.sseEventOverTheLimitFailsWithProtocolExceptionAndTheSessionKeepsServing}
 *       (and on the background stream, {@code ...OnBackgroundStreamIsLoggedAndTheStreamReconnects});</li>
 *   <li>a body of a gigabyte, JSON or an event stream: {@link #aJsonBodyOfAGigabyteFailsAtTheSizeLimitAndIsNotReadFurther},
 *       {@link #anEventStreamThatNeverEndsAndNeverAnswersEndsAtTheRequestTimeout};</li>
 *   <li>a flood of notifications, or of requests: {@code InboundFloodTest};</li>
 *   <li>JSON nested 100,000 deep: {@link #jsonNested100000DeepFailsTheCallAtOnce},
 *       {@link #anEventNested100000DeepIsSkippedAndTheResponseAfterItArrives};</li>
 *   <li>invalid UTF-8: {@link #invalidUtf8InAJsonBodyFailsTheCallAtOnce},
 *       {@link #invalidUtf8InAnEventBecomesReplacementCharacters} (and {@code SseDecoderTest});</li>
 *   <li>a TLS certificate the client does not trust: {@link #aServerWhoseCertificateIsNotTrustedFailsAtOnceWithTheTlsError};</li>
 *   <li>a server that accepts the connection and never answers {@code initialize}:
 *       {@link #aServerThatAcceptsTheConnectionAndNeverAnswersFailsInitializeAtItsTimeout};</li>
 *   <li>a server that answers every request with another request:
 *       {@link #aServerThatAnswersEveryAnswerWithAnotherRequestEndsAtTheCallsTimeout},
 *       {@link #aJsonAnswerThatIsARequestInsteadOfTheResponseFailsTheCallAtOnce};</li>
 *   <li>redirects: {@code RedirectTest};</li>
 *   <li>stdio processes that flood standard error, print binary or never exit: {@code HostileProcessesTest}.</li>
 * </ul>
 */
class HostileServersTest {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int LIMIT = 1024 * 1024;
    private static final long GIGABYTE = 1024L * 1024 * 1024;

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog().toleratingDropped(KnownUpstreamIssues.SPRING_CANCEL_RACE);
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(transport -> transport.maxMessageSize(LIMIT),
            client -> client.requestTimeout(WAIT));
    @RegisterExtension
    final McpFixture healthy = McpFixture.streamableHttp(client -> client.requestTimeout(WAIT));
    private final ProgrammableMcpServer server = mcp.server();
    private final McpClient client = mcp.client();

    /** The rest of the application: a client of another server works. */
    private void theOtherServerWorks() {
        assertThat(text(healthy.client().callTool("echo", Map.of("still", "fine")))).isEqualTo("{\"still\":\"fine\"}");
    }

    private CompletableFuture<CallToolResult> callAsync(McpClient c) {
        return c.reactive().callTool("echo", Map.of()).toFuture();
    }

    /** A client of the hostile server that waits only a second for each request. */
    private McpClient impatient() {
        McpClient c = mcp.client(options -> options.requestTimeout(Duration.ofSeconds(1)));
        c.initialize();
        return c;
    }

    // ------------------------------------------------------------------ size

    @Test
    void aJsonBodyOfAGigabyteFailsAtTheSizeLimitAndIsNotReadFurther() {
        String chunk = "x".repeat(64 * 1024);
        AtomicLong written = new AtomicLong();
        // Made as it is written (the server writes while the connection takes it): nothing holds a gigabyte.
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.concat(
                        Flux.just(SseFrame.raw("{\"jsonrpc\":\"2.0\",\"id\":" + req.id().toJson()
                                + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"")),
                        Flux.range(0, (int) (GIGABYTE / chunk.length())).map(i -> {
                            written.addAndGet(chunk.length());
                            return SseFrame.raw(chunk);
                        })))
                .header("Content-Type", "application/json"));
        client.initialize();

        Throwable error = failure(callAsync(client));

        assertThat(error).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("is larger than the limit of " + LIMIT + " bytes");
        server.awaitPost("tools/call", WAIT).awaitClosed(WAIT);
        assertThat(written.get()).as("bytes the server wrote before the client cut the connection")
                .isLessThan(GIGABYTE / 16);
        theOtherServerWorks();
    }

    @Test
    void anEventStreamThatNeverEndsAndNeverAnswersEndsAtTheRequestTimeout() {
        SseFrame keepAlive = SseFrame.comment("keep-alive " + "z".repeat(8 * 1024));
        AtomicLong frames = new AtomicLong();
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.<SseFrame>generate(sink -> {
            frames.incrementAndGet();
            sink.next(keepAlive);
        })));
        McpClient impatient = impatient();

        CompletableFuture<CallToolResult> call = callAsync(impatient);
        server.awaitPost("tools/call", WAIT);
        theOtherServerWorks(); // while the stream pours in

        assertThat(failure(call)).isInstanceOfSatisfying(McpTimeoutException.class,
                e -> assertThat(e.timeout()).isEqualTo(Duration.ofSeconds(1)));
        server.awaitPost("tools/call", WAIT).awaitClosed(WAIT);
        assertThat(frames.get()).as("the stream was read, in constant memory, until the call gave up").isPositive();
    }

    // ------------------------------------------------------------------ malformed

    @Test
    void jsonNested100000DeepFailsTheCallAtOnce() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        server.onPost("tools/call", (req, ex) -> Reply.status(200, "application/json",
                "{\"jsonrpc\":\"2.0\",\"id\":" + req.id().toJson() + ",\"result\":" + deep + "}"));
        client.initialize();

        assertThat(failure(callAsync(client))).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("malformed JSON")
                .hasMessageContaining("nesting depth");
        theOtherServerWorks();
    }

    @Test
    void anEventNested100000DeepIsSkippedAndTheResponseAfterItArrives() {
        String deep = "[".repeat(100_000) + "]".repeat(100_000);
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.just(
                SseFrame.event("e-1", null, "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/message\",\"params\":"
                        + "{\"level\":\"info\",\"data\":" + deep + "}}"),
                SseFrame.message("e-2", toolResult(req.id(), "after the deep one")))));
        client.initialize();

        assertThat(text(client.callTool("echo", Map.of()))).isEqualTo("after the deep one");
        assertThat(watchdog.takeWarnings()).singleElement().asString()
                .contains("Skipping a bad event on the stream of tools/call", "nesting depth");
    }

    @Test
    void invalidUtf8InAJsonBodyFailsTheCallAtOnce() {
        server.onPost("tools/call", (req, ex) -> Reply.bytes(200, "application/json", concat(
                "{\"jsonrpc\":\"2.0\",\"id\":" + req.id().toJson() + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"a",
                new byte[] {(byte) 0xC3, (byte) 0x28}, "b\"}]}}")));
        client.initialize();

        assertThat(failure(callAsync(client))).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("malformed JSON")
                .hasMessageContaining("UTF-8");
        theOtherServerWorks();
    }

    @Test
    void invalidUtf8InAnEventBecomesReplacementCharacters() {
        server.onPost("tools/call", (req, ex) -> Reply.sse(Flux.just(SseFrame.bytes(concat(
                "data: {\"jsonrpc\":\"2.0\",\"id\":" + req.id().toJson()
                        + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\"a",
                new byte[] {(byte) 0xFF, (byte) 0xFE}, "b\"}]}}\n\n")))));
        client.initialize();

        // The event stream standard decodes invalid bytes as U+FFFD: the message is valid JSON and is delivered.
        assertThat(text(client.callTool("echo", Map.of()))).isEqualTo("a\uFFFD\uFFFDb");
    }

    private static byte[] concat(String before, byte[] bytes, String after) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    // ------------------------------------------------------------------ connection

    @Test
    void aServerWhoseCertificateIsNotTrustedFailsAtOnceWithTheTlsError() {
        // WireMock's own self-signed certificate, which no trust store holds. Reactor Netty reports the failed
        // handshake at WARN besides.
        watchdog.expectConnectionErrors();
        WireMockServer tls = new WireMockServer(options().bindAddress("127.0.0.1").httpDisabled(true).dynamicHttpsPort());
        tls.start();
        try (McpClient untrusting = McpClient.streamableHttp("https://127.0.0.1:" + tls.httpsPort() + "/mcp")
                .requestTimeout(WAIT).build()) {
            Throwable error = failure(untrusting.reactive().initialize().toFuture());

            assertThat(error).isInstanceOf(McpTransportException.class)
                    .hasMessageContaining("https://127.0.0.1:" + tls.httpsPort() + "/mcp")
                    .hasMessageContaining("TLS")
                    .hasMessageContaining("not trusted");
            assertThat(tls.getAllServeEvents()).as("no request got through").isEmpty();
            theOtherServerWorks();
        } finally {
            tls.stop();
        }
    }

    @Test
    void aServerThatAcceptsTheConnectionAndNeverAnswersFailsInitializeAtItsTimeout() throws Exception {
        List<Socket> accepted = new CopyOnWriteArrayList<>();
        CountDownLatch connected = new CountDownLatch(1);
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        accepted.add(silent.accept()); // and never a byte back
                        connected.countDown();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            }, "silent-server");
            acceptor.start();
            try (McpClient waiting = McpClient.streamableHttp("http://127.0.0.1:" + silent.getLocalPort() + "/mcp")
                    .requestTimeout(Duration.ofSeconds(1)).build()) {
                CompletableFuture<?> initialize = waiting.reactive().initialize().toFuture();
                assertThat(connected.await(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
                theOtherServerWorks(); // while the connection hangs

                assertThat(failure(initialize)).isInstanceOf(McpTimeoutException.class);
            } finally {
                for (Socket socket : accepted) {
                    socket.close();
                }
            }
        }
    }

    // ------------------------------------------------------------------ requests instead of responses

    @Test
    void aServerThatAnswersEveryAnswerWithAnotherRequestEndsAtTheCallsTimeout() {
        FrameSink stream = new FrameSink();
        AtomicInteger asked = new AtomicInteger();
        server.onPost("tools/call", (req, ex) -> {
            stream.next(SseFrame.message(null, ping("again-0")));
            return Reply.sse(stream.flux());
        });
        // Each answer of the client brings the next request, never the response.
        server.onClientResponse((req, ex) -> {
            stream.next(SseFrame.message(null, ping("again-" + asked.incrementAndGet())));
            return Reply.accepted();
        });
        McpClient impatient = impatient();

        CompletableFuture<CallToolResult> call = callAsync(impatient);
        server.awaitClientResponse(RequestId.of("again-1"), WAIT);
        theOtherServerWorks(); // while the requests go back and forth

        assertThat(failure(call)).isInstanceOf(McpTimeoutException.class);
        server.awaitPost("tools/call", WAIT).awaitClosed(WAIT);
        assertThat(asked.get()).as("requests the server got answers to").isPositive();
    }

    @Test
    void aJsonAnswerThatIsARequestInsteadOfTheResponseFailsTheCallAtOnce() {
        server.onPost("tools/call", (req, ex) -> Reply.json(ping("instead")));
        client.initialize();

        assertThat(failure(callAsync(client))).isInstanceOf(McpProtocolException.class)
                .hasMessageContaining("did not contain its response");
        server.awaitClientResponse(RequestId.of("instead"), WAIT).awaitClosed(WAIT);
        theOtherServerWorks();
    }
}
