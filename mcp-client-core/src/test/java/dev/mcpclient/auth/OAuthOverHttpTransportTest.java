package dev.mcpclient.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mcpclient.McpClient;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OAuthAuthorization} on a real Streamable HTTP transport: an MCP server stubbed by WireMock
 * (127.0.0.1) that refuses requests without its token. The client gets the token on the first
 * refusal and goes on; a server that refuses every token fails the call clearly after one renewal.
 */
class OAuthOverHttpTransportTest {

    private final AuthServers servers = new AuthServers();

    @AfterEach
    void stop() {
        servers.close();
    }

    private void mcpServer(String acceptedToken) {
        String prm = servers.base + "/.well-known/oauth-protected-resource/mcp";
        servers.wireMock.stubFor(any(urlEqualTo("/mcp")).atPriority(50).willReturn(aResponse().withStatus(401)
                .withHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", resource_metadata=\"" + prm + "\"")));
        servers.wireMock.stubFor(post(urlEqualTo("/mcp")).atPriority(10)
                .withHeader("Authorization", equalTo("Bearer " + acceptedToken))
                .withRequestBody(matchingJsonPath("$.method", equalTo("initialize")))
                .willReturn(jsonRpc("{\"protocolVersion\":\"2025-06-18\",\"capabilities\":{\"tools\":{}},"
                        + "\"serverInfo\":{\"name\":\"wiremock\",\"version\":\"1\"}}")));
        servers.wireMock.stubFor(post(urlEqualTo("/mcp")).atPriority(10)
                .withHeader("Authorization", equalTo("Bearer " + acceptedToken))
                .withRequestBody(matchingJsonPath("$.method", equalTo("tools/list")))
                .willReturn(jsonRpc("{\"tools\":[{\"name\":\"echo\",\"inputSchema\":{\"type\":\"object\"}}]}")));
        servers.wireMock.stubFor(post(urlEqualTo("/mcp")).atPriority(20)
                .withHeader("Authorization", equalTo("Bearer " + acceptedToken))
                .willReturn(aResponse().withStatus(202)));
        servers.wireMock.stubFor(any(urlEqualTo("/mcp")).atPriority(30)
                .withHeader("Authorization", equalTo("Bearer " + acceptedToken))
                .willReturn(aResponse().withStatus(405)));
    }

    private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder jsonRpc(String result) {
        return aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                .withBody("{\"jsonrpc\":\"2.0\",\"id\":{{jsonPath request.body '$.id'}},\"result\":" + result + "}")
                .withTransformers("response-template");
    }

    private McpClient client(RecordingHandler handler) {
        OAuthAuthorization auth = OAuthAuthorization.builder().redirectUri("http://127.0.0.1:9/callback")
                .authorizationCodeHandler(handler).build();
        return McpClient.builder(StreamableHttpTransport.builder(servers.mcpUrl().toString()).authorization(auth))
                .protocolVersion("2025-06-18")
                .requestTimeout(Duration.ofSeconds(10)).build();
    }

    @Test
    void theFirstRefusalGetsATokenAndEveryRequestCarriesIt() {
        mcpServer("tok-1");
        servers.prm().asMetadata("").register("{\"client_id\":\"c\"}")
                .token("{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        RecordingHandler handler = RecordingHandler.answering(null);
        try (McpClient client = client(handler)) {
            assertThat(client.listTools().tools()).extracting(t -> t.name()).containsExactly("echo");
            assertThat(client.listTools().tools()).hasSize(1);
        }
        assertThat(servers.requests("/token")).hasSize(1);
        assertThat(handler.requests).hasSize(1);
    }

    @Test
    void aServerThatRefusesEveryTokenFailsTheCallNamingTheServerAfterOneRenewal() {
        mcpServer("never-issued");
        servers.prm().asMetadata("").register("{\"client_id\":\"c\"}")
                .token("{\"access_token\":\"tok-1\",\"token_type\":\"Bearer\",\"expires_in\":3600}");
        Throwable failure;
        try (McpClient client = client(RecordingHandler.answering(null))) {
            failure = catchThrowable(client::listTools);
        }
        Throwable cause = failure;
        while (cause != null && !(cause instanceof McpAuthorizationException)) {
            cause = cause.getCause();
        }
        assertThat(cause).as("an McpAuthorizationException in " + failure).isNotNull();
        assertThat(cause.getMessage()).contains(servers.base + "/mcp", "refused", "401").doesNotContain("tok-1");
        assertThat(((McpAuthorizationException) cause).status()).isEqualTo(401);
        assertThat(servers.requests("/token")).as("the first token and one renewal").hasSize(2);
    }
}
