package dev.mcpclient.transport.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.transport.TransportBuilder;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/** The options both HTTP transports' builders share: their checks, their defaults and the client they make. */
class HttpTransportBuilderTest {

    @Test
    void bothBuildersTakeOnlyHttpUrls() {
        for (String url : new String[] {"ftp://example.com/mcp", "example.com/mcp", "file:///tmp/mcp"}) {
            assertThatThrownBy(() -> StreamableHttpTransport.builder(url)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not an http(s) URL: ");
            assertThatThrownBy(() -> LegacySseTransport.builder(url)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("not an http(s) URL: ");
        }
        assertThatThrownBy(() -> StreamableHttpTransport.builder(null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> LegacySseTransport.builder(null)).isInstanceOf(NullPointerException.class);
        assertThat(settings(StreamableHttpTransport.builder("HTTPS://example.com/mcp")).url())
                .isEqualTo(URI.create("HTTPS://example.com/mcp"));
        assertThat(settings(LegacySseTransport.builder("http://127.0.0.1:8080/sse")).url())
                .isEqualTo(URI.create("http://127.0.0.1:8080/sse"));
    }

    @Test
    void aRefusedUrlIsShownWithoutItsSecrets() {
        assertThatThrownBy(() -> StreamableHttpTransport.builder("ftp://user:secret@example.com/mcp?token=abc"))
                .hasMessage("not an http(s) URL: ftp://******@example.com/mcp?******");
    }

    @Test
    void bothBuildersRefuseAMessageLimitUnder1KiB() {
        assertThatThrownBy(() -> StreamableHttpTransport.builder("http://127.0.0.1/mcp").maxMessageSize(1023))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxMessageSize must be at least 1024 bytes");
        assertThatThrownBy(() -> LegacySseTransport.builder("http://127.0.0.1/sse").maxMessageSize(1023))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("maxMessageSize must be at least 1024 bytes");
        assertThat(settings(StreamableHttpTransport.builder("http://127.0.0.1/mcp")).maxMessageBytes())
                .isEqualTo(TransportBuilder.DEFAULT_MAX_MESSAGE_SIZE).isEqualTo(16 * 1024 * 1024);
        assertThat(settings(StreamableHttpTransport.builder("http://127.0.0.1/mcp").maxMessageSize(1024)).maxMessageBytes())
                .isEqualTo(1024);
    }

    @Test
    void theCloseTimeoutDefaultsTo5SecondsAndMustBePositive() {
        assertThat(settings(LegacySseTransport.builder("http://127.0.0.1/sse")).closeTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(settings(LegacySseTransport.builder("http://127.0.0.1/sse").closeTimeout(Duration.ofSeconds(1)))
                .closeTimeout()).isEqualTo(Duration.ofSeconds(1));
        assertThatThrownBy(() -> StreamableHttpTransport.builder("http://127.0.0.1/mcp").closeTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void headersAndCustomizersApplyInTheOrderGiven() {
        StreamableHttpTransport.Builder builder = StreamableHttpTransport.builder("http://127.0.0.1/mcp")
                .header("X-Order", "1")
                .headers(h -> h.set("X-Order", h.getFirst("X-Order") + "2"))
                .header("X-Other", "o");
        HttpHeaders headers = new HttpHeaders();

        settings(builder).headers().accept(headers);

        assertThat(headers.getFirst("X-Order")).isEqualTo("12");
        assertThat(headers.getFirst("X-Other")).isEqualTo("o");
        assertThatThrownBy(() -> builder.header("X-Null", null)).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> builder.headers(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theReconnectPolicyDefaultsAndCannotBeNull() {
        StreamableHttpTransport.Builder builder = StreamableHttpTransport.builder("http://127.0.0.1/mcp");
        assertThat(settings(builder).reconnect()).isSameAs(ReconnectPolicy.DEFAULT);
        ReconnectPolicy fast = new ReconnectPolicy(Duration.ofMillis(10), Duration.ofMillis(100), 5);
        assertThat(settings(builder.reconnect(fast)).reconnect()).isSameAs(fast);
        assertThatThrownBy(() -> builder.reconnect(null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void theTransportOwnsItsConnectionsOnlyWhenNoBuilderWasGiven() {
        HttpSettings own = settings(StreamableHttpTransport.builder("http://127.0.0.1/mcp"));
        assertThat(own.webClient()).isNotNull();
        assertThat(own.ownedConnections()).isNotNull();
        assertThat(own.sharing().ownedConnections()).isNull();
        own.closeConnections().block(Duration.ofSeconds(5));
        assertThat(own.ownedConnections().isDisposed()).isTrue();

        HttpSettings given = settings(StreamableHttpTransport.builder("http://127.0.0.1/mcp").webClientBuilder(WebClient.builder()));
        assertThat(given.webClient()).isNotNull();
        assertThat(given.ownedConnections()).isNull();
    }

    private static HttpSettings settings(HttpTransportBuilder<?> builder) {
        return builder.settings("http-transport-builder-test");
    }
}
