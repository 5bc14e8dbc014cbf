package dev.mcpclient;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.support.Calls;
import dev.mcpclient.support.ForwardingTransport;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.RecordedRequest;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.transport.McpTransport;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * A request that found the session ready, but whose POST goes out while another request's 404 has the
 * session renewed, must go out on the new session: not without a session id, which a server refuses
 * with 400 (found by the soak: {@code -32600 Bad Request: Mcp-Session-Id header is required}).
 *
 * <p>The window between a call's readiness check and its transport reading the session id is
 * microseconds wide; here it is held open by a transport that delays one message's send until the
 * server has received the renewal's {@code initialize}, which the server holds until the test releases it.
 */
class SessionRenewalRaceTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    private final ProgrammableMcpServer server = ProgrammableMcpServer.start();
    private final CompletableFuture<Void> renewalArrived = new CompletableFuture<>();
    private final Sinks.Empty<Void> releaseRenewal = Sinks.empty();

    @AfterEach
    void close() {
        server.close();
    }

    @Test
    void aRequestSentWhileTheSessionIsRenewedGoesOutOnTheNewSession() throws Exception {
        AtomicInteger initializes = new AtomicInteger();
        server.onPost("initialize", (req, ex) -> {
            if (initializes.incrementAndGet() == 1) {
                return ex.defaultReply();
            }
            renewalArrived.complete(null);
            return Reply.deferred(releaseRenewal.asMono().then(Mono.fromSupplier(ex::defaultReply)));
        });
        McpTransport transport = new DelayingOneSend(StreamableHttpTransport.builder(server.url()).backgroundStream(false)
                .build(), "late", Mono.fromFuture(renewalArrived));
        try (McpClient client = McpClient.builder(transport).protocolVersion("2025-11-25").requestTimeout(WAIT).build()) {
            client.listTools();
            String first = server.latestSessionId();
            server.expireSessions();

            // Found the session ready; its POST waits until the renewal's initialize reached the server.
            CompletableFuture<CallToolResult> late = client.reactive().callTool("echo", Map.of("who", "late")).toFuture();
            // Rejected with 404: the session is renewed, its initialize held by the server.
            CompletableFuture<CallToolResult> rejected = client.reactive().callTool("echo", Map.of("who", "rejected")).toFuture();
            renewalArrived.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            releaseRenewal.tryEmitEmpty();

            assertThat(Calls.text(rejected.get(WAIT.toSeconds(), TimeUnit.SECONDS))).contains("rejected");
            assertThat(Calls.text(late.get(WAIT.toSeconds(), TimeUnit.SECONDS))).contains("late");
            String renewed = server.latestSessionId();
            assertThat(renewed).isNotEqualTo(first);
            List<RecordedRequest> lateCalls = server.requests().stream()
                    .filter(r -> "tools/call".equals(r.jsonRpcMethod()) && r.params().path("arguments").has("who")
                            && "late".equals(r.params().path("arguments").path("who").asString()))
                    .toList();
            assertThat(lateCalls).as("the late call's POSTs").isNotEmpty()
                    .allSatisfy(r -> assertThat(r.sessionId()).as("session of %s", r).isIn(first, renewed));
            assertThat(lateCalls.get(lateCalls.size() - 1).sessionId()).isEqualTo(renewed);
            assertThat(client.status().callsInFlight()).isZero();
        }
    }

    /** A transport that sends one message (the call whose {@code who} argument is given) only once {@code gate} completes. */
    private static final class DelayingOneSend extends ForwardingTransport {
        private final String who;
        private final Mono<Void> gate;

        DelayingOneSend(McpTransport delegate, String who, Mono<Void> gate) {
            super(delegate);
            this.who = who;
            this.gate = gate;
        }

        /** (The arguments may be a tree of the caller's map not converted yet: matched as text.) */
        private boolean delayed(JsonRpcMessage message) {
            return message instanceof JsonRpcRequest request && request.params() != null
                    && request.params().toString().contains("\"who\":\"" + who + "\"");
        }

        @Override
        public Mono<Void> send(JsonRpcMessage message) {
            return delayed(message) ? gate.then(Mono.defer(() -> delegate.send(message))) : delegate.send(message);
        }

        @Override
        public Mono<Void> send(JsonRpcMessage message, Map<String, String> parameterHeaders) {
            return delayed(message) ? gate.then(Mono.defer(() -> delegate.send(message, parameterHeaders)))
                    : delegate.send(message, parameterHeaders);
        }
    }
}
