package dev.mcpclient.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import ch.qos.logback.classic.Level;
import dev.mcpclient.McpClient;
import dev.mcpclient.support.ShownText;
import dev.mcpclient.testing.ThrowableText;
import dev.mcpclient.testing.oauth.AdjustableClock;
import dev.mcpclient.testing.oauth.ProtectedSdkServer;
import dev.mcpclient.testing.oauth.TestAuthorizationServer;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Neither the client secret nor any access token, refresh token or authorization code the authorization
 * server issued appears in what {@link OAuthAuthorization} shows while it works against real parts
 * (Spring Authorization Server, the SDK server behind Spring Security): every log line of this library
 * and of the {@code WebClient} at DEBUG, every exception (message, stack trace, causes) and the
 * {@code toString()} of everything the application holds. The runs cover discovery, both grants, a
 * refresh before expiry, a renewal after a 401, a step-up after a 403 and a revoked client.
 */
class OAuthSecretsEndToEndTest {

    static final String SECRET = "s3cret-of-the-client-5919";
    static final String REDIRECT_URI = "http://127.0.0.1:9/callback";
    static final List<String> LOGGERS = List.of("dev.mcpclient", "org.springframework.web.reactive.function.client");

    @Test
    void noSecretTokenOrCodeIsShown() {
        Map<String, Level> loggers = new LinkedHashMap<>();
        LOGGERS.forEach(name -> loggers.put(name, Level.DEBUG));
        List<String> shown = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        List<String> logLines;
        try (ShownText log = ShownText.recording(loggers);
                TestAuthorizationServer authorizationServer = TestAuthorizationServer.start()) {
            authorizationServer.registerClient("machine", SECRET, ProtectedSdkServer.READ_SCOPE, ProtectedSdkServer.ADMIN_SCOPE);
            authorizationServer.registerAuthorizationCodeClient("app", SECRET, REDIRECT_URI,
                    TestAuthorizationServer.DEFAULT_TOKEN_LIFETIME, ProtectedSdkServer.READ_SCOPE, ProtectedSdkServer.ADMIN_SCOPE);
            try (ProtectedSdkServer server = ProtectedSdkServer.start(authorizationServer)) {
                for (String kind : List.of("machine", "app")) {
                    AdjustableClock clientClock = new AdjustableClock();
                    OAuthAuthorizationBuilder builder = OAuthAuthorization.builder().clientId(kind).clientSecret(SECRET)
                            .scope(ProtectedSdkServer.READ_SCOPE).clock(clientClock);
                    HeadlessAuthorizationCodeHandler handler = HeadlessAuthorizationCodeHandler.create();
                    builder = kind.equals("machine") ? builder.clientCredentials()
                            : builder.redirectUri(REDIRECT_URI).authorizationCodeHandler(handler);
                    shown.add(builder.toString());
                    OAuthAuthorization authorization = builder.build();
                    StreamableHttpTransport.Builder transport = StreamableHttpTransport.builder(server.url())
                            .authorization(authorization);
                    try (McpClient client = McpClient.builder(transport).requestTimeout(Duration.ofSeconds(30)).build()) {
                        client.callTool("echo", Map.of("text", "one"));
                        // Expired for the client: refreshed before sending.
                        clientClock.advance(TestAuthorizationServer.DEFAULT_TOKEN_LIFETIME);
                        client.callTool("echo", Map.of("text", "two"));
                        // Expired for the servers: 401, renewed, sent again.
                        authorizationServer.advanceClock(TestAuthorizationServer.DEFAULT_TOKEN_LIFETIME.plusMinutes(1));
                        client.callTool("echo", Map.of("text", "three"));
                        // 403 insufficient_scope: stepped up.
                        client.callTool(ProtectedSdkServer.ADMIN_TOOL, Map.of());
                        // Revoked: refused for good, twice.
                        authorizationServer.revokeClient(kind);
                        for (int i = 0; i < 2; i++) {
                            Throwable refused = catchThrowable(() -> client.callTool("echo", Map.of("text", "four")));
                            assertThat(refused).isNotNull();
                            shown.add(ThrowableText.of(refused));
                        }
                        shown.add(client.toString());
                        shown.add(client.reactive().toString());
                        shown.add(authorization.toString());
                        shown.add(handler.toString());
                        shown.add(transport.toString());
                    }
                }
            }
            secrets.add(SECRET);
            secrets.addAll(authorizationServer.issuedAccessTokens());
            secrets.addAll(authorizationServer.issuedRefreshTokens());
            secrets.addAll(authorizationServer.issuedAuthorizationCodes());
            // What was looked at is what there is: both grants, refreshes, step-ups, and tokens of each kind.
            assertThat(authorizationServer.tokenRequestGrantTypes())
                    .contains("client_credentials", "authorization_code", "refresh_token");
            assertThat(authorizationServer.issuedAccessTokens()).hasSizeGreaterThanOrEqualTo(6);
            assertThat(authorizationServer.issuedRefreshTokens()).isNotEmpty();
            assertThat(authorizationServer.issuedAuthorizationCodes()).hasSizeGreaterThanOrEqualTo(2);
            logLines = List.copyOf(log.logLines());
        }
        shown.addAll(logLines);

        // The log was written: discovery, the grants and the WebClient's exchanges at DEBUG.
        assertThat(logLines).anyMatch(line -> line.contains("Refreshed the token"))
                .anyMatch(line -> line.contains("Stepping up"))
                .anyMatch(line -> line.startsWith("DEBUG org.springframework.web.reactive.function.client"));
        for (String text : shown) {
            for (String secret : secrets) {
                assertThat(text).doesNotContain(secret);
                if (secret.chars().filter(c -> c == '.').count() == 2) {
                    // Nor a JWT's signature alone.
                    assertThat(text).doesNotContain(secret.substring(secret.lastIndexOf('.') + 1));
                }
            }
        }
    }
}
