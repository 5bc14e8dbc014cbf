package dev.mcpclient.transport.http;

import dev.mcpclient.auth.McpAuthorization;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * What an HTTP transport is built from, fixed at build time: its URL (and how logs and errors show
 * it), the headers of every request, the limits, and the {@code WebClient} it sends with.
 *
 * @param url the server's URL
 * @param shownUrl the URL as logs and errors show it ({@link UrlRedaction})
 * @param headers what is done to the headers of every request
 * @param maxMessageBytes the size limit of one message
 * @param reconnect how streams are reopened
 * @param closeTimeout how long closing may take
 * @param webClient the client every request goes through
 * @param ownedConnections the connection pool the transport owns and closes, or {@code null} when the
 *     {@code WebClient} was built on the application's builder (or is shared with another transport)
 * @param authorization the filter authorizing every request of the {@code WebClient}, or {@code null}
 */
record HttpSettings(URI url, String shownUrl, Consumer<HttpHeaders> headers, int maxMessageBytes,
        ReconnectPolicy reconnect, Duration closeTimeout, WebClient webClient, ConnectionProvider ownedConnections,
        AuthorizationFilter authorization) {

    private static final Logger log = LoggerFactory.getLogger(HttpSettings.class);

    static HttpSettings of(URI url, Consumer<HttpHeaders> headers, int maxMessageBytes, ReconnectPolicy reconnect,
            Duration closeTimeout, WebClient.Builder webClientBuilder, String poolName, McpAuthorization authorization) {
        WebClient.Builder builder;
        ConnectionProvider owned = null;
        if (webClientBuilder != null) {
            builder = webClientBuilder.clone();
        } else {
            owned = ConnectionProvider.builder(poolName).maxConnections(1000).pendingAcquireMaxCount(-1).build();
            builder = WebClient.builder().clientConnector(new ReactorClientHttpConnector(HttpClient.create(owned)));
        }
        String shownUrl = UrlRedaction.redact(url);
        // Outermost of the transport's filters: a redirect it follows is authorized anew, for where it goes.
        builder.filter(new RedirectFilter());
        AuthorizationFilter filter = authorization == null ? null : new AuthorizationFilter(authorization, shownUrl);
        if (filter != null) {
            builder.filter(filter);
        }
        return new HttpSettings(url, shownUrl, headers, maxMessageBytes, reconnect, closeTimeout, builder.build(), owned,
                filter);
    }

    /** The same settings for another transport on the same {@code WebClient}, which this one keeps owning. */
    HttpSettings sharing() {
        return new HttpSettings(url, shownUrl, headers, maxMessageBytes, reconnect, closeTimeout, webClient, null,
                authorization);
    }

    /** How many requests the server refused for authorization so far. */
    long authorizationRefusals() {
        return authorization == null ? 0 : authorization.refusals();
    }

    /** Closes the connection pool the transport owns, if any, bounded by the close timeout. Never fails. */
    Mono<Void> closeConnections() {
        if (ownedConnections == null) {
            return Mono.empty();
        }
        return ownedConnections.disposeLater().timeout(closeTimeout).onErrorResume(e -> {
            log.debug("Closing the connections to {} failed: {}", shownUrl, e.toString());
            return Mono.empty();
        });
    }
}
