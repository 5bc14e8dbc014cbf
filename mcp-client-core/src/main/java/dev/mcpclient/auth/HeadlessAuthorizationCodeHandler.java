package dev.mcpclient.auth;

import dev.mcpclient.transport.http.UrlRedaction;
import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * An {@link AuthorizationCodeHandler} without a user: it requests the authorization URL over HTTP and
 * follows the authorization server's redirects until one points at the redirect URI, whose query is
 * the authorization response. The redirect URI itself is never requested. For tests and for
 * authorization servers that authorize the client without asking anyone; an authorization server
 * that answers with a page (a sign-in form) fails the authorization with a clear message.
 *
 * @since 0.2.0
 */
public final class HeadlessAuthorizationCodeHandler implements AuthorizationCodeHandler {

    private static final int MAX_REDIRECTS = 10;

    private final WebClient webClient;
    private final Duration timeout;

    private HeadlessAuthorizationCodeHandler(WebClient webClient, Duration timeout) {
        this.webClient = webClient;
        this.timeout = timeout;
    }

    /** A handler on a {@code WebClient} of its own (which does not follow redirects). */
    public static HeadlessAuthorizationCodeHandler create() {
        return new HeadlessAuthorizationCodeHandler(WebClient.create(), Duration.ofSeconds(30));
    }

    /**
     * A handler on a {@code WebClient} built from {@code builder} (cloned, not changed); the builder's
     * HTTP client must not follow redirects (a {@code WebClient}'s default).
     */
    public static HeadlessAuthorizationCodeHandler create(WebClient.Builder builder) {
        Objects.requireNonNull(builder, "builder");
        return new HeadlessAuthorizationCodeHandler(builder.clone().build(), Duration.ofSeconds(30));
    }

    @Override
    public Mono<AuthorizationResponse> authorize(URI authorizationUrl, URI redirectUri) {
        Objects.requireNonNull(authorizationUrl, "authorizationUrl");
        Objects.requireNonNull(redirectUri, "redirectUri");
        return follow(authorizationUrl, redirectUri, 0).timeout(timeout,
                Mono.error(() -> new McpAuthorizationException("The authorization server did not redirect within " + timeout)));
    }

    private Mono<AuthorizationResponse> follow(URI url, URI redirectUri, int hops) {
        if (hops > MAX_REDIRECTS) {
            return Mono.error(new McpAuthorizationException("The authorization server redirected more than "
                    + MAX_REDIRECTS + " times without reaching the redirect URI"));
        }
        return webClient.get().uri(url).exchangeToMono(response -> {
            String location = response.headers().asHttpHeaders().getFirst(HttpHeaders.LOCATION);
            int status = response.statusCode().value();
            return response.releaseBody().then(Mono.defer(() -> {
                if (!response.statusCode().is3xxRedirection() || location == null) {
                    return Mono.error(new McpAuthorizationException("The authorization endpoint "
                            + UrlRedaction.redact(url) + " answered HTTP " + status + " instead of redirecting to the "
                            + "redirect URI: " + (status >= 400 ? "it refused the authorization request (an unknown "
                            + "client_id or redirect_uri?)" : "it wants a user (use an AuthorizationCodeHandler that opens a browser)")));
                }
                URI next = url.resolve(location.strip());
                if (sameEndpoint(next, redirectUri)) {
                    return Mono.just(AuthorizationResponse.fromRedirect(next));
                }
                return follow(next, redirectUri, hops + 1);
            }));
        });
    }

    /** Whether {@code url} is the redirect URI with a query added: the same scheme, authority and path. */
    static boolean sameEndpoint(URI url, URI redirectUri) {
        return Objects.equals(lower(url.getScheme()), lower(redirectUri.getScheme()))
                && Objects.equals(lower(url.getRawAuthority()), lower(redirectUri.getRawAuthority()))
                && Objects.equals(path(url), path(redirectUri));
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(java.util.Locale.ROOT);
    }

    private static String path(URI u) {
        String p = u.getRawPath();
        return p == null || p.isEmpty() ? "/" : p;
    }

    @Override
    public String toString() {
        return "HeadlessAuthorizationCodeHandler";
    }
}
