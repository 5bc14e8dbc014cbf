package dev.mcpclient.transport.http;

import dev.mcpclient.McpTransportException;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.ClientRequest;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.ExchangeFilterFunction;
import org.springframework.web.reactive.function.client.ExchangeFunction;
import reactor.core.publisher.Mono;

/**
 * What an HTTP transport does with a redirect: a {@code 307} or {@code 308} to the same origin (scheme,
 * host and port) is followed, the same request (method, headers, body) sent to its {@code Location}, at
 * most {@link #MAX_REDIRECTS} times in a row (a server that answers {@code /mcp} with {@code /mcp/} works);
 * any other redirect fails the request with an {@link McpTransportException} that says so, with the status
 * and where it pointed. A redirect to another origin is never followed: the request carries the session
 * id, the configured headers and the credentials, which are the server's alone. {@code 301}, {@code 302}
 * and {@code 303} are not followed either: HTTP clients turn them into a {@code GET} without the body.
 *
 * <p>The outermost filter of the transport's {@code WebClient}: each request it sends again goes through
 * the authorization filter anew, for the URL it goes to. A {@code WebClient} whose connector follows
 * redirects itself ({@code HttpClient.followRedirect}) never shows this filter one.
 */
final class RedirectFilter implements ExchangeFilterFunction {

    private static final Logger log = LoggerFactory.getLogger(RedirectFilter.class);

    /** How many redirects in a row are followed. */
    static final int MAX_REDIRECTS = 5;

    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);
    private static final Set<Integer> FOLLOWED = Set.of(307, 308);

    private final AtomicBoolean followingLogged = new AtomicBoolean();

    @Override
    public Mono<ClientResponse> filter(ClientRequest request, ExchangeFunction next) {
        return send(request, next, 0);
    }

    private Mono<ClientResponse> send(ClientRequest request, ExchangeFunction next, int redirects) {
        return next.exchange(request).flatMap(response -> {
            int status = response.statusCode().value();
            if (!REDIRECTS.contains(status)) {
                return Mono.just(response);
            }
            String what = request.method().name() + " " + UrlRedaction.redact(request.url());
            String location = response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION);
            URI target = location == null ? null : resolve(request.url(), location);
            // Read and let go of the redirect's body first: its connection is free for the next request.
            return HttpResponses.excerpt(response).flatMap(text -> {
                if (target == null) {
                    return Mono.error(new McpTransportException(what + " was answered with a redirect without "
                            + (location == null ? "a Location" : "a valid Location"), status, text));
                }
                if (!Origins.same(target, request.url())) {
                    return Mono.error(new McpTransportException(what + " was redirected to another origin, "
                            + Origins.show(target) + "; redirects to another origin are not followed, as the request carries "
                            + "the session id and credentials (if the server moved, configure its new URL)", status, text));
                }
                if (!FOLLOWED.contains(status)) {
                    return Mono.error(new McpTransportException(what + " was redirected to "
                            + UrlRedaction.redact(target) + "; only 307 and 308, which keep the method and body, are "
                            + "followed (configure the URL it redirects to)", status, text));
                }
                if (redirects >= MAX_REDIRECTS) {
                    return Mono.error(new McpTransportException(what + " was redirected more than " + MAX_REDIRECTS
                            + " times in a row; the last time to " + UrlRedaction.redact(target), status, text));
                }
                if (followingLogged.compareAndSet(false, true)) {
                    log.info("{} is redirected (HTTP {}) to {} on the same origin: following (configure that URL to save "
                            + "the round trip; this is logged once)", what, status, UrlRedaction.redact(target));
                }
                return send(ClientRequest.from(request).url(target).build(), next, redirects + 1);
            });
        });
    }

    private static URI resolve(URI base, String location) {
        try {
            URI target = base.resolve(location.strip());
            return target.getHost() == null ? null : target;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
