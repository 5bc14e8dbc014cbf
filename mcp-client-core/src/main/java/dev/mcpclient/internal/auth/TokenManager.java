package dev.mcpclient.internal.auth;

import dev.mcpclient.auth.McpAuthorizationException;
import dev.mcpclient.transport.http.UrlRedaction;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The token of one MCP server: kept in the {@link TokenStore}, refreshed shortly before it expires,
 * renewed when the server refuses it, widened when the server asks for more scope. Whatever renews it
 * runs once at a time: every caller that needs a token while one is being obtained waits for that one
 * (a single flight), so concurrent requests cause one token request.
 */
public final class TokenManager {

    private static final Logger log = LoggerFactory.getLogger(TokenManager.class);

    private final URI serverUrl;
    private final String shownServer;
    private final Discovery discovery;
    private final Grant grant;
    private final RefreshTokenGrant refreshGrant;
    private final TokenStore store;
    private final Clock clock;
    private final Duration skew;
    private final String configuredScope;
    private final boolean offlineAccess;
    private final AtomicReference<Mono<AccessToken>> flight = new AtomicReference<>();
    private volatile AuthorizationTarget target;
    private volatile String requestedScope;

    /**
     * The token manager of the server at {@code serverUrl}: {@code grant} obtains its tokens,
     * {@code refreshGrant} refreshes them {@code skew} before they expire ({@code clock}); the scope is
     * chosen from the challenge, {@code configuredScope} and the metadata, {@code offlineAccess} adding
     * {@code offline_access} to the authorization code grant's.
     */
    public TokenManager(URI serverUrl, Discovery discovery, Grant grant, RefreshTokenGrant refreshGrant, TokenStore store,
            Clock clock, Duration skew, String configuredScope, boolean offlineAccess) {
        this.serverUrl = serverUrl;
        this.shownServer = UrlRedaction.redact(serverUrl);
        this.discovery = discovery;
        this.grant = grant;
        this.refreshGrant = refreshGrant;
        this.store = store;
        this.clock = clock;
        this.skew = skew;
        this.configuredScope = configuredScope;
        this.offlineAccess = offlineAccess;
    }

    /** The server as messages show it. */
    public String shownServer() {
        return shownServer;
    }

    /** Whether the resource this manager's tokens are for covers {@code url} (another endpoint of the same server). */
    public boolean covers(URI url) {
        AuthorizationTarget t = target;
        return t != null && t.resource() != null && ResourceIdentifiers.covers(t.resource(), url);
    }

    /** The current token, or {@code null} when there is none yet. */
    public AccessToken current() {
        AuthorizationTarget t = target;
        return t == null ? null : store.get(key(t));
    }

    /**
     * The token to send now: the current one, refreshed first when it expires within the skew; empty
     * while there is none (the server's refusal says how to get one).
     */
    public Mono<AccessToken> tokenToSend() {
        return Mono.defer(() -> {
            AccessToken token = current();
            if (token == null) {
                return Mono.empty();
            }
            if (!token.expiresWithin(skew, clock.instant())) {
                return Mono.just(token);
            }
            return singleFlight(() -> {
                AccessToken now = current();
                if (now != null && !now.expiresWithin(skew, clock.instant())) {
                    return Mono.just(now); // renewed while this caller waited for its turn
                }
                return renew(now, target, requestedScope, false);
            });
        });
    }

    /**
     * A token after the server refused {@code refused} (or a send without a token, {@code null}):
     * discovery again from the challenge (the authorization server may have moved), then a refresh when
     * the same authorization server issued the refused token, else a new grant.
     *
     * @param resourceMetadata the challenge's {@code resource_metadata}, or {@code null}
     * @param challengeScope the challenge's {@code scope}, or {@code null}
     */
    public Mono<AccessToken> afterRefusal(AccessToken refused, String resourceMetadata, String challengeScope) {
        return singleFlight(() -> {
            AccessToken now = current();
            if (now != null && (refused == null || !now.value().equals(refused.value()))
                    && !now.expiresWithin(skew, clock.instant())) {
                return Mono.just(now); // another caller renewed it meanwhile
            }
            return discovery.discover(serverUrl, resourceMetadata).flatMap(found -> {
                AuthorizationTarget before = target;
                if (before != null && refused != null && !sameServer(before, found)) {
                    log.debug("The authorization server of {} changed: a new registration and token", shownServer);
                    store.remove(key(before));
                }
                target = found;
                String scope = ScopeSelection.select(challengeScope, configuredScope, found.resourceMetadata());
                if (challengeScope == null && requestedScope != null && before != null && sameServer(before, found)) {
                    scope = requestedScope;
                }
                AccessToken renewable = refused != null && before != null && sameServer(before, found) ? refused : null;
                return renew(renewable, found, scope, refused != null);
            });
        });
    }

    /** A token with {@code scope} added to what was asked before (a 403 {@code insufficient_scope}). */
    public Mono<AccessToken> stepUp(AccessToken refused, String challengeScope) {
        return singleFlight(() -> {
            AccessToken now = current();
            if (now != null && refused != null && !now.value().equals(refused.value())
                    && ScopeSelection.covers(now.scope(), challengeScope)) {
                return Mono.just(now);
            }
            AuthorizationTarget t = target;
            if (t == null) {
                return Mono.error(new McpAuthorizationException(shownServer + " asked for more scope before any token was obtained"));
            }
            String scope = ScopeSelection.union(requestedScope != null ? requestedScope : now == null ? null : now.scope(),
                    challengeScope);
            log.debug("Stepping up the scope of the token of {}", shownServer);
            return obtain(t, scope, false);
        });
    }

    private Mono<AccessToken> renew(AccessToken token, AuthorizationTarget t, String scope, boolean afterRefusal) {
        if (t == null) {
            return Mono.error(new McpAuthorizationException("No authorization is known for " + shownServer));
        }
        if (token != null && token.refreshToken() != null) {
            return refreshGrant.refresh(token, t.server(), t.client(), t.resource())
                    .map(fresh -> afterRefusal ? fresh.asRenewal() : fresh)
                    .doOnNext(fresh -> {
                        log.debug("Refreshed the token of {}", shownServer);
                        store.put(key(t), fresh);
                    })
                    .onErrorResume(TokenEndpoint.TokenRequestException.class, e -> {
                        if ("invalid_client".equals(e.error())) {
                            return Mono.error(e); // the client itself is refused: a new grant would be too
                        }
                        log.debug("Refreshing the token of {} failed ({}): a new grant", shownServer, e.error());
                        return obtain(t, scope, afterRefusal);
                    });
        }
        return obtain(t, scope, afterRefusal);
    }

    private Mono<AccessToken> obtain(AuthorizationTarget t, String scope, boolean afterRefusal) {
        String asked = grant instanceof AuthorizationCodeGrant && offlineAccess
                ? ScopeSelection.withOfflineAccess(scope, t.server()) : scope;
        log.debug("Obtaining a token for {} from {}", shownServer,
                t.server().issuer() == null ? UrlRedaction.redact(t.server().tokenEndpoint()) : UrlRedaction.redact(t.server().issuer()));
        return grant.obtain(new Grant.GrantRequest(t.server(), t.client(), asked, t.resource(), shownServer))
                .map(token -> afterRefusal ? token.asRenewal() : token)
                .doOnNext(token -> {
                    requestedScope = scope;
                    store.put(key(t), token);
                });
    }

    /** Runs {@code work} unless a renewal is running, whose result every caller then shares. */
    private Mono<AccessToken> singleFlight(Supplier<Mono<AccessToken>> work) {
        return Mono.defer(() -> {
            while (true) {
                Mono<AccessToken> running = flight.get();
                if (running != null) {
                    return running;
                }
                Sinks.One<AccessToken> result = Sinks.one();
                Mono<AccessToken> shared = result.asMono();
                if (flight.compareAndSet(null, shared)) {
                    Mono<AccessToken> started;
                    try {
                        started = work.get();
                    } catch (RuntimeException e) {
                        started = Mono.error(e);
                    }
                    started.subscribe(token -> {
                        flight.set(null);
                        result.tryEmitValue(token);
                    }, error -> {
                        flight.set(null);
                        result.tryEmitError(error);
                    }, () -> {
                        if (flight.compareAndSet(shared, null)) {
                            result.tryEmitError(new McpAuthorizationException("No token was obtained for " + shownServer));
                        }
                    });
                    return shared;
                }
            }
        });
    }

    private static boolean sameServer(AuthorizationTarget a, AuthorizationTarget b) {
        return java.util.Objects.equals(a.server().issuer(), b.server().issuer())
                && java.util.Objects.equals(a.server().tokenEndpoint(), b.server().tokenEndpoint());
    }

    private String key(AuthorizationTarget t) {
        return TokenStore.key(ResourceIdentifiers.canonical(serverUrl), t.resource());
    }

    @Override
    public String toString() {
        return "TokenManager[" + shownServer + "]";
    }
}
