package dev.mcpclient.transport.http;

import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The options both HTTP transports' builders take ({@link StreamableHttpTransport.Builder},
 * {@link LegacySseTransport.Builder}), with their checks and defaults: the server's http(s) URL, the
 * {@code WebClient.Builder} to build on, the headers of every request, the largest message accepted and
 * how streams are reopened. The builders' public methods delegate here, each keeping its own Javadoc.
 */
final class HttpOptions {

    /** The default of {@link #maxMessageBytes()}: 16 MiB. */
    static final int DEFAULT_MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final URI url;
    private WebClient.Builder webClientBuilder;
    private Consumer<HttpHeaders> headers = h -> { };
    private int maxMessageBytes = DEFAULT_MAX_MESSAGE_BYTES;
    private ReconnectPolicy reconnect = ReconnectPolicy.DEFAULT;

    /** Options for the server at {@code url}, which must be an http(s) URL. */
    HttpOptions(String url) {
        Objects.requireNonNull(url, "url");
        URI uri = URI.create(url);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http(s) URL: " + url);
        }
        this.url = uri;
    }

    /** The builder to clone; {@code null}: a {@code WebClient} on connections of the transport's own. */
    void webClientBuilder(WebClient.Builder builder) {
        this.webClientBuilder = builder;
    }

    /** Sets a header on every request, after the headers and customizers given before. */
    void header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        headers(h -> h.set(name, value));
    }

    /** Runs {@code customizer} on the headers of every request, after those given before. */
    void headers(Consumer<HttpHeaders> customizer) {
        Consumer<HttpHeaders> previous = this.headers;
        this.headers = previous.andThen(Objects.requireNonNull(customizer, "customizer"));
    }

    /** The largest message accepted, in bytes: at least 1024. */
    void maxMessageSize(int bytes) {
        if (bytes < 1024) {
            throw new IllegalArgumentException("maxMessageSize must be at least 1024 bytes");
        }
        this.maxMessageBytes = bytes;
    }

    /** How streams are reopened. */
    void reconnect(ReconnectPolicy policy) {
        this.reconnect = Objects.requireNonNull(policy, "policy");
    }

    /** The server's URL. */
    URI url() {
        return url;
    }

    /** What is done to the headers of every request: the headers and customizers given, in order. */
    Consumer<HttpHeaders> headers() {
        return headers;
    }

    int maxMessageBytes() {
        return maxMessageBytes;
    }

    ReconnectPolicy reconnect() {
        return reconnect;
    }

    /**
     * A new {@code WebClient}: built on a clone of the builder given, or else on a connection pool of its
     * own named {@code poolName}, which the transport then owns and disposes of when it closes.
     */
    Client newClient(String poolName) {
        if (webClientBuilder != null) {
            return new Client(webClientBuilder.clone().build(), null);
        }
        ConnectionProvider connections = ConnectionProvider.builder(poolName).maxConnections(1000)
                .pendingAcquireMaxCount(-1).build();
        WebClient client = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)))
                .build();
        return new Client(client, connections);
    }

    /** A {@code WebClient} and the connections it owns ({@code null} when built on a given builder). */
    record Client(WebClient webClient, ConnectionProvider ownedConnections) {
    }
}
