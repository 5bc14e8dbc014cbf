package dev.mcpclient.auth;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@link HeadlessAuthorizationCodeHandler} against an authorization endpoint on WireMock (127.0.0.1). */
class HeadlessAuthorizationCodeHandlerTest {

    private final AuthServers servers = new AuthServers();

    @AfterEach
    void stop() {
        servers.close();
    }

    @Test
    void followsTheAuthorizationServersRedirectsAndReadsTheResponseWithoutRequestingTheRedirectUri() {
        URI redirectUri = URI.create(servers.base + "/callback");
        servers.wireMock.stubFor(get(urlPathEqualTo("/authorize"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", "/consent?x=1")));
        servers.wireMock.stubFor(get(urlPathEqualTo("/consent")).willReturn(aResponse().withStatus(302)
                .withHeader("Location", redirectUri + "?code=abc&state=s%201&iss=" + servers.base)));
        AuthorizationCodeHandler.AuthorizationResponse response = HeadlessAuthorizationCodeHandler.create()
                .authorize(URI.create(servers.base + "/authorize?client_id=c"), redirectUri).block(Duration.ofSeconds(10));
        assertThat(response.code()).isEqualTo("abc");
        assertThat(response.state()).isEqualTo("s 1");
        assertThat(response.iss()).isEqualTo(servers.base);
        assertThat(servers.requests("/callback")).isEmpty();
    }

    @Test
    void anAuthorizationServerThatShowsAPageIsAClearError() {
        servers.wireMock.stubFor(get(urlPathEqualTo("/authorize")).willReturn(aResponse().withStatus(200).withBody("<html>")));
        assertThatThrownBy(() -> HeadlessAuthorizationCodeHandler.create()
                .authorize(URI.create(servers.base + "/authorize"), URI.create("http://127.0.0.1:9/cb"))
                .block(Duration.ofSeconds(10)))
                .isInstanceOf(McpAuthorizationException.class).hasMessageContaining("HTTP 200")
                .hasMessageContaining("wants a user");
    }

    @Test
    void anAuthorizationServerThatRefusesTheRequestIsNotSaidToWantAUser() {
        // Spring Authorization Server answers an unknown client_id so, instead of redirecting.
        servers.wireMock.stubFor(get(urlPathEqualTo("/authorize")).willReturn(aResponse().withStatus(400)));
        assertThatThrownBy(() -> HeadlessAuthorizationCodeHandler.create()
                .authorize(URI.create(servers.base + "/authorize"), URI.create("http://127.0.0.1:9/cb"))
                .block(Duration.ofSeconds(10)))
                .isInstanceOf(McpAuthorizationException.class).hasMessageContaining("HTTP 400")
                .hasMessageContaining("refused the authorization request").hasMessageNotContaining("wants a user");
    }
}
