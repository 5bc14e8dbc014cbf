package dev.mcpclient.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/** The options both HTTP transports' builders share: their checks, their defaults and the client they make. */
class HttpOptionsTest {

    @Test
    void bothBuildersTakeOnlyHttpUrls() {
        for (String url : new String[] {"ftp://example.com/mcp", "example.com/mcp", "file:///tmp/mcp"}) {
            assertThatThrownBy(() -> StreamableHttpTransport.builder(url)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not an http(s) URL: " + url);
            assertThatThrownBy(() -> LegacySseTransport.builder(url)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("not an http(s) URL: " + url);
        }
        assertThatThrownBy(() -> StreamableHttpTransport.builder(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> LegacySseTransport.builder(null)).isInstanceOf(NullPointerException.class);
        assertThat(new HttpOptions("HTTPS://example.com/mcp").url()).isEqualTo(URI.create("HTTPS://example.com/mcp"));
        assertThat(new HttpOptions("http://127.0.0.1:8080/sse").url()).isEqualTo(URI.create("http://127.0.0.1:8080/sse"));
    }

    @Test
    void bothBuildersRefuseAMessageLimitUnder1KiB() {
        assertThatThrownBy(() -> StreamableHttpTransport.builder("http://127.0.0.1/mcp").maxMessageSize(1023))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxMessageSize must be at least 1024 bytes");
        assertThatThrownBy(() -> LegacySseTransport.builder("http://127.0.0.1/sse").maxMessageSize(1023))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("maxMessageSize must be at least 1024 bytes");
        HttpOptions options = new HttpOptions("http://127.0.0.1/mcp");
        assertThat(options.maxMessageBytes()).isEqualTo(16 * 1024 * 1024);
        options.maxMessageSize(1024);
        assertThat(options.maxMessageBytes()).isEqualTo(1024);
    }

    @Test
    void headersAndCustomizersApplyInTheOrderGiven() {
        HttpOptions options = new HttpOptions("http://127.0.0.1/mcp");
        options.header("X-Order", "1");
        options.headers(h -> h.set("X-Order", h.getFirst("X-Order") + "2"));
        options.header("X-Other", "o");
        HttpHeaders headers = new HttpHeaders();

        options.headers().accept(headers);

        assertThat(headers.getFirst("X-Order")).isEqualTo("12");
        assertThat(headers.getFirst("X-Other")).isEqualTo("o");
        assertThatThrownBy(() -> options.header("X-Null", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> options.headers(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theReconnectPolicyDefaultsAndCannotBeNull() {
        HttpOptions options = new HttpOptions("http://127.0.0.1/mcp");
        assertThat(options.reconnect()).isSameAs(ReconnectPolicy.DEFAULT);
        ReconnectPolicy fast = new ReconnectPolicy(Duration.ofMillis(10), Duration.ofMillis(100), 5);
        options.reconnect(fast);
        assertThat(options.reconnect()).isSameAs(fast);
        assertThatThrownBy(() -> options.reconnect(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theClientOwnsItsConnectionsOnlyWhenNoBuilderWasGiven() {
        HttpOptions own = new HttpOptions("http://127.0.0.1/mcp");
        HttpOptions.Client client = own.newClient("http-options-test");
        assertThat(client.webClient()).isNotNull();
        assertThat(client.ownedConnections()).isNotNull();
        client.ownedConnections().disposeLater().block(Duration.ofSeconds(5));

        HttpOptions given = new HttpOptions("http://127.0.0.1/mcp");
        WebClient.Builder builder = WebClient.builder();
        given.webClientBuilder(builder);
        HttpOptions.Client built = given.newClient("http-options-test");
        assertThat(built.webClient()).isNotNull();
        assertThat(built.ownedConnections()).isNull();
    }
}
