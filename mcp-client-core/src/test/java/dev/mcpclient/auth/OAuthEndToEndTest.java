package dev.mcpclient.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpclient.McpClient;
import dev.mcpclient.ReactiveMcpClient;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.testing.SdkServer;
import dev.mcpclient.testing.oauth.AdjustableClock;
import dev.mcpclient.testing.oauth.ProtectedSdkServer;
import dev.mcpclient.testing.oauth.TestAuthorizationServer;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import java.text.ParseException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@link OAuthAuthorization} end to end against real parts on 127.0.0.1: Spring Authorization Server
 * ({@link TestAuthorizationServer}) issuing the tokens, and the Java SDK's MCP server behind Spring
 * Security's resource server ({@link ProtectedSdkServer}) refusing requests without them. Discovery
 * starts from the server's 401 each time; nothing is stubbed.
 */
class OAuthEndToEndTest {

    static final String SECRET = "s3cret-of-the-client-8472";
    static final String REDIRECT_URI = "http://127.0.0.1:9/callback";
    static final String READ = ProtectedSdkServer.READ_SCOPE;

    TestAuthorizationServer authorizationServer;
    ProtectedSdkServer server;

    @BeforeEach
    void start() {
        authorizationServer = TestAuthorizationServer.start();
        authorizationServer.registerClient("machine", SECRET, READ, ProtectedSdkServer.ADMIN_SCOPE);
        authorizationServer.registerAuthorizationCodeClient("app", SECRET, REDIRECT_URI,
                TestAuthorizationServer.DEFAULT_TOKEN_LIFETIME, READ, ProtectedSdkServer.ADMIN_SCOPE);
        server = ProtectedSdkServer.start(authorizationServer);
    }

    @AfterEach
    void stop() {
        server.close();
        authorizationServer.close();
    }

    /** A client of the {@code client_credentials} grant, asking for {@link #READ} only. */
    static OAuthAuthorizationBuilder machine() {
        return OAuthAuthorization.builder().clientId("machine").clientSecret(SECRET).clientCredentials().scope(READ);
    }

    /** A client of the authorization code grant through the headless handler, asking for {@link #READ} only. */
    static OAuthAuthorizationBuilder app() {
        return OAuthAuthorization.builder().clientId("app").clientSecret(SECRET).redirectUri(REDIRECT_URI)
                .authorizationCodeHandler(HeadlessAuthorizationCodeHandler.create()).scope(READ);
    }

    static OAuthAuthorizationBuilder client(String kind) {
        return kind.equals("machine") ? machine() : app();
    }

    McpClient connect(McpAuthorization authorization) {
        return McpClient.builder(StreamableHttpTransport.builder(server.url()).backgroundStream(false)
                        .authorization(authorization))
                .requestTimeout(Duration.ofSeconds(30)).build();
    }

    static JWTClaimsSet claims(String token) {
        try {
            return SignedJWT.parse(token).getJWTClaimsSet();
        } catch (ParseException e) {
            throw new AssertionError(e);
        }
    }

    static String text(CallToolResult result) {
        return result.content().toString();
    }

    static McpAuthorizationException authorizationFailure(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof McpAuthorizationException found) {
                return found;
            }
        }
        throw new AssertionError("no McpAuthorizationException in the causes of " + e, e);
    }

    @Test
    void theFixturePublishesPathAwareResourceMetadataAndAuthorizationCodeMetadata() {
        // What the client's discovery reads, checked without it.
        org.springframework.web.reactive.function.client.WebClient web =
                org.springframework.web.reactive.function.client.WebClient.create();
        String prm = web.get().uri(server.resourceMetadataUrl()).retrieve().bodyToMono(String.class).block(Duration.ofSeconds(10));
        assertThat(prm).contains("\"resource\":\"" + server.url() + "\"")
                .contains("\"authorization_servers\":[\"" + authorizationServer.issuer() + "\"]");
        String as = web.get().uri(authorizationServer.metadataUri()).retrieve().bodyToMono(String.class)
                .block(Duration.ofSeconds(10));
        assertThat(as).contains("\"issuer\":\"" + authorizationServer.issuer() + "\"")
                .contains("\"authorization_endpoint\":\"" + authorizationServer.issuer() + "/oauth2/authorize\"")
                .contains("\"code_challenge_methods_supported\":[\"S256\"]")
                .contains("\"registration_endpoint\"")
                .contains("offline_access", READ, ProtectedSdkServer.ADMIN_SCOPE);
    }

    @Test
    void clientCredentialsToolCallReachesTheServerWithTheToken() {
        try (McpClient client = connect(machine().build())) {
            assertThat(text(client.callTool("echo", Map.of("text", "hello")))).contains("hello");
        }
        assertThat(authorizationServer.tokenRequestGrantTypes()).containsExactly("client_credentials");
        String token = authorizationServer.issuedAccessTokens().get(0);
        List<SdkServer.RecordedRequest> posts = server.sdk().requests("POST");
        // The first POST went without a token (401, discovery); the rest carried the one token.
        assertThat(posts.get(0).header("Authorization")).isNull();
        assertThat(posts.subList(1, posts.size())).isNotEmpty()
                .allMatch(r -> ("Bearer " + token).equals(r.header("Authorization")));
        JWTClaimsSet claims = claims(token);
        assertThat(claims.getSubject()).isEqualTo("machine");
        // RFC 8707: the resource asked for is the MCP endpoint the path-aware metadata names.
        assertThat(claims.getAudience()).contains(server.url());
        assertThat(claims.getClaim("scope")).asString().contains(READ);
    }

    @Test
    void authorizationCodeThroughTheHeadlessHandler() {
        try (McpClient client = connect(app().build())) {
            assertThat(text(client.callTool("echo", Map.of("text", "hello")))).contains("hello");
        }
        // One code (PKCE is required of this client: a request without it would have been refused), redeemed once.
        assertThat(authorizationServer.issuedAuthorizationCodes()).hasSize(1);
        assertThat(authorizationServer.tokenRequestGrantTypes()).containsExactly("authorization_code");
        assertThat(authorizationServer.issuedRefreshTokens()).hasSize(1);
        String token = authorizationServer.issuedAccessTokens().get(0);
        assertThat(server.sdk().requests("POST")).last().matches(r -> ("Bearer " + token).equals(r.header("Authorization")));
        JWTClaimsSet claims = claims(token);
        assertThat(claims.getSubject()).isEqualTo(TestAuthorizationServer.USER);
        assertThat(claims.getAudience()).contains("app", server.url());
        assertThat(claims.getClaim("scope")).asString().contains(READ).contains("offline_access");
    }

    @ParameterizedTest
    @ValueSource(strings = {"machine", "app"})
    void aHundredCallsWhenTheTokenExpiredMakeExactlyOneTokenRequest(String kind) throws Exception {
        AdjustableClock clientClock = new AdjustableClock();
        CountingAuthorization counting = new CountingAuthorization(client(kind).clock(clientClock).build());
        try (McpClient blocking = connect(counting)) {
            ReactiveMcpClient client = blocking.reactive();
            client.callTool("echo", Map.of("text", "first")).block(Duration.ofSeconds(30));
            int before = authorizationServer.tokenRequests();
            assertThat(before).isEqualTo(1);

            // The token expired for the client (its clock, not the servers'); the token endpoint holds the renewal.
            clientClock.advance(TestAuthorizationServer.DEFAULT_TOKEN_LIFETIME);
            TestAuthorizationServer.TokenRequestHold hold = authorizationServer.holdTokenRequests();
            CountDownLatch asked = new CountDownLatch(100);
            counting.latch = asked;
            List<Mono<CallToolResult>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(client.callTool("echo", Map.of("text", "call " + i)));
            }
            Mono<List<CallToolResult>> all = Flux.merge(calls).collectList().cache();
            all.subscribe(results -> { }, error -> { });

            // Every call asked for its token while the one renewal is held at the token endpoint.
            assertThat(hold.awaitRequest()).isTrue();
            assertThat(asked.await(30, TimeUnit.SECONDS)).isTrue();
            hold.release();

            List<CallToolResult> results = all.block(Duration.ofSeconds(60));
            assertThat(results).hasSize(100).noneMatch(CallToolResult::isError);
            assertThat(authorizationServer.tokenRequests()).isEqualTo(before + 1);
            assertThat(authorizationServer.tokenRequestGrantTypes()).last()
                    .isEqualTo(kind.equals("machine") ? "client_credentials" : "refresh_token");
            List<String> tokens = authorizationServer.issuedAccessTokens();
            assertThat(tokens).hasSize(2).doesNotHaveDuplicates();
            List<SdkServer.RecordedRequest> posts = server.sdk().requests("POST");
            assertThat(posts.subList(posts.size() - 100, posts.size()))
                    .allMatch(r -> ("Bearer " + tokens.get(1)).equals(r.header("Authorization")));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"machine", "app"})
    void stepUpOnInsufficientScopeObtainsTheAdminScope(String kind) {
        try (McpClient client = connect(client(kind).build())) {
            client.callTool("echo", Map.of("text", "first"));
            assertThat(claims(authorizationServer.issuedAccessTokens().get(0)).getClaim("scope")).asString()
                    .doesNotContain(ProtectedSdkServer.ADMIN_SCOPE);

            assertThat(client.callTool(ProtectedSdkServer.ADMIN_TOOL, Map.of()).isError()).isFalse();

            List<String> tokens = authorizationServer.issuedAccessTokens();
            assertThat(tokens).hasSize(2);
            // The wider token keeps what was asked before (the step-up asks for the union).
            assertThat(claims(tokens.get(1)).getClaim("scope")).asString()
                    .contains(ProtectedSdkServer.ADMIN_SCOPE).contains(READ);
            assertThat(authorizationServer.tokenRequestGrantTypes()).hasSize(2).last()
                    .isEqualTo(kind.equals("machine") ? "client_credentials" : "authorization_code");
            // Granted: the next admin call needs no new token.
            assertThat(client.callTool(ProtectedSdkServer.ADMIN_TOOL, Map.of()).isError()).isFalse();
            assertThat(authorizationServer.tokenRequests()).isEqualTo(2);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"machine", "app"})
    void aRevokedClientFailsClearlyNamingTheServerAndWhatWasRefused(String kind) {
        try (McpClient client = connect(client(kind).build())) {
            client.callTool("echo", Map.of("text", "first"));
            int before = authorizationServer.tokenRequests();
            authorizationServer.revokeClient(kind);

            McpAuthorizationException first = authorizationFailure(catchThrowable(
                    () -> client.callTool("echo", Map.of("text", "second"))));
            assertThat(first.getMessage()).contains(server.url()).contains("HTTP 401").contains("invalid_client");
            int afterFirst = authorizationServer.tokenRequests();
            assertThat(afterFirst).isGreaterThan(before);

            // A second call fails the same way, with as many token requests: no loop.
            McpAuthorizationException second = authorizationFailure(catchThrowable(
                    () -> client.callTool("echo", Map.of("text", "third"))));
            assertThat(second.getMessage()).contains(server.url()).contains("invalid_client");
            assertThat(authorizationServer.tokenRequests() - afterFirst).isEqualTo(afterFirst - before);
            // What was refused: the renewal the client tried (a refresh for the client that has a refresh
            // token: a refused client is not sent through a new authorization).
            String renewal = kind.equals("machine") ? "client_credentials" : "refresh_token";
            assertThat(second.getMessage()).contains("refused the " + renewal + " grant");
            assertThat(authorizationServer.tokenRequestGrantTypes().subList(before, authorizationServer.tokenRequests()))
                    .containsOnly(renewal);
        }
    }

    @Test
    void aClientWithoutIdRegistersDynamicallyAndAuthorizesWithTheCode() {
        OAuthAuthorization authorization = OAuthAuthorization.builder().redirectUri(REDIRECT_URI)
                .authorizationCodeHandler(HeadlessAuthorizationCodeHandler.create()).scope(READ).build();
        try (McpClient client = connect(authorization)) {
            assertThat(text(client.callTool("echo", Map.of("text", "hello")))).contains("hello");
        }
        assertThat(authorizationServer.tokenRequestGrantTypes()).containsExactly("authorization_code");
        JWTClaimsSet claims = claims(authorizationServer.issuedAccessTokens().get(0));
        assertThat(claims.getAudience()).contains(server.url()).noneMatch(aud -> aud.equals("app") || aud.equals("machine"));
    }

    /** Counts down {@link #latch} each time a request asks for its headers, then asks the real authorization. */
    static final class CountingAuthorization implements McpAuthorization {

        private final McpAuthorization delegate;
        volatile CountDownLatch latch;

        CountingAuthorization(McpAuthorization delegate) {
            this.delegate = delegate;
        }

        @Override
        public Mono<Map<String, String>> authorize(Request request) {
            return Mono.defer(() -> {
                CountDownLatch l = latch;
                if (l != null) {
                    l.countDown();
                }
                return delegate.authorize(request);
            });
        }

        @Override
        public Mono<Boolean> refused(Request request, Refusal refusal) {
            return delegate.refused(request, refusal);
        }

        @Override
        public void accepted(Request request, Function<String, List<String>> headers) {
            delegate.accepted(request, headers);
        }

        @Override
        public String toString() {
            return "Counting[" + delegate + "]";
        }
    }
}
