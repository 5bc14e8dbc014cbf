package dev.mcpclient.interop;

import dev.mcpclient.McpClient;
import dev.mcpclient.auth.HeadlessAuthorizationCodeHandler;
import dev.mcpclient.auth.OAuthAuthorization;
import dev.mcpclient.auth.OAuthAuthorizationBuilder;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.Tool;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The conformance client's authorization scenarios ({@code auth/...}): each builds an
 * {@link OAuthAuthorization} from the scenario's context and calls the server through it.
 */
final class ConformanceAuth {

    private ConformanceAuth() {
    }

    /**
     * The authorization scenarios ({@code auth/...}): the server refuses requests without a token; the
     * client must discover, register (or use the pre-registered client or its Client ID Metadata
     * Document), obtain a token and use it. The client lists the tools and calls each one, so that a
     * scenario can ask for more scope on {@code tools/call} or move its authorization server between
     * two requests. The suite's context gives the pre-registered or client-credentials client
     * ({@code client_id}, {@code client_secret}); scenarios where the client must refuse accept any exit code.
     * The extension scenarios: {@code auth/client-credentials-jwt} ({@code private_key_jwt}),
     * {@code auth/enterprise-managed-authorization} (token exchange at the IdP, then JWT bearer),
     * {@code auth/wif-jwt-bearer} (the workload's JWT), {@code auth/dpop} and {@code auth/dpop-nonce}
     * (the authorization code grant with DPoP).
     */
    static int run(String scenario, String url) {
        JsonNode context = optionalContext();
        AuthScenarioContext given = AuthScenarioContext.of(context);
        OAuthAuthorizationBuilder auth = OAuthAuthorization.builder()
                .clientName("mcp-client-java-conformance");
        String clientId = given.clientId();
        String clientSecret = given.clientSecret();
        switch (scenario) {
            case "auth/client-credentials-jwt":
                // private_key_jwt: the context's PKCS#8 PEM key and algorithm (SEP-1046)
                auth.clientCredentials().clientId(given.require(clientId, "client_id"))
                        .privateKeyJwt(given.require(given.privateKeyPem(), "private_key_pem"), given.signingAlgorithm(), null);
                break;
            case "auth/enterprise-managed-authorization":
                // SEP-990: the IdP's ID token exchanged for an ID-JAG, then the JWT bearer grant with Basic auth
                auth.enterpriseManagedAuthorization(given.require(given.idpTokenEndpoint(), "idp_token_endpoint").toString(),
                                given.require(given.idpIdToken(), "idp_id_token"))
                        .idpClientId(given.require(given.idpClientId(), "idp_client_id"))
                        .clientId(given.require(clientId, "client_id"))
                        .clientSecret(given.require(clientSecret, "client_secret"));
                break;
            case "auth/wif-jwt-bearer":
                // SEP-1933: the workload's JWT as it is, no client authentication
                auth.jwtBearer(given.require(given.validJwt(), "valid_jwt"));
                if (clientId != null) {
                    auth.clientId(clientId);
                }
                break;
            default:
                if (scenario.startsWith("auth/client-credentials")) {
                    auth.clientCredentials().clientId(clientId).clientSecret(clientSecret);
                    break;
                }
                if (clientId != null) {
                    auth.clientId(clientId);
                    if (clientSecret != null) {
                        auth.clientSecret(clientSecret);
                    }
                }
                auth.clientMetadataUrl(CLIENT_METADATA_URL)
                        .redirectUri("http://127.0.0.1:3000/callback")
                        .authorizationCodeHandler(HeadlessAuthorizationCodeHandler.create());
                // SEP-1932: DPoP-bound tokens where the authorization server supports them (auth/dpop, auth/dpop-nonce)
                auth.dpop(scenario.startsWith("auth/dpop"));
        }
        try (McpClient client = McpClient.builder(StreamableHttpTransport.builder(url).authorization(auth.build()))
                .clientInfo("mcp-client-java-conformance", "0.1.0")
                .requestTimeout(Duration.ofSeconds(10))
                .build()) {
            ListToolsResult tools = client.listTools();
            for (Tool tool : tools.tools()) {
                CallToolResult result = client.callTool(tool.name(), ConformanceClient.sampleArguments(tool.inputSchema()));
                System.out.println(tool.name() + ": " + ConformanceClient.text(result));
            }
        }
        return 0;
    }

    /** The Client ID Metadata Document URL the suite expects (auth/basic-cimd). */
    static final String CLIENT_METADATA_URL = "https://conformance-test.local/client-metadata.json";

    /** The scenario's context, or an empty object when the suite gave none. */
    private static JsonNode optionalContext() {
        String json = System.getenv("MCP_CONFORMANCE_CONTEXT");
        return json == null || json.isBlank() ? McpJson.mapper().createObjectNode() : McpJson.mapper().readTree(json);
    }
}
