package dev.mcpclient.transport.http;

import dev.mcpclient.auth.McpAuthorization;
import dev.mcpclient.transport.TransportBuilder;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * What the two HTTP transports' builders share ({@link StreamableHttpTransport.Builder},
 * {@link LegacySseTransport.Builder}): the server's http(s) URL, the {@code WebClient.Builder} to build
 * on, the headers of every request and how streams are reopened; besides the size limit and the
 * close timeout of every transport.
 *
 * @param <B> the concrete builder
 * @since 0.2.0
 */
public abstract class HttpTransportBuilder<B extends HttpTransportBuilder<B>> extends TransportBuilder<B> {

    private final URI url;
    private WebClient.Builder webClientBuilder;
    private Consumer<HttpHeaders> headers = h -> { };
    private ReconnectPolicy reconnect = ReconnectPolicy.DEFAULT;
    private McpAuthorization authorization;

    /** A builder for the server at {@code url}, which must be an http(s) URL. */
    protected HttpTransportBuilder(String url) {
        Objects.requireNonNull(url, "url");
        URI uri = URI.create(url.strip());
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("not an http(s) URL: " + UrlRedaction.redact(url));
        }
        this.url = uri;
    }

    /**
     * The {@code WebClient.Builder} to build on (codecs, SSL, filters, observation); cloned, not
     * changed. Default: a {@code WebClient} on a connection pool of the transport's own, closed with it.
     */
    public B webClientBuilder(WebClient.Builder builder) {
        this.webClientBuilder = Objects.requireNonNull(builder, "builder");
        return self();
    }

    /** A header sent with every request, set after the headers and customizers given before. */
    public B header(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        return headers(h -> h.set(name, value));
    }

    /**
     * Adjusts the headers of every request just before it is sent (e.g. a token that changes), after
     * the headers and customizers given before.
     */
    public B headers(Consumer<HttpHeaders> customizer) {
        this.headers = headers.andThen(Objects.requireNonNull(customizer, "customizer"));
        return self();
    }

    /**
     * Authorizes every request (e.g. {@link dev.mcpclient.auth.OAuthAuthorization}): its headers go on
     * each request, and a request refused with 401 or 403 is sent again when it renewed them. Default:
     * none (requests carry only the headers given here).
     */
    public B authorization(McpAuthorization authorization) {
        this.authorization = Objects.requireNonNull(authorization, "authorization");
        return self();
    }

    /** How streams are reopened after they ended or broke; default {@link ReconnectPolicy#DEFAULT}. */
    public B reconnect(ReconnectPolicy policy) {
        this.reconnect = Objects.requireNonNull(policy, "policy");
        return self();
    }

    /** What the transport is built from; {@code poolName} names its own connection pool, if it gets one. */
    final HttpSettings settings(String poolName) {
        return HttpSettings.of(url, headers, maxMessageBytes(), reconnect, closeTimeout(), webClientBuilder, poolName,
                authorization);
    }
}
