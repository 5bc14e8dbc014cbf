package dev.mcpclient;

import static dev.mcpclient.support.Calls.text;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.RecordedRequest;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The first call of a handshake-era session goes out once the background stream is answered: a
 * server that sends its own requests (sampling, roots) on that stream, and drops them while no stream
 * is attached (the TypeScript SDK's servers do), would otherwise lose them to a call that overtook the
 * stream's {@code GET}. The wait is bounded: a server that holds its headers back delays the first call
 * only by that bound.
 */
class BackgroundStreamFirstTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final ProgrammableMcpServer server = ProgrammableMcpServer.start();
    private McpClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    private McpClient connect() {
        client = McpClient.builder(StreamableHttpTransport.builder(server.url())).protocolVersion("2025-11-25")
                .requestTimeout(WAIT).build();
        return client;
    }

    @Test
    void theFirstCallWaitsForTheBackgroundStreamsHeaders() {
        Sinks.One<Boolean> release = Sinks.one();
        AtomicBoolean released = new AtomicBoolean();
        AtomicBoolean callBeforeHeaders = new AtomicBoolean();
        server.onGet((request, exchange) -> Reply.deferred(release.asMono().map(go -> exchange.defaultReply())));
        server.onPost("tools/call", (request, exchange) -> {
            callBeforeHeaders.compareAndSet(false, !released.get());
            return exchange.defaultReply();
        });
        connect();

        CompletableFuture<String> call = client.reactive().callTool("echo", Map.of("x", 1)).map(r -> text(r)).toFuture();
        server.awaitRequest(r -> r.httpMethod().equals("GET"), WAIT);
        assertThat(server.requests()).extracting(RecordedRequest::jsonRpcMethod).doesNotContain("tools/call");
        released.set(true);
        release.tryEmitValue(true);

        assertThat(call.join()).isEqualTo("{\"x\":1}");
        assertThat(callBeforeHeaders).isFalse();
    }

    @Test
    void aServerWithoutABackgroundStreamDelaysNothing() {
        server.onGet((request, exchange) -> Reply.status(405, null, null));
        connect();

        assertThat(text(client.callTool("echo", Map.of("x", 2)))).isEqualTo("{\"x\":2}");
        assertThat(server.requests()).extracting(RecordedRequest::httpMethod).containsSubsequence("GET", "POST");
    }

    @Test
    void aServerThatHoldsItsHeadersBackDelaysTheFirstCallOnlyBriefly() {
        server.onGet((request, exchange) -> Reply.deferred(Mono.never()));
        connect();

        // Within the request timeout (10 s): the handshake's wait for the stream is bounded (2 s).
        assertThat(text(client.callTool("echo", Map.of("x", 3)))).isEqualTo("{\"x\":3}");
    }
}
