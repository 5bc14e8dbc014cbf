package dev.mcpclient.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpclient.McpClient;
import dev.mcpclient.internal.auth.DpopProofs;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The extension flows of {@link OAuthAuthorization} against WireMock on 127.0.0.1, each from the
 * server's first refusal through discovery and the token request to the request sent again:
 * {@code private_key_jwt} client authentication, the JWT bearer grant of workload identity federation,
 * Enterprise-Managed Authorization (token exchange at the IdP, then JWT bearer) and DPoP, the last on a
 * real Streamable HTTP transport with nonces at the authorization server and at the MCP server. The
 * requests WireMock received are checked as the conformance suite checks them.
 */
class OAuthExtensionFlowsTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

    private final AuthServers servers = new AuthServers();
    private WireMockServer mcp;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        servers.close();
        if (mcp != null) {
            mcp.stop();
        }
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

    private static String pkcs8Pem(ECKey key) throws Exception {
        return "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.toPrivateKey().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
    }

    // --- private_key_jwt -------------------------------------------------------------------------------

    @Test
    void privateKeyJwtAuthenticatesTheClientCredentialsGrantWithAFreshAssertionForTheIssuer() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        servers.prm().asMetadata("\"grant_types_supported\":[\"client_credentials\"],"
                        + "\"token_endpoint_auth_methods_supported\":[\"private_key_jwt\"],"
                        + "\"token_endpoint_auth_signing_alg_values_supported\":[\"ES256\"]")
                .token("{\"access_token\":\"cc-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        OAuthAuthorization auth = OAuthAuthorization.builder().clientCredentials().clientId("svc")
                .privateKeyJwt(pkcs8Pem(key), "ES256", null).build();

        assertThat(refuse(auth, firstRefusal())).isTrue();
        assertThat(headers(auth)).containsEntry("Authorization", "Bearer cc-1");

        LoggedRequest request = servers.requests("/token").get(0);
        Map<String, String> form = AuthServers.form(request);
        assertThat(form).containsEntry("grant_type", "client_credentials")
                .containsEntry("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .containsEntry("resource", servers.base + "/mcp")
                .doesNotContainKeys("client_secret", "client_id");
        assertThat(request.getHeader("Authorization")).isNull();
        SignedJWT assertion = SignedJWT.parse(form.get("client_assertion"));
        assertThat(assertion.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
        assertThat(assertion.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        JWTClaimsSet claims = assertion.getJWTClaimsSet();
        assertThat(claims.getIssuer()).isEqualTo("svc");
        assertThat(claims.getSubject()).isEqualTo("svc");
        assertThat(claims.getAudience()).containsExactly(servers.base); // the issuer, not the token endpoint
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getExpirationTime().toInstant()).isAfter(Instant.now());
        assertThat(servers.requests("/register")).isEmpty();
    }

    @Test
    void aPrivateJwkWithAKeyIdSignsAssertionsCarryingItsKid() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).keyID("from-jwk").generate();
        servers.prm().asMetadata("\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\",\"private_key_jwt\"]")
                .token("{\"access_token\":\"cc-1\",\"token_type\":\"Bearer\"}");
        OAuthAuthorization auth = OAuthAuthorization.builder().clientCredentials().clientId("svc").clientSecret("unused")
                .privateKeyJwt(key.toJSONString(), null, "kid-1").build();
        assertThat(refuse(auth, firstRefusal())).isTrue();
        LoggedRequest request = servers.requests("/token").get(0);
        SignedJWT assertion = SignedJWT.parse(AuthServers.form(request).get("client_assertion"));
        assertThat(assertion.getHeader().getKeyID()).isEqualTo("kid-1");
        assertThat(assertion.verify(new ECDSAVerifier(key.toPublicJWK()))).isTrue();
        assertThat(request.getHeader("Authorization")).as("private_key_jwt preferred to the secret").isNull();
        assertThat(request.getBodyAsString()).doesNotContain("unused");
    }

    // --- JWT bearer grant (workload identity) -------------------------------------------------------------

    private void workloadIdentityServer() {
        servers.prm();
        servers.wireMock.stubFor(get(urlEqualTo("/.well-known/oauth-authorization-server")).willReturn(AuthServers.json(200,
                "{\"issuer\":\"" + servers.base + "\",\"token_endpoint\":\"" + servers.base + "/token\","
                        + "\"grant_types_supported\":[\"" + JWT_BEARER + "\"],"
                        + "\"token_endpoint_auth_methods_supported\":[\"none\"]}")));
    }

    @Test
    void theJwtBearerGrantSendsTheWorkloadsJwtReadAnewFromItsFile() throws Exception {
        workloadIdentityServer();
        servers.token("{\"access_token\":\"wif-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        Path file = dir.resolve("token");
        Files.writeString(file, "jwt-one\n");
        OAuthAuthorization auth = OAuthAuthorization.builder().jwtBearer(file).build();

        assertThat(refuse(auth, firstRefusal())).isTrue();
        Map<String, String> sent = headers(auth);
        assertThat(sent).containsEntry("Authorization", "Bearer wif-1");
        Map<String, String> form = AuthServers.form(servers.requests("/token").get(0));
        assertThat(form).containsEntry("grant_type", JWT_BEARER).containsEntry("assertion", "jwt-one")
                .containsEntry("resource", servers.base + "/mcp").doesNotContainKeys("client_id", "client_assertion");
        assertThat(servers.requests("/token").get(0).getHeader("Authorization")).isNull();

        // The platform rotated the token; the server refuses the access token: the next request reads the file again.
        Files.writeString(file, "jwt-two");
        servers.token("{\"access_token\":\"wif-2\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        assertThat(refuse(auth, AuthServers.unauthorized("", 1, sent))).isTrue();
        assertThat(headers(auth)).containsEntry("Authorization", "Bearer wif-2");
        assertThat(AuthServers.form(servers.requests("/token").get(1))).containsEntry("assertion", "jwt-two");
        assertThat(servers.paths()).noneMatch(p -> p.startsWith("/register") || p.startsWith("/authorize"));
    }

    @Test
    void aRefusedJwtBearerRequestFailsTheCallClearlyWithoutRetryOrAnotherGrant() {
        workloadIdentityServer();
        servers.token(400, "{\"error\":\"invalid_grant\",\"error_description\":\"assertion expired\"}");
        mcpServerRefusingEverything();
        OAuthAuthorization auth = OAuthAuthorization.builder().clientId("workload").jwtBearer("expired.jwt.value").build();
        Throwable failure;
        try (McpClient client = McpClient.builder(StreamableHttpTransport.builder(servers.mcpUrl().toString())
                        .authorization(auth))
                .protocolVersion("2025-06-18").requestTimeout(WAIT).build()) {
            failure = catchThrowable(client::listTools);
        }
        McpAuthorizationException cause = authorizationCause(failure);
        assertThat(cause.getMessage()).contains(servers.base + "/mcp", "invalid_grant", "assertion expired", JWT_BEARER)
                .doesNotContain("expired.jwt.value");
        assertThat(servers.requests("/token")).as("one token request, not repeated").hasSize(1);
        assertThat(AuthServers.form(servers.requests("/token").get(0))).containsEntry("grant_type", JWT_BEARER)
                .containsEntry("client_id", "workload");
        assertThat(servers.paths()).noneMatch(p -> p.startsWith("/register") || p.startsWith("/authorize"));
    }

    private void mcpServerRefusingEverything() {
        servers.wireMock.stubFor(any(urlEqualTo("/mcp")).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer resource_metadata=\"" + servers.base
                        + "/.well-known/oauth-protected-resource/mcp\"")));
    }

    private static McpAuthorizationException authorizationCause(Throwable failure) {
        Throwable cause = failure;
        while (cause != null && !(cause instanceof McpAuthorizationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("an McpAuthorizationException in " + failure).isNotNull();
        return (McpAuthorizationException) cause;
    }

    // --- Enterprise-Managed Authorization ----------------------------------------------------------------

    private OAuthAuthorizationBuilder enterprise() {
        return OAuthAuthorization.builder().enterpriseManagedAuthorization(servers.base + "/idp/token", "user-id-token")
                .idpClientId("idp-client").clientId("xaa-client").clientSecret("xaa-secret");
    }

    @Test
    void enterpriseManagedAuthorizationExchangesTheIdTokenForAnIdJagAndPresentsItWithBasicAuth() {
        servers.prm().asMetadata("\"grant_types_supported\":[\"" + JWT_BEARER + "\"],"
                        + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"]")
                .token("{\"access_token\":\"xaa-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        servers.wireMock.stubFor(post(urlEqualTo("/idp/token")).willReturn(AuthServers.json(200,
                "{\"access_token\":\"the-id-jag\",\"issued_token_type\":\"urn:ietf:params:oauth:token-type:id-jag\","
                        + "\"token_type\":\"N_A\"}")));
        OAuthAuthorization auth = enterprise().build();

        assertThat(refuse(auth, firstRefusal())).isTrue();
        assertThat(headers(auth)).containsEntry("Authorization", "Bearer xaa-1");

        LoggedRequest exchange = servers.requests("/idp/token").get(0);
        assertThat(AuthServers.form(exchange))
                .containsEntry("grant_type", "urn:ietf:params:oauth:grant-type:token-exchange")
                .containsEntry("subject_token", "user-id-token")
                .containsEntry("subject_token_type", "urn:ietf:params:oauth:token-type:id_token")
                .containsEntry("requested_token_type", "urn:ietf:params:oauth:token-type:id-jag")
                .containsEntry("audience", servers.base) // the MCP server's authorization server, found by discovery
                .containsEntry("resource", servers.base + "/mcp")
                .containsEntry("client_id", "idp-client");
        assertThat(exchange.getBodyAsString()).doesNotContain("xaa-secret");
        assertThat(exchange.getHeader("Authorization")).isNull();

        LoggedRequest token = servers.requests("/token").get(0);
        assertThat(AuthServers.form(token)).containsEntry("grant_type", JWT_BEARER).containsEntry("assertion", "the-id-jag")
                .doesNotContainKeys("client_secret", "subject_token");
        assertThat(token.getHeader("Authorization"))
                .isEqualTo("Basic " + Base64.getEncoder().encodeToString("xaa-client:xaa-secret".getBytes(StandardCharsets.UTF_8)));
        List<String> paths = servers.paths();
        assertThat(paths.indexOf("/.well-known/oauth-authorization-server")).isLessThan(paths.indexOf("/idp/token"));
        assertThat(paths).noneMatch(p -> p.startsWith("/register") || p.startsWith("/authorize"));
    }

    @Test
    void aRefusedTokenExchangeFailsClearlyAndNeverReachesTheAuthorizationServersTokenEndpoint() {
        servers.prm().asMetadata("\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\"]")
                .token("{\"access_token\":\"xaa-1\",\"token_type\":\"Bearer\"}");
        servers.wireMock.stubFor(post(urlEqualTo("/idp/token")).willReturn(AuthServers.json(400,
                "{\"error\":\"invalid_grant\",\"error_description\":\"ID token expired\"}")));
        OAuthAuthorization auth = enterprise().build();
        Throwable failure = catchThrowable(() -> refuse(auth, firstRefusal()));
        assertThat(failure).isInstanceOf(McpAuthorizationException.class)
                .hasMessageContaining("invalid_grant").hasMessageContaining("ID token expired")
                .hasMessageContaining("token-exchange");
        assertThat(failure.getMessage()).doesNotContain("user-id-token").doesNotContain("xaa-secret");
        assertThat(servers.requests("/idp/token")).hasSize(1);
        assertThat(servers.requests("/token")).isEmpty();
    }

    // --- DPoP -------------------------------------------------------------------------------------------

    @Test
    void dpopBindsTheTokenAndFollowsTheNoncesOfTheAuthorizationServerAndTheMcpServer() throws Exception {
        mcp = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        mcp.start();
        String mcpUrl = "http://127.0.0.1:" + mcp.port() + "/mcp";
        String prmUrl = "http://127.0.0.1:" + mcp.port() + "/.well-known/oauth-protected-resource/mcp";
        mcp.stubFor(get(urlEqualTo("/.well-known/oauth-protected-resource/mcp")).willReturn(AuthServers.json(200,
                "{\"resource\":\"" + mcpUrl + "\",\"authorization_servers\":[\"" + servers.base + "\"]}")));
        dpopMcpServer(prmUrl);

        servers.asMetadata("\"dpop_signing_alg_values_supported\":[\"ES256\"],"
                + "\"token_endpoint_auth_methods_supported\":[\"none\"]").register("{\"client_id\":\"dpop-client\"}");
        servers.wireMock.stubFor(post(urlEqualTo("/token")).inScenario("as").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(AuthServers.json(400, "{\"error\":\"use_dpop_nonce\"}").withHeader("DPoP-Nonce", "as-nonce-1"))
                .willSetStateTo("nonce given"));
        servers.wireMock.stubFor(post(urlEqualTo("/token")).inScenario("as").whenScenarioStateIs("nonce given")
                .willReturn(AuthServers.json(200, "{\"access_token\":\"dpop-token\",\"token_type\":\"DPoP\",\"expires_in\":3600}")));

        OAuthAuthorization auth = OAuthAuthorization.builder().redirectUri("http://127.0.0.1:9/callback")
                .authorizationCodeHandler(RecordingHandler.answering(null)).dpop(true).build();
        try (McpClient client = McpClient.builder(StreamableHttpTransport.builder(mcpUrl).authorization(auth))
                .protocolVersion("2025-06-18").requestTimeout(WAIT).build()) {
            assertThat(client.listTools().tools()).extracting(t -> t.name()).containsExactly("echo");
            client.ping(); // after the tools/list response that rotated the nonce
        }

        // The authorization server: a proof on each token request, the retry with its nonce and a new jti.
        List<LoggedRequest> tokenRequests = servers.requests("/token");
        assertThat(tokenRequests).hasSize(2);
        Set<String> jtis = new HashSet<>();
        JWK key = null;
        for (int i = 0; i < 2; i++) {
            JWTClaimsSet proof = verifiedProof(tokenRequests.get(i), "POST", servers.base + "/token", null);
            assertThat(proof.getClaim("nonce")).isEqualTo(i == 0 ? null : "as-nonce-1");
            assertThat(jtis.add(proof.getJWTID())).isTrue();
            JWK used = SignedJWT.parse(tokenRequests.get(i).getHeader("DPoP")).getHeader().getJWK();
            assertThat(key == null || key.equals(used)).as("one key").isTrue();
            key = used;
        }
        assertThat(AuthServers.form(tokenRequests.get(1))).containsEntry("grant_type", "authorization_code");

        // The MCP server: the DPoP scheme, a fresh proof with ath on every send, its nonce after the challenge,
        // and the nonce it rotated on a successful response afterwards.
        List<LoggedRequest> authorized = new ArrayList<>();
        for (LoggedRequest r : inOrder(mcp)) {
            if (r.getHeader("Authorization") != null) {
                authorized.add(r);
            }
        }
        assertThat(authorized).isNotEmpty().allSatisfy(r -> assertThat(r.getHeader("Authorization")).isEqualTo("DPoP dpop-token"));
        List<String> laterNonces = new ArrayList<>();
        for (int i = 0; i < authorized.size(); i++) {
            LoggedRequest r = authorized.get(i);
            JWTClaimsSet proof = verifiedProof(r, r.getMethod().getName(), mcpUrl, "dpop-token");
            assertThat(jtis.add(proof.getJWTID())).as("a new jti on every send").isTrue();
            assertThat(SignedJWT.parse(r.getHeader("DPoP")).getHeader().getJWK()).isEqualTo(key);
            if (i == 0) {
                assertThat(proof.getClaim("nonce")).as("the first send knows no nonce yet").isNull();
            } else {
                assertThat(proof.getClaim("nonce")).isIn("rs-nonce-1", "rs-nonce-2");
            }
            if (r.getBodyAsString().contains("\"tools/list\"") || r.getBodyAsString().contains("\"ping\"")) {
                laterNonces.add((String) proof.getClaim("nonce"));
            }
        }
        assertThat(laterNonces).as("tools/list, then ping after the rotation").containsExactly("rs-nonce-1", "rs-nonce-2");
        assertThat(authorized.get(1).getBodyAsString()).as("the initialize sent again with the nonce").contains("\"initialize\"");
    }

    /** The MCP server of the DPoP test: 401 DPoP without a token; a nonce challenge first, then its nonce rotated once. */
    private void dpopMcpServer(String prmUrl) {
        mcp.stubFor(any(urlEqualTo("/mcp")).atPriority(50).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "DPoP resource_metadata=\"" + prmUrl + "\"")));
        mcp.stubFor(any(urlEqualTo("/mcp")).atPriority(1).inScenario("rs").whenScenarioStateIs(Scenario.STARTED)
                .withHeader("Authorization", equalTo("DPoP dpop-token"))
                .willReturn(aResponse().withStatus(401).withHeader("DPoP-Nonce", "rs-nonce-1")
                        .withHeader("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\", resource_metadata=\"" + prmUrl + "\""))
                .willSetStateTo("nonce given"));
        mcp.stubFor(post(urlEqualTo("/mcp")).atPriority(5).inScenario("rs").whenScenarioStateIs("nonce given")
                .withHeader("Authorization", equalTo("DPoP dpop-token"))
                .withRequestBody(matchingJsonPath("$.method", equalTo("tools/list")))
                .willReturn(tools().withHeader("DPoP-Nonce", "rs-nonce-2"))
                .willSetStateTo("rotated"));
        mcp.stubFor(post(urlEqualTo("/mcp")).atPriority(6).withHeader("Authorization", equalTo("DPoP dpop-token"))
                .withRequestBody(matchingJsonPath("$.method", equalTo("tools/list"))).willReturn(tools()));
        mcp.stubFor(post(urlEqualTo("/mcp")).atPriority(7).withHeader("Authorization", equalTo("DPoP dpop-token"))
                .withRequestBody(matchingJsonPath("$.method", equalTo("ping"))).willReturn(jsonRpc("{}")));
        mcp.stubFor(post(urlEqualTo("/mcp")).atPriority(10).withHeader("Authorization", equalTo("DPoP dpop-token"))
                .withRequestBody(matchingJsonPath("$.method", equalTo("initialize")))
                .willReturn(jsonRpc("{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                        + "\"serverInfo\":{\"name\":\"wiremock\",\"version\":\"1\"}}")));
        mcp.stubFor(post(urlEqualTo("/mcp")).atPriority(20).withHeader("Authorization", equalTo("DPoP dpop-token"))
                .willReturn(aResponse().withStatus(202)));
        mcp.stubFor(any(urlEqualTo("/mcp")).atPriority(30).withHeader("Authorization", equalTo("DPoP dpop-token"))
                .willReturn(aResponse().withStatus(405)));
    }

    private static ResponseDefinitionBuilder tools() {
        return jsonRpc("{\"tools\":[{\"name\":\"echo\",\"inputSchema\":{\"type\":\"object\"}}]}");
    }

    private static ResponseDefinitionBuilder jsonRpc(String result) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"jsonrpc\":\"2.0\",\"id\":{{jsonPath request.body '$.id'}},\"result\":" + result + "}")
                .withTransformers("response-template");
    }

    private static List<LoggedRequest> inOrder(WireMockServer server) {
        List<LoggedRequest> requests = new ArrayList<>(server.getAllServeEvents().stream().map(e -> e.getRequest())
                .map(r -> (LoggedRequest) r).toList());
        java.util.Collections.reverse(requests);
        return requests;
    }

    /** The request's one DPoP proof, checked as RFC 9449 section 4.3 (and the suite) check it; its claims. */
    private static JWTClaimsSet verifiedProof(LoggedRequest request, String method, String htu, String accessToken)
            throws Exception {
        assertThat(request.getHeaders().getHeader("DPoP").values()).hasSize(1);
        SignedJWT proof = SignedJWT.parse(request.getHeader("DPoP"));
        assertThat(proof.getHeader().getType()).isEqualTo(new JOSEObjectType("dpop+jwt"));
        assertThat(proof.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
        JWK jwk = proof.getHeader().getJWK();
        assertThat(jwk.isPrivate()).isFalse();
        assertThat(proof.verify(new ECDSAVerifier(jwk.toECKey()))).isTrue();
        JWTClaimsSet claims = proof.getJWTClaimsSet();
        assertThat(claims.getJWTID()).isNotBlank();
        assertThat(claims.getStringClaim("htm")).isEqualTo(method);
        assertThat(claims.getStringClaim("htu")).isEqualTo(htu);
        assertThat(Duration.between(claims.getIssueTime().toInstant(), Instant.now()).abs()).isLessThan(Duration.ofMinutes(5));
        assertThat(claims.getStringClaim("ath")).isEqualTo(accessToken == null ? null : DpopProofs.ath(accessToken));
        return claims;
    }

    @Test
    void withDpopOnButNotAdvertisedTheTokenRequestCarriesNoProofAndTheTokenIsABearerToken() {
        servers.prm().asMetadata("\"token_endpoint_auth_methods_supported\":[\"none\"]").register("{\"client_id\":\"c\"}")
                .token("{\"access_token\":\"plain\",\"token_type\":\"Bearer\"}");
        OAuthAuthorization auth = OAuthAuthorization.builder().redirectUri("http://127.0.0.1:9/callback")
                .authorizationCodeHandler(RecordingHandler.answering(null)).dpop(true).build();
        assertThat(refuse(auth, firstRefusal())).isTrue();
        assertThat(servers.requests("/token").get(0).getHeader("DPoP")).isNull();
        assertThat(headers(auth)).containsExactly(Map.entry("Authorization", "Bearer plain"));
    }

    @Test
    void aDpopTokenTypeForARequestWithoutAProofIsRefused() {
        servers.prm().asMetadata("\"token_endpoint_auth_methods_supported\":[\"none\"]").register("{\"client_id\":\"c\"}")
                .token("{\"access_token\":\"bound\",\"token_type\":\"DPoP\"}");
        OAuthAuthorization auth = OAuthAuthorization.builder().redirectUri("http://127.0.0.1:9/callback")
                .authorizationCodeHandler(RecordingHandler.answering(null)).build();
        assertThatThrownBy(() -> refuse(auth, firstRefusal())).isInstanceOf(McpAuthorizationException.class)
                .hasMessageContaining("token_type is DPoP");
    }

    @Test
    void aGivenDpopKeySignsTheProofs() throws Exception {
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        servers.prm().asMetadata("\"dpop_signing_alg_values_supported\":[\"ES256\"],"
                        + "\"token_endpoint_auth_methods_supported\":[\"none\"]").register("{\"client_id\":\"c\"}")
                .token("{\"access_token\":\"bound\",\"token_type\":\"DPoP\"}");
        OAuthAuthorization auth = OAuthAuthorization.builder().redirectUri("http://127.0.0.1:9/callback")
                .authorizationCodeHandler(RecordingHandler.answering(null)).dpopKey(key.toJSONString()).build();
        assertThat(refuse(auth, firstRefusal())).isTrue();
        Map<String, String> sent = headers(auth);
        assertThat(sent).containsEntry("Authorization", "DPoP bound").containsKey("DPoP");
        assertThat(SignedJWT.parse(sent.get("DPoP")).getHeader().getJWK()).isEqualTo(key.toPublicJWK());
        assertThat(SignedJWT.parse(servers.requests("/token").get(0).getHeader("DPoP")).getHeader().getJWK())
                .isEqualTo(key.toPublicJWK());
        assertThat(auth.toString()).contains("DPoP").doesNotContain(key.getD().toString());
    }

    // --- the builder ------------------------------------------------------------------------------------

    @Test
    void theBuilderSaysWhatTheNewFlowsMiss() throws Exception {
        assertThatThrownBy(() -> OAuthAuthorization.builder().clientCredentials().clientId("c").clientSecret("s")
                .jwtBearer("a.b.c").build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("choose one grant");
        assertThatThrownBy(() -> OAuthAuthorization.builder().clientCredentials().clientId("c").build())
                .hasMessageContaining("clientSecret or a privateKeyJwt key");
        ECKey key = new ECKeyGenerator(Curve.P_256).generate();
        String pem = pkcs8Pem(key);
        assertThatThrownBy(() -> OAuthAuthorization.builder().clientCredentials().privateKeyJwt(pem).build())
                .hasMessageContaining("privateKeyJwt needs the clientId");
        assertThatThrownBy(() -> OAuthAuthorization.builder().enterpriseManagedAuthorization("https://idp.example/token", "t")
                .clientId("c").build()).hasMessageContaining("idpClientId");
        assertThatThrownBy(() -> OAuthAuthorization.builder().enterpriseManagedAuthorization("https://idp.example/token", "t")
                .idpClientId("i").build()).hasMessageContaining("clientId registered at the MCP server's authorization server");
        assertThatThrownBy(() -> OAuthAuthorization.builder().idpClientId("i").jwtBearer("a.b.c").build())
                .hasMessageContaining("enterpriseManagedAuthorization");
        assertThatThrownBy(() -> OAuthAuthorization.builder().enterpriseManagedAuthorization("ftp://idp", "t"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http(s)");
        assertThatThrownBy(() -> OAuthAuthorization.builder().privateKeyJwt("-----BEGIN PRIVATE KEY-----\nnot-a-key-secret\n"
                + "-----END PRIVATE KEY-----")).isInstanceOf(IllegalArgumentException.class)
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("not-a-key-secret"));
        assertThatThrownBy(() -> OAuthAuthorization.builder().dpopKey(key.toPublicJWK().toJSONString()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("private");
        // A JWT bearer grant needs nothing else; its builder and instance show no assertion or key.
        OAuthAuthorizationBuilder builder = OAuthAuthorization.builder().jwtBearer("secret.jwt.value").clientId("w")
                .privateKeyJwt(pem);
        OAuthAuthorization auth = builder.build();
        assertThat(auth.toString()).contains("jwt-bearer", "private_key_jwt").doesNotContain("secret.jwt.value")
                .doesNotContain(key.getD().toString());
        assertThat(builder.toString()).doesNotContain("secret.jwt.value").doesNotContain(pem.substring(30, 60));
    }
}
