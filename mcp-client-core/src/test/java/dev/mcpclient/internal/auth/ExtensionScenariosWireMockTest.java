package dev.mcpclient.internal.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpclient.support.Watchdog;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The token endpoint exchanges of the conformance suite's five extension scenarios, replayed against
 * WireMock on 127.0.0.1 with the builders of this package and a throwaway sender (the OAuth core that
 * will send them is not here yet). The requests WireMock received are then checked with the suite's
 * own rules (see docs/authorization-scenarios.md): assertion claims and audiences, form fields,
 * headers, DPoP proof syntax, {@code htu}, {@code ath}, {@code cnf.jkt}, nonces and fresh {@code jti}s.
 */
class ExtensionScenariosWireMockTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();

    /** The authorization server (and the IdP, under /idp). */
    private WireMockServer wireMock;
    /** The MCP server: another origin, as in the suite. */
    private WireMockServer mcpServer;
    private final WebClient webClient = WebClient.create();
    private String issuer;
    private String mcp;

    @BeforeEach
    void start() {
        wireMock = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        wireMock.start();
        mcpServer = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        mcpServer.start();
        issuer = "http://127.0.0.1:" + wireMock.port();
        mcp = "http://127.0.0.1:" + mcpServer.port() + "/mcp";
    }

    @AfterEach
    void stop() {
        wireMock.stop();
        mcpServer.stop();
    }

    // ------------------------------------------------------------------ auth/client-credentials-jwt

    @Test
    void clientCredentialsWithAPrivateKeyJwt() throws Exception {
        wireMock.stubFor(post(urlEqualTo("/token"))
                .withFormParam("grant_type", equalTo("client_credentials"))
                .withFormParam("client_assertion_type", equalTo("urn:ietf:params:oauth:client-assertion-type:jwt-bearer"))
                .withFormParam("client_assertion", matching("[\\w-]+\\.[\\w-]+\\.[\\w-]+"))
                .willReturn(json(200, "{\"access_token\":\"cc-token-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));
        // the scenario's context
        String clientId = "conformance-test-client";
        SigningKey key = SigningKey.fromPem(SigningKeyTest.NODE_P256_PEM, "ES256", null);

        TokenForm form = TokenForm.empty().with("grant_type", "client_credentials")
                .and(new ClientAssertions(clientId, key).formFields(issuer));
        Answer answer = send(issuer + "/token", form, Map.of());

        assertThat(answer.status()).isEqualTo(200);
        Map<String, String> received = form(only("/token"));
        SignedJWT assertion = SignedJWT.parse(received.get("client_assertion"));
        // jose.jwtVerify(assertion, publicKey, {audience: [issuer, issuer + "/"], clockTolerance: 30})
        assertThat(assertion.verify(new ECDSAVerifier((ECKey) JWK.parse(SigningKeyTest.NODE_P256_PUBLIC_JWK)))).isTrue();
        JWTClaimsSet claims = assertion.getJWTClaimsSet();
        assertThat(claims.getAudience()).containsAnyOf(issuer, issuer + "/");
        assertThat(claims.getExpirationTime()).isAfter(Date.from(Instant.now().minusSeconds(30)));
        assertThat(claims.getIssuer()).isEqualTo(clientId);
        assertThat(claims.getSubject()).isEqualTo(clientId);
    }

    // ------------------------------------------------------------------ auth/enterprise-managed-authorization

    @Test
    void enterpriseManagedAuthorizationExchangesTheIdTokenForAnIdJagThenTheIdJagForAToken() throws Exception {
        String clientId = "conformance-test-xaa-client";
        String clientSecret = "conformance-test-xaa-secret";
        String idpClientId = "conformance-test-idp-client";
        String idToken = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJkZW1vLXVzZXJAZXhhbXBsZS5jb20ifQ.c2ln";
        String resource = mcp;
        ECKey idpKey = DpopProofs.generateKey();
        String idJag = signed(idpKey, "oauth-id-jag+jwt", new JWTClaimsSet.Builder().issuer(issuer + "/idp")
                .audience(issuer).subject("demo-user@example.com").claim("resource", resource).claim("client_id", clientId)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString()).build());
        wireMock.stubFor(post(urlEqualTo("/idp/token"))
                .withFormParam("grant_type", equalTo("urn:ietf:params:oauth:grant-type:token-exchange"))
                .withFormParam("subject_token", equalTo(idToken))
                .withFormParam("subject_token_type", equalTo("urn:ietf:params:oauth:token-type:id_token"))
                .withFormParam("requested_token_type", equalTo("urn:ietf:params:oauth:token-type:id-jag"))
                .withFormParam("audience", equalTo(issuer))
                .withFormParam("resource", equalTo(resource))
                .willReturn(json(200, "{\"access_token\":\"" + idJag
                        + "\",\"issued_token_type\":\"urn:ietf:params:oauth:token-type:id-jag\",\"token_type\":\"N_A\"}")));
        String basic = "Basic " + Base64.getEncoder().encodeToString((URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + ":" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
        wireMock.stubFor(post(urlEqualTo("/token"))
                .withHeader("Authorization", equalTo(basic))
                .withFormParam("grant_type", equalTo("urn:ietf:params:oauth:grant-type:jwt-bearer"))
                .withFormParam("assertion", equalTo(idJag))
                .willReturn(json(200, "{\"access_token\":\"test-token-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}")));

        // step 1, at the IdP (a public client there: client_id in the form)
        Answer exchanged = send(issuer + "/idp/token",
                TokenExchange.idJag(idToken, issuer, resource, null).form().with("client_id", idpClientId), Map.of());
        assertThat(exchanged.status()).isEqualTo(200);
        String jag = TokenExchangeResponse.parse(exchanged.body()).idJag();
        // step 2, at the MCP server's authorization server, with client_secret_basic
        Answer token = send(issuer + "/token", JwtBearerGrant.of(jag, null, null).form(), Map.of("Authorization", basic));

        assertThat(token.status()).isEqualTo(200);
        assertThat(token.body()).contains("test-token-1");
        // what the suite's authorization server checks of the ID-JAG it received
        SignedJWT received = SignedJWT.parse(form(only("/token")).get("assertion"));
        assertThat(received.getHeader().getType().getType()).isEqualTo("oauth-id-jag+jwt");
        assertThat(received.verify(new ECDSAVerifier(idpKey.toPublicJWK()))).isTrue();
        assertThat(received.getJWTClaimsSet().getAudience()).containsAnyOf(issuer, issuer + "/");
        assertThat(received.getJWTClaimsSet().getStringClaim("client_id")).isEqualTo(clientId);
        assertThat(received.getJWTClaimsSet().getStringClaim("resource")).isEqualTo(resource);
        assertThat(form(only("/token"))).doesNotContainKeys("client_secret", "client_id");
    }

    // ------------------------------------------------------------------ auth/wif-jwt-bearer

    @Test
    void workloadIdentityPresentsTheWorkloadsJwtAsItIs() throws Exception {
        String validJwt = signed(DpopProofs.generateKey(), null, new JWTClaimsSet.Builder()
                .issuer("https://idp.conformance-test.local").subject("conformance-workload").audience(issuer)
                .issueTime(new Date()).expirationTime(Date.from(Instant.now().plusSeconds(300))).build());
        wireMock.stubFor(post(urlEqualTo("/token"))
                .withFormParam("grant_type", equalTo("urn:ietf:params:oauth:grant-type:jwt-bearer"))
                .withFormParam("assertion", equalTo(validJwt))
                .willReturn(json(200, "{\"access_token\":\"test-token-2\",\"token_type\":\"Bearer\"}")));

        Answer answer = send(issuer + "/token",
                JwtBearerGrant.of(validJwt, null, null).form().with("client_id", "conformance-wif-workload"), Map.of());

        assertThat(answer.status()).isEqualTo(200);
        Map<String, String> received = form(only("/token"));
        assertThat(received).containsEntry("assertion", validJwt).doesNotContainKeys("client_assertion", "scope");
        assertThat(only("/token").getHeader("Authorization")).isNull();
    }

    // ------------------------------------------------------------------ auth/dpop

    @Test
    void dpopBindsTheTokenToTheKeyAndPresentsItWithAFreshProofPerRequest() throws Exception {
        DpopProofs proofs = DpopProofs.generate();
        String tokenEndpoint = issuer + "/token";
        ECKey asKey = DpopProofs.generateKey();
        wireMock.stubFor(post(urlEqualTo("/token")).withHeader("DPoP", matching(".+"))
                .willReturn(json(200, "{\"access_token\":\"" + boundToken(asKey, proofs.thumbprint())
                        + "\",\"token_type\":\"DPoP\",\"expires_in\":3600}")));
        mcpServer.stubFor(post(urlPathEqualTo("/mcp")).withHeader("Authorization", matching("DPoP .+"))
                .willReturn(json(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}")));

        Answer token = send(tokenEndpoint, TokenForm.empty().with("grant_type", "authorization_code"),
                Map.of(DpopProofs.HEADER, proofs.proof("POST", URI.create(tokenEndpoint))));
        assertThat(token.status()).isEqualTo(200);
        String accessToken = McpJsonField.text(token.body(), "access_token");
        for (int i = 0; i < 3; i++) {
            Answer call = send(mcp + "?ignored=query", TokenForm.empty(),
                    proofs.authorizationHeaders("POST", URI.create(mcp + "?ignored=query"), accessToken));
            assertThat(call.status()).isEqualTo(200);
        }

        assertThat(SuiteRules.tokenEndpointProofError(only("/token").getHeader("DPoP"), tokenEndpoint)).isNull();
        Set<String> jtis = new HashSet<>();
        for (LoggedRequest request : mcpServer.findAll(postRequestedFor(urlPathEqualTo("/mcp")))) {
            assertThat(request.getHeader("Authorization")).isEqualTo("DPoP " + accessToken);
            assertThat(SuiteRules.resourceProofError(request.getHeader("DPoP"), accessToken, "POST", mcp)).isNull();
            jtis.add(SignedJWT.parse(request.getHeader("DPoP")).getJWTClaimsSet().getJWTID());
        }
        assertThat(jtis).hasSize(3);
    }

    // ------------------------------------------------------------------ auth/dpop-nonce

    @Test
    void dpopNonceTheTokenRequestAndTheMcpRequestAreSentAgainWithTheServersNonce() throws Exception {
        DpopProofs proofs = DpopProofs.generate();
        String tokenEndpoint = issuer + "/token";
        wireMock.stubFor(post(urlEqualTo("/token")).inScenario("as").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(400, "{\"error\":\"use_dpop_nonce\",\"error_description\":\"nonce needed\"}")
                        .withHeader("DPoP-Nonce", "conformance-as-dpop-nonce"))
                .willSetStateTo("nonce given"));
        wireMock.stubFor(post(urlEqualTo("/token")).inScenario("as").whenScenarioStateIs("nonce given")
                .willReturn(json(200, "{\"access_token\":\"" + boundToken(DpopProofs.generateKey(), proofs.thumbprint())
                        + "\",\"token_type\":\"DPoP\"}")));
        mcpServer.stubFor(post(urlPathEqualTo("/mcp")).inScenario("rs").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(json(401, "{\"error\":\"use_dpop_nonce\"}")
                        .withHeader("WWW-Authenticate", "DPoP error=\"use_dpop_nonce\", resource_metadata=\""
                                + mcp.replace("/mcp", "/.well-known/oauth-protected-resource/mcp") + "\"")
                        .withHeader("DPoP-Nonce", "conformance-rs-dpop-nonce"))
                .willSetStateTo("nonce given"));
        mcpServer.stubFor(post(urlPathEqualTo("/mcp")).inScenario("rs").whenScenarioStateIs("nonce given")
                .willReturn(json(200, "{\"jsonrpc\":\"2.0\",\"id\":1,\"result\":{}}")));

        // the token request: a 400 use_dpop_nonce with a new nonce is worth one more send
        URI tokenUri = URI.create(tokenEndpoint);
        Answer token = send(tokenEndpoint, TokenForm.empty().with("grant_type", "authorization_code"),
                Map.of(DpopProofs.HEADER, proofs.proof("POST", tokenUri)));
        assertThat(token.status()).isEqualTo(400);
        assertThat(McpJsonField.text(token.body(), "error")).isEqualTo(DpopNonces.USE_DPOP_NONCE);
        assertThat(proofs.nonces().observe(tokenUri, token.headers())).isTrue();
        token = send(tokenEndpoint, TokenForm.empty().with("grant_type", "authorization_code"),
                Map.of(DpopProofs.HEADER, proofs.proof("POST", tokenUri)));
        assertThat(token.status()).isEqualTo(200);
        String accessToken = McpJsonField.text(token.body(), "access_token");

        // the MCP request: a 401 with a DPoP use_dpop_nonce challenge and a new nonce, the same
        URI mcpUri = URI.create(mcp);
        Answer call = send(mcp, TokenForm.empty(), proofs.authorizationHeaders("POST", mcpUri, accessToken));
        assertThat(call.status()).isEqualTo(401);
        assertThat(DpopNonces.asksForNonce(call.headers().getOrDefault("www-authenticate", List.of()))).isTrue();
        assertThat(proofs.nonces().observe(mcpUri, call.headers())).isTrue();
        call = send(mcp, TokenForm.empty(), proofs.authorizationHeaders("POST", mcpUri, accessToken));
        assertThat(call.status()).isEqualTo(200);

        List<LoggedRequest> tokenRequests = all("/token");
        assertThat(tokenRequests).hasSize(2);
        assertThat(nonce(tokenRequests.get(0))).isNull();
        assertThat(nonce(tokenRequests.get(1))).isEqualTo("conformance-as-dpop-nonce");
        List<LoggedRequest> mcpRequests = mcpServer.findAll(postRequestedFor(urlPathEqualTo("/mcp")));
        assertThat(mcpRequests).hasSize(2);
        assertThat(nonce(mcpRequests.get(0))).isNull();
        assertThat(nonce(mcpRequests.get(1))).isEqualTo("conformance-rs-dpop-nonce");
        Set<String> jtis = new HashSet<>();
        for (LoggedRequest request : tokenRequests) {
            assertThat(SuiteRules.tokenEndpointProofError(request.getHeader("DPoP"), tokenEndpoint)).isNull();
            jtis.add(SignedJWT.parse(request.getHeader("DPoP")).getJWTClaimsSet().getJWTID());
        }
        for (LoggedRequest request : mcpRequests) {
            assertThat(SuiteRules.resourceProofError(request.getHeader("DPoP"), accessToken, "POST", mcp)).isNull();
            jtis.add(SignedJWT.parse(request.getHeader("DPoP")).getJWTClaimsSet().getJWTID());
        }
        assertThat(jtis).hasSize(4);
    }

    // ------------------------------------------------------------------ the suite's rules, and helpers

    /** The suite's checks of DPoP proofs ({@code Za} at the token endpoint, {@code Yo} at the MCP server). */
    static final class SuiteRules {
        private static final Set<String> ALGS = Set.of("ES256", "ES384", "ES512", "RS256", "RS384", "RS512", "PS256",
                "PS384", "PS512", "EdDSA");

        static String tokenEndpointProofError(String proof, String tokenEndpoint) throws Exception {
            return common(proof, "POST", tokenEndpoint);
        }

        static String resourceProofError(String proof, String accessToken, String method, String url) throws Exception {
            String error = common(proof, method, url);
            if (error != null) {
                return error;
            }
            SignedJWT jwt = SignedJWT.parse(proof);
            if (!DpopProofs.ath(accessToken).equals(jwt.getJWTClaimsSet().getClaim("ath"))) {
                return "ath does not match the presented access token";
            }
            Object cnf = SignedJWT.parse(accessToken).getJWTClaimsSet().getJSONObjectClaim("cnf").get("jkt");
            if (!jwt.getHeader().getJWK().computeThumbprint().toString().equals(cnf)) {
                return "proof key thumbprint does not match the token cnf.jkt";
            }
            return null;
        }

        private static String common(String proof, String method, String url) throws Exception {
            if (proof == null) {
                return "missing DPoP proof header";
            }
            if (proof.contains(",")) {
                return "multiple DPoP proof headers";
            }
            SignedJWT jwt = SignedJWT.parse(proof);
            JWSHeader header = jwt.getHeader();
            if (!new JOSEObjectType("dpop+jwt").equals(header.getType())) {
                return "typ must be dpop+jwt";
            }
            if (!ALGS.contains(header.getAlgorithm().getName())) {
                return "alg must be a supported asymmetric algorithm";
            }
            if (header.getJWK() == null || header.getJWK().toJSONObject().containsKey("d")) {
                return "missing jwk header parameter, or a private one";
            }
            if (!jwt.verify(new ECDSAVerifier(header.getJWK().toECKey()))) {
                return "DPoP proof signature does not verify";
            }
            JWTClaimsSet claims = jwt.getJWTClaimsSet();
            if (claims.getJWTID() == null) {
                return "missing jti claim";
            }
            if (!method.equals(claims.getClaim("htm"))) {
                return "htm does not match the request method";
            }
            Object htu = claims.getClaim("htu");
            if (!(htu instanceof String s) || s.contains("?") || s.contains("#")) {
                return "htu must be a string without query or fragment";
            }
            if (!normalized(s).equals(normalized(url))) {
                return "htu does not match the request URI";
            }
            if (claims.getIssueTime() == null
                    || Math.abs(Instant.now().getEpochSecond() - claims.getIssueTime().toInstant().getEpochSecond()) > 300) {
                return "iat outside the acceptable window";
            }
            return null;
        }

        private static String normalized(String url) {
            URI uri = URI.create(url);
            return uri.getScheme() + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() == -1 ? "" : ":" + uri.getPort()) + uri.getRawPath().replaceAll("/$", "");
        }
    }

    /** Reads one string field of a JSON body. */
    static final class McpJsonField {
        static String text(String json, String field) {
            return dev.mcpclient.schema.McpJson.mapper().readTree(json).get(field).asString();
        }
    }

    private record Answer(int status, Map<String, List<String>> headers, String body) {
    }

    /** A throwaway token request sender: a form POST with {@code headers}, the answer whatever its status. */
    private Answer send(String url, TokenForm form, Map<String, String> headers) {
        return webClient.post().uri(URI.create(url))
                .contentType(MediaType.APPLICATION_FORM_URLENCODED)
                .headers(h -> headers.forEach(h::set))
                .body(BodyInserters.fromFormData(form.toMultiValueMap()))
                .exchangeToMono(response -> response.bodyToMono(String.class).defaultIfEmpty("").map(body -> {
                    Map<String, List<String>> lowerCased = new LinkedHashMap<>();
                    response.headers().asHttpHeaders().forEach((name, values) ->
                            lowerCased.put(name.toLowerCase(Locale.ROOT), List.copyOf(values)));
                    return new Answer(response.statusCode().value(), lowerCased, body);
                }))
                .timeout(TIMEOUT)
                .switchIfEmpty(Mono.error(new AssertionError("no answer")))
                .block();
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder json(int status, String body) {
        return aResponse().withStatus(status).withHeader("Content-Type", "application/json").withBody(body);
    }

    private List<LoggedRequest> all(String path) {
        return wireMock.findAll(postRequestedFor(urlEqualTo(path)));
    }

    private LoggedRequest only(String path) {
        List<LoggedRequest> requests = all(path);
        assertThat(requests).hasSize(1);
        return requests.get(0);
    }

    private static Map<String, String> form(LoggedRequest request) {
        Map<String, String> fields = new LinkedHashMap<>();
        for (String pair : request.getBodyAsString().split("&")) {
            int eq = pair.indexOf('=');
            fields.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return fields;
    }

    private static String nonce(LoggedRequest request) throws Exception {
        return SignedJWT.parse(request.getHeader("DPoP")).getJWTClaimsSet().getStringClaim("nonce");
    }

    /** An {@code at+jwt} access token bound to {@code jkt}, as the suite's authorization server issues it. */
    private String boundToken(ECKey asKey, String jkt) throws Exception {
        return signed(asKey, "at+jwt", new JWTClaimsSet.Builder().issuer(issuer).audience(issuer + "/mcp")
                .subject("conformance-test-subject").issueTime(new Date())
                .expirationTime(Date.from(Instant.now().plusSeconds(3600))).claim("cnf", Map.of("jkt", jkt)).build());
    }

    private static String signed(ECKey key, String typ, JWTClaimsSet claims) throws Exception {
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256);
        if (typ != null) {
            header.type(new JOSEObjectType(typ));
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(new ECDSASigner(key));
        return jwt.serialize();
    }

}
