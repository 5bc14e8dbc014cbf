package dev.mcpclient.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.internal.auth.Pkce;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OAuthAuthorization} against a protected resource's metadata and an authorization server
 * stubbed by WireMock on 127.0.0.1, driven through the hook the transports call: a 401 refusal leads
 * to discovery and a token, which {@code authorize} then gives.
 */
class OAuthAuthorizationTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private final AuthServers servers = new AuthServers();

    @AfterEach
    void stop() {
        servers.close();
    }

    private OAuthAuthorizationBuilder codeGrant(AuthorizationCodeHandler handler) {
        return OAuthAuthorization.builder().redirectUri("http://127.0.0.1:9/callback").authorizationCodeHandler(handler);
    }

    private boolean refuse(OAuthAuthorization auth, McpAuthorization.Refusal refusal) {
        return auth.refused(servers.request(), refusal).block(WAIT);
    }

    private Map<String, String> headers(OAuthAuthorization auth) {
        return auth.authorize(servers.request()).block(WAIT);
    }

    private McpAuthorization.Refusal firstRefusal() {
        return AuthServers.unauthorized("resource_metadata=\"" + servers.base + "/.well-known/oauth-protected-resource/mcp\"",
                1, Map.of());
    }

    @Test
    void aRequestBeforeAnyTokenGoesWithoutOne() {
        OAuthAuthorization auth = codeGrant(RecordingHandler.answering(null)).build();
        assertThat(auth.authorize(servers.request()).block(WAIT)).isNull();
    }

    @Test
    void theFirstRefusalDiscoversRegistersAuthorizesWithPkceAndTheResourceAndGetsAToken() {
        servers.prm().asMetadata("\"authorization_response_iss_parameter_supported\":true")
                .register("{\"client_id\":\"dyn-client\"}")
                .token("{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        RecordingHandler handler = RecordingHandler.answering(servers.base);
        OAuthAuthorization auth = codeGrant(handler).build();

        assertThat(refuse(auth, firstRefusal())).isTrue();
        assertThat(headers(auth)).containsEntry("Authorization", "Bearer tok-1");

        Map<String, String> authorization = handler.last();
        assertThat(authorization).containsEntry("response_type", "code").containsEntry("client_id", "dyn-client")
                .containsEntry("code_challenge_method", "S256").containsEntry("resource", servers.base + "/mcp")
                .containsKey("state").doesNotContainKey("scope");
        Map<String, String> token = AuthServers.form(servers.requests("/token").get(0));
        assertThat(token).containsEntry("grant_type", "authorization_code").containsEntry("code", "code-1")
                .containsEntry("resource", servers.base + "/mcp").containsEntry("client_id", "dyn-client")
                .containsEntry("redirect_uri", "http://127.0.0.1:9/callback");
        assertThat(Pkce.challengeOf(token.get("code_verifier"))).isEqualTo(authorization.get("code_challenge"));
        assertThat(servers.requests("/register").get(0).getBodyAsString())
                .contains("\"redirect_uris\":[\"http://127.0.0.1:9/callback\"]", "\"application_type\":\"native\"",
                        "\"token_endpoint_auth_method\":\"client_secret_basic\"");
    }

    @Test
    void aStateThatDoesNotMatchIsRefused() {
        servers.prm().asMetadata("").register("{\"client_id\":\"c\"}").token("{\"access_token\":\"t\",\"token_type\":\"Bearer\"}");
        OAuthAuthorization auth = codeGrant(new RecordingHandler(q -> new AuthorizationCodeHandler.AuthorizationResponse(
                "code-1", "forged", null, null, null))).build();
        assertThatThrownBy(() -> refuse(auth, firstRefusal())).isInstanceOf(McpAuthorizationException.class)
                .hasMessageContaining("state");
        assertThat(servers.requests("/token")).isEmpty();
    }

    @Test
    void aMissingIssIsRefusedWhenTheMetadataPromisesIt() {
        servers.prm().asMetadata("\"authorization_response_iss_parameter_supported\":true")
                .register("{\"client_id\":\"c\"}").token("{\"access_token\":\"t\",\"token_type\":\"Bearer\"}");
        OAuthAuthorization auth = codeGrant(RecordingHandler.answering(null)).build();
        assertThatThrownBy(() -> refuse(auth, firstRefusal())).isInstanceOf(McpAuthorizationException.class)
                .hasMessageContaining("no iss parameter");
        assertThat(servers.requests("/token")).isEmpty();
    }

    @Test
    void anIssOfAnotherIssuerIsRefusedEvenWhenNotAdvertised() {
        servers.prm().asMetadata("").register("{\"client_id\":\"c\"}").token("{\"access_token\":\"t\",\"token_type\":\"Bearer\"}");
        OAuthAuthorization auth = codeGrant(RecordingHandler.answering("https://evil.example.com")).build();
        assertThatThrownBy(() -> refuse(auth, firstRefusal())).isInstanceOf(McpAuthorizationException.class)
                .hasMessageContaining("RFC 9207");
        assertThat(servers.requests("/token")).isEmpty();
    }

    @Test
    void anIssIsComparedWithoutNormalization() {
        servers.prm().asMetadata("\"authorization_response_iss_parameter_supported\":true")
                .register("{\"client_id\":\"c\"}").token("{\"access_token\":\"t\",\"token_type\":\"Bearer\"}");
        OAuthAuthorization auth = codeGrant(RecordingHandler.answering(servers.base + "/")).build();
        assertThatThrownBy(() -> refuse(auth, firstRefusal())).isInstanceOf(McpAuthorizationException.class);
        assertThat(servers.requests("/token")).isEmpty();
    }

    @Test
    void noIssIsFineWhenNotAdvertised() {
        servers.prm().asMetadata("").register("{\"client_id\":\"c\"}").token("{\"access_token\":\"t\",\"token_type\":\"Bearer\"}");
        OAuthAuthorization auth = codeGrant(RecordingHandler.answering(null)).build();
        assertThat(refuse(auth, firstRefusal())).isTrue();
        assertThat(servers.requests("/token")).hasSize(1);
    }

    @Test
    void protectedResourceMetadataNamingAnotherResourceIsRefusedBeforeAnyAuthorization() {
        servers.prm("/.well-known/oauth-protected-resource/mcp",
                "{\"resource\":\"https://evil.example.com/mcp\",\"authorization_servers\":[\"" + servers.base + "\"]}")
                .asMetadata("").register("{\"client_id\":\"c\"}");
        RecordingHandler handler = RecordingHandler.answering(null);
        OAuthAuthorization auth = codeGrant(handler).build();
        assertThatThrownBy(() -> refuse(auth, firstRefusal())).isInstanceOf(McpAuthorizationException.class)
                .hasMessageContaining(servers.base + "/mcp").hasMessageContaining("evil.example.com")
                .hasMessageContaining("not this server");
        assertThat(handler.requests).isEmpty();
        assertThat(servers.requests("/register")).isEmpty();
    }

    @Test
    void metadataWhoseIssuerDiffersIsRefusedAndItsEndpointsAreNotUsed() {
        servers.prm().asMetadata("/.well-known/oauth-authorization-server", "https://attacker.example.com", "")
                .register("{\"client_id\":\"c\"}");
        RecordingHandler handler = RecordingHandler.answering(null);
        OAuthAuthorization auth = codeGrant(handler).build();
        assertThatThrownBy(() -> refuse(auth, firstRefusal())).isInstanceOf(McpAuthorizationException.class)
                .hasMessageContaining("another issuer");
        assertThat(handler.requests).isEmpty();
        assertThat(servers.requests("/register")).isEmpty();
    }

    @Test
    void scopeComesFromTheChallengeElsePrmScopesSupportedAndOfflineAccessOnlyWhenAdvertised() {
        servers.prm("/.well-known/oauth-protected-resource/mcp", "{\"resource\":\"" + servers.base + "/mcp\","
                + "\"authorization_servers\":[\"" + servers.base + "\"],\"scopes_supported\":[\"mcp:read\",\"mcp:write\"]}")
                .asMetadata("\"scopes_supported\":[\"mcp:read\",\"mcp:write\",\"offline_access\"]")
                .register("{\"client_id\":\"c\"}").token("{\"access_token\":\"t\",\"token_type\":\"Bearer\"}");
        RecordingHandler handler = RecordingHandler.answering(null);
        OAuthAuthorization fromPrm = codeGrant(handler).build();
        assertThat(refuse(fromPrm, AuthServers.unauthorized("", 1, Map.of()))).isTrue();
        assertThat(handler.last()).containsEntry("scope", "mcp:read mcp:write offline_access");

        OAuthAuthorization fromChallenge = codeGrant(handler).offlineAccess(false).build();
        assertThat(refuse(fromChallenge, AuthServers.unauthorized("scope=\"mcp:read\"", 1, Map.of()))).isTrue();
        assertThat(handler.last()).containsEntry("scope", "mcp:read");
    }

    @Test
    void insufficientScopeStepsUpWithTheUnionOnceAndNotForAScopeAlreadyGranted() {
        servers.prm().asMetadata("").register("{\"client_id\":\"c\"}")
                .token("{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"scope\":\"mcp:read\"}");
        RecordingHandler handler = RecordingHandler.answering(null);
        OAuthAuthorization auth = codeGrant(handler).build();
        assertThat(refuse(auth, AuthServers.unauthorized("scope=\"mcp:read\"", 1, Map.of()))).isTrue();
        Map<String, String> sent = headers(auth);

        servers.token("{\"access_token\":\"tok-2\",\"token_type\":\"Bearer\",\"scope\":\"mcp:read mcp:write\"}");
        assertThat(refuse(auth, AuthServers.insufficientScope("mcp:write", 1, sent))).isTrue();
        assertThat(handler.last()).containsEntry("scope", "mcp:read mcp:write");
        assertThat(headers(auth)).containsEntry("Authorization", "Bearer tok-2");

        // The token has mcp:write: a server that still refuses it is not asked again.
        assertThat(refuse(auth, AuthServers.insufficientScope("mcp:write", 2, headers(auth)))).isFalse();
        assertThat(handler.requests).hasSize(2);
    }

    @Test
    void aRefusedTokenIsRenewedOnceAndARefusedRenewalFails() {
        servers.prm().asMetadata("").register("{\"client_id\":\"c\"}")
                .token("{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        OAuthAuthorization auth = codeGrant(RecordingHandler.answering(null)).build();
        assertThat(refuse(auth, firstRefusal())).isTrue();

        servers.token("{\"access_token\":\"tok-2\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        assertThat(refuse(auth, AuthServers.unauthorized("", 1, headers(auth)))).isTrue();
        assertThat(headers(auth)).containsEntry("Authorization", "Bearer tok-2");
        assertThat(refuse(auth, AuthServers.unauthorized("", 2, headers(auth)))).isFalse();
        assertThat(servers.requests("/token")).hasSize(2);
    }

    @Test
    void aTokenAboutToExpireIsRefreshedWithItsRefreshTokenAndTheResource() {
        servers.prm().asMetadata("").register("{\"client_id\":\"c\"}")
                .token("{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":10,\"refresh_token\":\"ref-1\"}");
        OAuthAuthorization auth = codeGrant(RecordingHandler.answering(null)).refreshSkew(Duration.ofSeconds(30)).build();
        assertThat(refuse(auth, firstRefusal())).isTrue();

        servers.token("{\"access_token\":\"tok-2\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        assertThat(headers(auth)).containsEntry("Authorization", "Bearer tok-2");
        Map<String, String> refresh = AuthServers.form(servers.requests("/token").get(1));
        assertThat(refresh).containsEntry("grant_type", "refresh_token").containsEntry("refresh_token", "ref-1")
                .containsEntry("resource", servers.base + "/mcp");
        assertThat(headers(auth)).containsEntry("Authorization", "Bearer tok-2");
        assertThat(servers.requests("/token")).hasSize(2);
    }

    @Test
    void theClientCredentialsGrantAuthenticatesAsTheAuthorizationServerSupports() {
        servers.prm().asMetadata("\"token_endpoint_auth_methods_supported\":[\"client_secret_post\"]")
                .token("{\"access_token\":\"cc-1\",\"token_type\":\"Bearer\"}");
        OAuthAuthorization post = OAuthAuthorization.builder().clientCredentials().clientId("svc").clientSecret("pw")
                .scope("mcp:read").build();
        assertThat(refuse(post, firstRefusal())).isTrue();
        Map<String, String> form = AuthServers.form(servers.requests("/token").get(0));
        assertThat(form).containsEntry("grant_type", "client_credentials").containsEntry("client_id", "svc")
                .containsEntry("client_secret", "pw").containsEntry("scope", "mcp:read")
                .containsEntry("resource", servers.base + "/mcp");
        assertThat(servers.requests("/token").get(0).getHeader("Authorization")).isNull();

        servers.asMetadata("\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"]");
        OAuthAuthorization basic = OAuthAuthorization.builder().clientCredentials().clientId("svc").clientSecret("pw").build();
        assertThat(refuse(basic, firstRefusal())).isTrue();
        assertThat(servers.requests("/token").get(1).getHeader("Authorization")).isEqualTo("Basic c3ZjOnB3");
        assertThat(AuthServers.form(servers.requests("/token").get(1))).doesNotContainKey("client_secret");
    }

    @Test
    void aClientMetadataDocumentUrlIsTheClientIdWhereTheServerAcceptsOne() {
        servers.prm().asMetadata("\"client_id_metadata_document_supported\":true").register("{\"client_id\":\"dyn\"}")
                .token("{\"access_token\":\"t\",\"token_type\":\"Bearer\"}");
        RecordingHandler handler = RecordingHandler.answering(null);
        OAuthAuthorization auth = codeGrant(handler).clientMetadataUrl("https://client.example.com/metadata.json").build();
        assertThat(refuse(auth, firstRefusal())).isTrue();
        assertThat(handler.last()).containsEntry("client_id", "https://client.example.com/metadata.json");
        assertThat(servers.requests("/register")).isEmpty();
    }

    @Test
    void withoutMetadataThe20250326FallbackEndpointsAtTheServerOriginAreUsedWithoutResource() {
        servers.wireMock.stubFor(com.github.tomakehurst.wiremock.client.WireMock.post(urlEqualTo("/register"))
                .willReturn(AuthServers.json(201, "{\"client_id\":\"legacy\"}")));
        servers.token("{\"access_token\":\"t\",\"token_type\":\"Bearer\"}");
        RecordingHandler handler = RecordingHandler.answering(null);
        OAuthAuthorization auth = codeGrant(handler).build();
        assertThat(refuse(auth, AuthServers.unauthorized("", 1, Map.of()))).isTrue();
        assertThat(servers.paths()).startsWith("/.well-known/oauth-protected-resource/mcp",
                "/.well-known/oauth-protected-resource", "/.well-known/oauth-authorization-server", "/register", "/token");
        assertThat(handler.last()).doesNotContainKey("resource");
        assertThat(AuthServers.form(servers.requests("/token").get(0))).doesNotContainKey("resource");
    }

    @Test
    void noSecretOrTokenAppearsInMessagesOrToString() {
        servers.prm().asMetadata("\"token_endpoint_auth_methods_supported\":[\"client_secret_post\"]")
                .token(401, "{\"error\":\"invalid_client\",\"error_description\":\"bad client\"}");
        OAuthAuthorizationBuilder builder = OAuthAuthorization.builder().clientCredentials().clientId("svc")
                .clientSecret("s3cr3t-value");
        OAuthAuthorization auth = builder.build();
        Throwable failure = org.assertj.core.api.Assertions.catchThrowable(() -> refuse(auth, firstRefusal()));
        assertThat(failure).isInstanceOf(McpAuthorizationException.class).hasMessageContaining("invalid_client");
        for (Throwable t = failure; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("s3cr3t-value");
        }
        assertThat(auth.toString()).doesNotContain("s3cr3t-value");
        assertThat(builder.toString()).doesNotContain("s3cr3t-value");

        McpAuthorization.Refusal refusal = AuthServers.unauthorized("", 1, Map.of("Authorization", "Bearer tok-secret"));
        assertThat(refusal.toString()).doesNotContain("tok-secret");
        assertThat(new AuthorizationCodeHandler.AuthorizationResponse("code-secret", "st", null, null, null).toString())
                .doesNotContain("code-secret");
        assertThat(new dev.mcpclient.internal.auth.AccessToken("tok-secret", "Bearer", null, "ref-secret", null, null, false)
                .toString()).doesNotContain("tok-secret").doesNotContain("ref-secret");
        assertThat(new dev.mcpclient.internal.auth.ClientRegistration("c", "s3cr3t-value", "client_secret_post", null)
                .toString()).doesNotContain("s3cr3t-value");
    }

    @Test
    void anotherEndpointOfTheSameResourceSharesItsTokenAndAnotherServerDoesNot() {
        servers.prm("/.well-known/oauth-protected-resource/mcp", "{\"resource\":\"" + servers.base
                + "\",\"authorization_servers\":[\"" + servers.base + "\"]}")
                .asMetadata("").register("{\"client_id\":\"c\"}").token("{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\"}");
        OAuthAuthorization auth = codeGrant(RecordingHandler.answering(null)).build();
        assertThat(refuse(auth, firstRefusal())).isTrue();
        assertThat(auth.authorize(new McpAuthorization.Request("POST",
                java.net.URI.create(servers.base + "/messages?sessionId=1"))).block(WAIT))
                .containsEntry("Authorization", "Bearer tok-1");
        assertThat(auth.authorize(new McpAuthorization.Request("POST", java.net.URI.create("http://127.0.0.1:9/mcp")))
                .block(WAIT)).isNull();
    }

    @Test
    void whenTheAuthorizationServerMovesTheClientRegistersThereAnewAndNeverShowsTheOldCredentials() {
        try (AuthServers as2 = new AuthServers()) {
            servers.prm().asMetadata("\"token_endpoint_auth_methods_supported\":[\"none\"]")
                    .register("{\"client_id\":\"as1-client\",\"token_endpoint_auth_method\":\"none\"}")
                    .token("{\"access_token\":\"tok-as1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
            as2.asMetadata("\"token_endpoint_auth_methods_supported\":[\"none\"]")
                    .register("{\"client_id\":\"as2-client\",\"token_endpoint_auth_method\":\"none\"}")
                    .token("{\"access_token\":\"tok-as2\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
            RecordingHandler handler = RecordingHandler.answering(null);
            OAuthAuthorization auth = codeGrant(handler).build();
            assertThat(refuse(auth, firstRefusal())).isTrue();
            Map<String, String> sent = headers(auth);
            assertThat(sent).containsEntry("Authorization", "Bearer tok-as1");

            servers.prm("/.well-known/oauth-protected-resource/mcp", "{\"resource\":\"" + servers.base
                    + "/mcp\",\"authorization_servers\":[\"" + as2.base + "\"]}");
            assertThat(refuse(auth, AuthServers.unauthorized("", 1, sent))).isTrue();
            assertThat(headers(auth)).containsEntry("Authorization", "Bearer tok-as2");
            assertThat(as2.requests("/register")).hasSize(1);
            assertThat(handler.last()).containsEntry("client_id", "as2-client");
            assertThat(AuthServers.form(as2.requests("/token").get(0))).containsEntry("client_id", "as2-client");
            assertThat(as2.requests("/token").get(0).getBodyAsString()).doesNotContain("as1-client");
        }
    }

    @Test
    void theBuilderSaysWhatIsMissing() {
        assertThatThrownBy(() -> OAuthAuthorization.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("redirectUri");
        assertThatThrownBy(() -> OAuthAuthorization.builder().redirectUri("http://127.0.0.1/cb").build())
                .hasMessageContaining("authorizationCodeHandler");
        assertThatThrownBy(() -> OAuthAuthorization.builder().clientCredentials().clientId("c").build())
                .hasMessageContaining("clientSecret");
    }
}
