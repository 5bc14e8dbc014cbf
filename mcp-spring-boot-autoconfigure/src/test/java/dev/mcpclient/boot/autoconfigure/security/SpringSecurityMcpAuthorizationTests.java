package dev.mcpclient.boot.autoconfigure.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.auth.McpAuthorization;
import dev.mcpclient.testing.oauth.TestAuthorizationServer;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;

/**
 * {@link SpringSecurityMcpAuthorization} on its own, with Spring Security's manager and the test
 * authorization server: what a refusal renews, and what it leaves alone.
 */
class SpringSecurityMcpAuthorizationTests {

    private static final Duration WAIT = Duration.ofSeconds(30);
    private final TestAuthorizationServer authorizationServer = TestAuthorizationServer.start();

    @AfterEach
    void stop() {
        authorizationServer.close();
    }

    private SpringSecurityMcpAuthorization authorization() {
        authorizationServer.registerClient("c", "s3cret", "mcp:read");
        InMemoryReactiveClientRegistrationRepository registrations = new InMemoryReactiveClientRegistrationRepository(
                ClientRegistration.withRegistrationId("mcp").clientId("c").clientSecret("s3cret")
                        .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                        .tokenUri(authorizationServer.tokenUri()).scope("mcp:read").build());
        InMemoryReactiveOAuth2AuthorizedClientService service = new InMemoryReactiveOAuth2AuthorizedClientService(registrations);
        AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager =
                new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(registrations, service);
        manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder().clientCredentials().build());
        return new SpringSecurityMcpAuthorization("x", "mcp", "mcp", manager, service);
    }

    @Test
    void aLateRefusalOfATokenAlreadyRenewedKeepsTheRenewedOne() {
        SpringSecurityMcpAuthorization authorization = authorization();
        McpAuthorization.Request request = new McpAuthorization.Request("POST", URI.create("http://127.0.0.1:1/mcp"));
        Map<String, String> first = authorization.authorize(request).block(WAIT);

        // One request carrying the first token is refused: the token is renewed.
        McpAuthorization.Refusal refusal = new McpAuthorization.Refusal(401, Map.of(), 1, first);
        assertThat(authorization.refused(request, refusal).block(WAIT)).isTrue();
        Map<String, String> second = authorization.authorize(request).block(WAIT);
        assertThat(second).isNotEqualTo(first);
        assertThat(authorizationServer.tokenRequests()).isEqualTo(2);

        // Another request that carried the first token is refused after the renewal: sent again with the new one.
        assertThat(authorization.refused(request, refusal).block(WAIT)).isTrue();
        assertThat(authorization.authorize(request).block(WAIT)).isEqualTo(second);
        assertThat(authorizationServer.tokenRequests()).isEqualTo(2);
    }

    @Test
    void aSecondRefusalOrA403IsFinal() {
        SpringSecurityMcpAuthorization authorization = authorization();
        McpAuthorization.Request request = new McpAuthorization.Request("GET", URI.create("http://127.0.0.1:1/mcp"));
        Map<String, String> sent = authorization.authorize(request).block(WAIT);

        assertThat(authorization.refused(request, new McpAuthorization.Refusal(401, Map.of(), 2, sent)).block(WAIT)).isFalse();
        assertThat(authorization.refused(request, new McpAuthorization.Refusal(403, Map.of(), 1, sent)).block(WAIT)).isFalse();
        assertThat(authorization.toString()).doesNotContain(sent.get("Authorization").substring(7));
    }
}
