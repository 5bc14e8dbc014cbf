package dev.mcpclient.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The order in which {@link OAuthAuthorization} looks for metadata, seen in the requests WireMock
 * (127.0.0.1) receives: protected resource metadata from the challenge, else path-aware, else at the
 * root; authorization server metadata by RFC 8414 and OpenID Connect Discovery, issuers with a path
 * never looked up at the root.
 */
class DiscoveryOrderTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final AuthServers servers = new AuthServers();

    @AfterEach
    void stop() {
        servers.close();
    }

    private OAuthAuthorization authorization() {
        return OAuthAuthorization.builder().redirectUri("http://127.0.0.1:9/callback")
                .authorizationCodeHandler(RecordingHandler.answering(null)).build();
    }

    private void refuse(String challengeParams) {
        assertThat(authorization().refused(servers.request(), AuthServers.unauthorized(challengeParams, 1, Map.of()))
                .block(WAIT)).isTrue();
    }

    private void tokenEndpoints() {
        servers.register("{\"client_id\":\"c\"}").token("{\"access_token\":\"t\",\"token_type\":\"Bearer\"}");
    }

    @Test
    void theChallengesResourceMetadataComesFirstAndNoWellKnownIsTried() {
        servers.prm("/custom/prm.json", "{\"resource\":\"" + servers.base + "/mcp\",\"authorization_servers\":[\""
                + servers.base + "\"]}").asMetadata("");
        tokenEndpoints();
        refuse("resource_metadata=\"" + servers.base + "/custom/prm.json\"");
        assertThat(servers.paths()).startsWith("/custom/prm.json", "/.well-known/oauth-authorization-server")
                .doesNotContain("/.well-known/oauth-protected-resource/mcp", "/.well-known/oauth-protected-resource");
    }

    @Test
    void withoutAChallengeUrlThePathAwareWellKnownComesBeforeTheRoot() {
        servers.prm().asMetadata("");
        tokenEndpoints();
        refuse("");
        assertThat(servers.paths()).startsWith("/.well-known/oauth-protected-resource/mcp",
                "/.well-known/oauth-authorization-server").doesNotContain("/.well-known/oauth-protected-resource");
    }

    @Test
    void theRootWellKnownIsTheLastResortAndItsResourceMayBeTheOrigin() {
        servers.prm("/.well-known/oauth-protected-resource", "{\"resource\":\"" + servers.base
                + "\",\"authorization_servers\":[\"" + servers.base + "\"]}").asMetadata("");
        tokenEndpoints();
        refuse("");
        assertThat(servers.paths()).startsWith("/.well-known/oauth-protected-resource/mcp",
                "/.well-known/oauth-protected-resource", "/.well-known/oauth-authorization-server");
        assertThat(AuthServers.form(servers.requests("/token").get(0))).containsEntry("resource", servers.base);
    }

    @Test
    void openIdConfigurationFollowsWhenThereIsNoOAuthMetadata() {
        servers.prm().asMetadata("/.well-known/openid-configuration", servers.base, "");
        tokenEndpoints();
        refuse("");
        assertThat(servers.paths()).startsWith("/.well-known/oauth-protected-resource/mcp",
                "/.well-known/oauth-authorization-server", "/.well-known/openid-configuration");
    }

    @Test
    void anIssuerWithAPathIsLookedUpByInsertionThenOpenIdInsertionThenAppendingNeverAtTheRoot() {
        String issuer = servers.base + "/tenant1";
        servers.prm("/.well-known/oauth-protected-resource/mcp", "{\"resource\":\"" + servers.base
                + "/mcp\",\"authorization_servers\":[\"" + issuer + "\"]}")
                .asMetadata("/tenant1/.well-known/openid-configuration", issuer, "");
        tokenEndpoints();
        refuse("");
        assertThat(servers.paths()).startsWith("/.well-known/oauth-protected-resource/mcp",
                "/.well-known/oauth-authorization-server/tenant1", "/.well-known/openid-configuration/tenant1",
                "/tenant1/.well-known/openid-configuration")
                .doesNotContain("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration");
    }

    @Test
    void anAuthorizationServerWithoutMetadataIsAClearError() {
        servers.prm();
        OAuthAuthorization auth = authorization();
        assertThatThrownBy(() -> auth.refused(servers.request(), AuthServers.unauthorized("", 1, Map.of())).block(WAIT))
                .isInstanceOf(McpAuthorizationException.class)
                .hasMessageContaining("No authorization server metadata found for " + servers.base);
    }
}
