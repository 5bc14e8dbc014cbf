package dev.mcpclient.boot.autoconfigure.oauth;

import dev.mcpclient.auth.AuthorizationCodeHandler;
import dev.mcpclient.auth.McpAuthorizationException;
import dev.mcpclient.transport.http.UrlRedaction;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The authorization-code grant in a web application: the user signs in through the browser, and the
 * authorization server sends the browser back to the application's callback endpoint
 * ({@code mcp.client.oauth.callback-path}, which a server's {@code auth.redirect-uri} points at).
 *
 * <p>{@link #authorize} keeps the authorization pending under the {@code state} parameter of its
 * authorization URL, publishes a {@link McpAuthorizationRequestedEvent} (the application redirects its
 * user to the URL, or shows a "Connect" link), logs at INFO that a user must open the URL, and returns
 * a {@code Mono} that the callback completes ({@link #complete}). An authorization no callback completes
 * within the timeout ({@code mcp.client.oauth.authorization-timeout}) fails with an
 * {@link McpAuthorizationException}; {@link dev.mcpclient.auth.OAuthAuthorization} keeps its token
 * acquisition going independently of the call that started it, so a user who signs in after that call
 * gave up still authorizes the calls that follow.
 *
 * <p>Thread-safe; nothing here blocks. The authorization code is never logged.
 *
 * @since 0.2.0
 */
public final class WebAuthorizationCodeHandler implements AuthorizationCodeHandler {

    private static final Logger log = LoggerFactory.getLogger(WebAuthorizationCodeHandler.class);

    private final ApplicationEventPublisher events;
    private final Duration timeout;
    private final ConcurrentMap<String, Pending> pending = new ConcurrentHashMap<>();

    /**
     * A handler that publishes its {@link McpAuthorizationRequestedEvent}s to {@code events} and lets an
     * authorization wait {@code timeout} for its callback.
     */
    public WebAuthorizationCodeHandler(ApplicationEventPublisher events, Duration timeout) {
        this.events = Objects.requireNonNull(events, "events");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("The authorization timeout must be positive: " + timeout);
        }
    }

    /**
     * Keeps the authorization pending until the callback with its {@code state} arrives
     * ({@link #complete}), publishes a {@link McpAuthorizationRequestedEvent} and logs the URL at INFO.
     * The {@code Mono} fails with an {@link McpAuthorizationException} when the URL has no {@code state},
     * and when no callback arrives within the timeout; cancelling it forgets the authorization.
     */
    @Override
    public Mono<AuthorizationResponse> authorize(URI authorizationUrl, URI redirectUri) {
        Objects.requireNonNull(authorizationUrl, "authorizationUrl");
        Objects.requireNonNull(redirectUri, "redirectUri");
        return Mono.defer(() -> {
            String state = AuthorizationUrls.parameter(authorizationUrl, "state");
            if (state == null || state.isEmpty()) {
                return Mono.error(new McpAuthorizationException("The authorization URL " + UrlRedaction.redact(authorizationUrl)
                        + " has no state parameter, by which its callback would be recognized"));
            }
            Pending request = new Pending(authorizationUrl, Sinks.one());
            if (pending.putIfAbsent(state, request) != null) {
                return Mono.error(new McpAuthorizationException("An authorization with the same state is pending already"));
            }
            log.info("An MCP server needs a user to sign in: open {} in a browser (the authorization waits {} for the "
                    + "redirect to {})", authorizationUrl, timeout, redirectUri);
            publish(new McpAuthorizationRequestedEvent(this, authorizationUrl, redirectUri));
            // The callback and the timeout race to remove the pending authorization; the one that removes it decides.
            Mono<AuthorizationResponse> expiry = Mono.delay(timeout).flatMap(tick -> pending.remove(state, request)
                    ? Mono.error(new McpAuthorizationException("No user completed the authorization at "
                            + UrlRedaction.redact(authorizationUrl) + " within " + timeout
                            + " (mcp.client.oauth.authorization-timeout): nobody opened the authorization URL, or the "
                            + "authorization server did not send the browser back to " + UrlRedaction.redact(redirectUri)))
                    : Mono.never());
            return Mono.firstWithSignal(request.response().asMono(), expiry)
                    .doFinally(signal -> pending.remove(state, request));
        });
    }

    /**
     * Completes the pending authorization whose {@code state} the {@code callback} (the full redirect
     * URI, with its query) carries, with the authorization response in its query: the code, or the
     * {@code error} the authorization server sent back (which fails the authorization).
     *
     * @return whether the callback matched a pending authorization; {@code false} for a callback with no
     *     {@code state}, an unknown one, or one whose authorization timed out or was completed already
     */
    public boolean complete(URI callback) {
        Objects.requireNonNull(callback, "callback");
        AuthorizationResponse response = AuthorizationResponse.fromRedirect(callback);
        Pending request = response.state() == null ? null : pending.remove(response.state());
        if (request == null) {
            log.debug("An authorization callback matched no pending authorization (unknown or expired state)");
            return false;
        }
        log.debug("The authorization callback for {} arrived ({})", UrlRedaction.redact(request.authorizationUrl()),
                response.error() == null ? "authorized" : "error " + response.error());
        request.response().tryEmitValue(response);
        return true;
    }

    /** The authorization URLs of the authorizations waiting for a user now (for a UI), in no particular order. */
    public List<URI> pendingAuthorizationUrls() {
        return pending.values().stream().map(Pending::authorizationUrl).toList();
    }

    private void publish(McpAuthorizationRequestedEvent event) {
        try {
            events.publishEvent(event);
        } catch (RuntimeException e) {
            // The authorization still waits: its URL is logged and listed by pendingAuthorizationUrls().
            log.warn("A listener of McpAuthorizationRequestedEvent failed; the authorization still waits for its callback", e);
        }
    }

    @Override
    public String toString() {
        return "WebAuthorizationCodeHandler[pending=" + pending.size() + ", timeout=" + timeout + "]";
    }

    /** One authorization waiting for its callback. */
    private record Pending(URI authorizationUrl, Sinks.One<AuthorizationResponse> response) {
    }
}
