package dev.mcpclient.auth;

import static dev.mcpclient.support.Calls.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.McpClient;
import dev.mcpclient.testserver.Handler;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.RecordedRequest;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.transport.http.LegacySseTransport;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

/**
 * The {@link McpAuthorization} hook against a real server on 127.0.0.1 that checks a bearer token on
 * every request: its headers on each POST, GET and DELETE, a refusal renewed and sent again, a second
 * refusal failing clearly without the token in the message, and failures of the hook itself.
 */
class McpAuthorizationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CHALLENGE = "Bearer error=\"invalid_token\", error_description=\"The token expired\"";

    private final ProgrammableMcpServer server = ProgrammableMcpServer.start();
    /** The token the server accepts. */
    private final AtomicReference<String> accepted = new AtomicReference<>("token-1");
    private final List<String> refusals = new CopyOnWriteArrayList<>();
    private McpClient client;

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    /** Every route the pinned handshake-era client uses answers 401 without the accepted token. */
    private void guard() {
        for (String method : List.of("initialize", "notifications/initialized", "tools/call")) {
            server.onPost(method, guarded());
        }
        server.onGet(guarded());
        server.onDelete(guarded());
    }

    private Handler guarded() {
        return (request, exchange) -> {
            if (("Bearer " + accepted.get()).equals(request.header("Authorization"))) {
                return exchange.defaultReply();
            }
            refusals.add(request.httpMethod() + " " + request.jsonRpcMethod());
            return Reply.status(401, "text/plain", "no").header("WWW-Authenticate", CHALLENGE).header("DPoP-Nonce", "n-1");
        };
    }

    /** An authorization with one token at a time: a refusal renews it (token-1, token-2, ...) while {@code renew} allows. */
    private static final class Renewing implements McpAuthorization {
        final AtomicInteger version = new AtomicInteger(1);
        final List<Refusal> seen = new CopyOnWriteArrayList<>();
        final List<Request> authorized = new CopyOnWriteArrayList<>();
        final List<String> acceptedNonces = new CopyOnWriteArrayList<>();
        volatile int maxRenewals = 1;

        @Override
        public Mono<Map<String, String>> authorize(Request request) {
            authorized.add(request);
            return Mono.just(Map.of("Authorization", "Bearer token-" + version.get()));
        }

        @Override
        public void accepted(Request request, java.util.function.Function<String, List<String>> headers) {
            acceptedNonces.addAll(headers.apply("dpop-nonce"));
        }

        @Override
        public Mono<Boolean> refused(Request request, Refusal refusal) {
            seen.add(refusal);
            if (refusal.attempt() > maxRenewals) {
                return Mono.just(false);
            }
            version.incrementAndGet();
            return Mono.just(true);
        }
    }

    private McpClient connect(McpAuthorization authorization) {
        client = McpClient.builder(StreamableHttpTransport.builder(server.url()).authorization(authorization))
                .protocolVersion("2025-11-25")
                .requestTimeout(WAIT)
                .build();
        return client;
    }

    @Test
    void everyRequestCarriesTheHeadersOfTheAuthorization() {
        guard();
        server.onPost("tools/call", (request, exchange) -> guarded().handle(request, exchange).header("DPoP-Nonce", "n-2"));
        Renewing authorization = new Renewing();
        connect(authorization);

        assertThat(text(client.callTool("echo", Map.of("x", 1)))).isEqualTo("{\"x\":1}");
        assertThat(authorization.acceptedNonces).containsExactly("n-2");
        server.awaitRequest(r -> r.httpMethod().equals("GET"), WAIT);
        client.close();

        List<RecordedRequest> requests = server.requests();
        assertThat(requests).extracting(RecordedRequest::httpMethod).contains("POST", "GET", "DELETE");
        assertThat(requests).allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer token-1"));
        assertThat(refusals).isEmpty();
        assertThat(authorization.authorized).extracting(McpAuthorization.Request::method).contains("POST", "GET", "DELETE");
        assertThat(authorization.authorized).allSatisfy(r -> assertThat(r.uri().toString()).isEqualTo(server.url()));
    }

    @Test
    void aRefusedRequestIsSentAgainWithTheRenewedHeaders() {
        guard();
        Renewing authorization = new Renewing();
        connect(authorization);
        client.callTool("echo", Map.of("x", 1));

        accepted.set("token-2"); // the server no longer takes token-1
        assertThat(text(client.callTool("echo", Map.of("x", 2)))).isEqualTo("{\"x\":2}");

        assertThat(refusals).contains("POST tools/call");
        McpAuthorization.Refusal refusal = authorization.seen.get(0);
        assertThat(refusal.status()).isEqualTo(401);
        assertThat(refusal.attempt()).isEqualTo(1);
        assertThat(refusal.sent()).isEqualTo(Map.of("Authorization", "Bearer token-1"));
        assertThat(refusal.toString()).doesNotContain("token-1");
        assertThat(refusal.header("www-authenticate")).isEqualTo(CHALLENGE);
        assertThat(refusal.header("DPoP-Nonce")).isEqualTo("n-1");
        List<RecordedRequest> calls = server.requests().stream().filter(r -> "tools/call".equals(r.jsonRpcMethod())).toList();
        assertThat(calls).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer token-1", "Bearer token-1", "Bearer token-2");
    }

    @Test
    void aSecondRefusalFailsTheCallNamingTheServerAndTheChallengeButNotTheToken() {
        guard();
        Renewing authorization = new Renewing();
        connect(authorization);
        client.callTool("echo", Map.of("x", 1));

        accepted.set("never-issued");
        assertThatThrownBy(() -> client.callTool("echo", Map.of("x", 2)))
                .isInstanceOfSatisfying(McpAuthorizationException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.getMessage()).contains(server.url(), "refused POST", "401 Unauthorized",
                            "Bearer error=invalid_token (The token expired)", "after 1 renewal");
                    assertThat(e.getMessage()).doesNotContain("token-1", "token-2");
                });
        assertThat(authorization.seen).extracting(McpAuthorization.Refusal::attempt).containsExactly(1, 2);
    }

    @Test
    void aRequestIsSentAtMostFourTimes() {
        guard();
        Renewing authorization = new Renewing();
        authorization.maxRenewals = Integer.MAX_VALUE;
        accepted.set("never-issued");
        connect(authorization);

        assertThatThrownBy(() -> client.callTool("echo", Map.of()))
                .isInstanceOf(McpAuthorizationException.class).hasMessageContaining("after 3 renewals");
        assertThat(server.requests().stream().filter(r -> "initialize".equals(r.jsonRpcMethod()))).hasSize(4);
        assertThat(authorization.seen).hasSize(3);
    }

    @Test
    void aFailingAuthorizationFailsTheRequestBeforeItIsSent() {
        guard();
        connect(new McpAuthorization() {
            @Override
            public Mono<Map<String, String>> authorize(Request request) {
                return Mono.error(new IllegalStateException("the token endpoint answered 500"));
            }

            @Override
            public Mono<Boolean> refused(Request request, Refusal refusal) {
                return Mono.just(false);
            }
        });

        assertThatThrownBy(() -> client.callTool("echo", Map.of()))
                .isInstanceOfSatisfying(McpAuthorizationException.class, e -> {
                    assertThat(e.getMessage()).contains("Could not authorize POST to " + server.url(), "the token endpoint answered 500");
                    assertThat(e.getCause()).isInstanceOf(IllegalStateException.class);
                });
        assertThat(server.requests()).isEmpty();
    }

    @Test
    void aRenewalThatFailsFailsTheRequestWithItsCause() {
        guard();
        accepted.set("never-issued");
        connect(new McpAuthorization() {
            @Override
            public Mono<Map<String, String>> authorize(Request request) {
                return Mono.just(Map.of());
            }

            @Override
            public Mono<Boolean> refused(Request request, Refusal refusal) {
                return Mono.error(new IllegalStateException("no authorization server answered"));
            }
        });

        assertThatThrownBy(() -> client.callTool("echo", Map.of()))
                .isInstanceOfSatisfying(McpAuthorizationException.class, e -> assertThat(e.getMessage())
                        .contains(server.url() + " refused POST (401 Unauthorized, Bearer error=invalid_token",
                                "new credentials could not be obtained: no authorization server answered"));
        assertThat(server.requests()).hasSize(1);
        assertThat(server.requests().get(0).header("Authorization")).isNull();
    }

    @Test
    void aProbeThatTimedOutWaitingForTheAuthorizationDecidesNoEra() {
        server.validate(false); // the session checks would answer server/discover before the token check
        for (String method : List.of("server/discover", "initialize", "notifications/initialized", "tools/call")) {
            server.onPost(method, guarded());
        }
        AtomicReference<String> token = new AtomicReference<>();
        AtomicInteger renewals = new AtomicInteger();
        client = McpClient.builder(StreamableHttpTransport.builder(server.url()).authorization(new McpAuthorization() {
                    @Override
                    public Mono<Map<String, String>> authorize(Request request) {
                        String t = token.get();
                        return Mono.just(t == null ? Map.of() : Map.of("Authorization", "Bearer " + t));
                    }

                    @Override
                    public Mono<Boolean> refused(Request request, Refusal refusal) {
                        renewals.incrementAndGet();
                        return Mono.never(); // a user who has not logged in yet
                    }
                }))
                .initializeTimeout(Duration.ofMillis(300)) // the probe's: it ends (and is forgotten) before the call gives up
                .requestTimeout(WAIT)
                .build();

        assertThatThrownBy(() -> client.callTool("echo", Map.of())).isInstanceOf(dev.mcpclient.McpTimeoutException.class)
                .hasMessageContaining("server/discover");
        assertThat(renewals).hasValue(1);
        assertThat(server.requests()).extracting(RecordedRequest::jsonRpcMethod).containsExactly("server/discover");

        token.set("token-1"); // the user logged in: the next call probes again and finds the handshake era
        assertThat(text(client.callTool("echo", Map.of("x", 3)))).isEqualTo("{\"x\":3}");
        assertThat(server.requests()).extracting(RecordedRequest::jsonRpcMethod)
                .containsSubsequence("server/discover", "server/discover", "initialize", "tools/call");
    }

    @Test
    void theLegacySseTransportIsAuthorizedToo() {
        // The HTTP+SSE transport shares the WebClient (and so the filter): its GET stream carries the headers.
        AtomicReference<String> seen = new AtomicReference<>();
        McpAuthorization authorization = new McpAuthorization() {
            @Override
            public Mono<Map<String, String>> authorize(Request request) {
                return Mono.just(Map.of("Authorization", "Bearer sse-token"));
            }

            @Override
            public Mono<Boolean> refused(Request request, Refusal refusal) {
                seen.set(refusal.header("www-authenticate"));
                return Mono.just(false);
            }
        };
        server.validate(false).onGet((request, exchange) -> Reply.status(401, "text/plain", "")
                .header("WWW-Authenticate", "Bearer realm=\"mcp\""));
        client = McpClient.builder(LegacySseTransport.builder(server.url()).authorization(authorization))
                .requestTimeout(WAIT).initializeTimeout(WAIT).build();

        assertThatThrownBy(() -> client.ping()).isInstanceOf(McpAuthorizationException.class)
                .hasMessageContaining("refused GET: 401 Unauthorized, Bearer");
        assertThat(server.requests()).isNotEmpty().allSatisfy(r -> {
            assertThat(r.httpMethod()).isEqualTo("GET");
            assertThat(r.header("Authorization")).isEqualTo("Bearer sse-token");
        });
        assertThat(seen.get()).isEqualTo("Bearer realm=\"mcp\"");
    }
}
