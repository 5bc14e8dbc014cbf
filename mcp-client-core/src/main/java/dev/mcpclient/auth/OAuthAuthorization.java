package dev.mcpclient.auth;

import dev.mcpclient.internal.auth.AccessToken;
import dev.mcpclient.internal.auth.AuthHttp;
import dev.mcpclient.internal.auth.AuthorizationCodeGrant;
import dev.mcpclient.internal.auth.AuthorizationServerDiscovery;
import dev.mcpclient.internal.auth.Challenge;
import dev.mcpclient.internal.auth.ClientCredentialsGrant;
import dev.mcpclient.internal.auth.ClientRegistrations;
import dev.mcpclient.internal.auth.ClientSettings;
import dev.mcpclient.internal.auth.Discovery;
import dev.mcpclient.internal.auth.Grant;
import dev.mcpclient.internal.auth.RefreshTokenGrant;
import dev.mcpclient.internal.auth.ResourceIdentifiers;
import dev.mcpclient.internal.auth.ResourceMetadataDiscovery;
import dev.mcpclient.internal.auth.ScopeSelection;
import dev.mcpclient.internal.auth.TokenEndpoint;
import dev.mcpclient.internal.auth.TokenManager;
import dev.mcpclient.internal.auth.TokenStore;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.http.HttpHeaders;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The MCP authorization specification's OAuth 2.1 client (revisions 2025-11-25 and 2026-07-28, and
 * the 2025-03-26 discovery fallbacks), as the {@link McpAuthorization} of an HTTP transport.
 *
 * <p>A request goes out with the server's token when there is one. When the server refuses it (401),
 * the client reads the server's Protected Resource Metadata (RFC 9728) and checks that it names this
 * server, finds the authorization server's metadata (RFC 8414 or OpenID Connect Discovery) and checks
 * its issuer, identifies itself there (a pre-registered client, a Client ID Metadata Document, or
 * Dynamic Client Registration), obtains a token (the authorization code grant with PKCE, or the client
 * credentials grant; RFC 8707 {@code resource} on every request) and sends the request again. Tokens
 * are refreshed shortly before they expire; a refused token is renewed once; a 403
 * {@code insufficient_scope} asks for the wider scope. Concurrent requests share one token request.
 *
 * <pre>{@code
 * OAuthAuthorization authorization = OAuthAuthorization.builder()
 *         .redirectUri("http://127.0.0.1:8765/callback")
 *         .authorizationCodeHandler(myBrowserHandler)
 *         .build();
 * McpClient client = McpClient.streamableHttp("https://mcp.example.com/mcp")
 *         .authorization(authorization)
 *         .build();
 * }</pre>
 *
 * <p>One instance may serve several servers (tokens are kept per server and resource) and is safe for
 * concurrent use. It never blocks, and never puts a token or secret in a message, a log line or
 * {@code toString()}.
 */
public final class OAuthAuthorization implements McpAuthorization {

    private static final int MAX_RENEWING_ATTEMPT = 2;

    private final Builder settings;
    private final Discovery discovery;
    private final Grant grant;
    private final RefreshTokenGrant refreshGrant;
    private final TokenStore store = new TokenStore();
    private final Map<String, TokenManager> servers = new ConcurrentHashMap<>();

    private OAuthAuthorization(Builder b) {
        this.settings = b;
        WebClient webClient = b.webClientBuilder != null ? b.webClientBuilder.clone().build() : WebClient.create();
        AuthHttp http = new AuthHttp(webClient, b.timeout);
        ClientSettings client = new ClientSettings(b.clientId, b.clientSecret, b.clientMetadataUrl, b.redirectUri,
                b.clientName, b.clientCredentials);
        this.discovery = new Discovery(new ResourceMetadataDiscovery(http), new AuthorizationServerDiscovery(http),
                new ClientRegistrations(client, http));
        TokenEndpoint tokenEndpoint = new TokenEndpoint(http, b.clock);
        this.grant = b.clientCredentials ? new ClientCredentialsGrant(tokenEndpoint)
                : new AuthorizationCodeGrant(b.handler, b.redirectUri, tokenEndpoint, new SecureRandom());
        this.refreshGrant = new RefreshTokenGrant(tokenEndpoint);
    }

    /** A builder; {@link Builder#build()} says what is missing. */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Mono<Map<String, String>> authorize(Request request) {
        return manager(request).tokenToSend()
                .map(token -> Map.of(HttpHeaders.AUTHORIZATION, token.authorizationHeader()));
    }

    @Override
    public Mono<Boolean> refused(Request request, Refusal refusal) {
        TokenManager manager = manager(request);
        Challenge challenge = Challenge.preferred(Challenge.parseAll(refusal.headers(HttpHeaders.WWW_AUTHENTICATE)), "Bearer");
        String resourceMetadata = challenge == null ? null : challenge.param("resource_metadata");
        String scope = challenge == null ? null : challenge.param("scope");
        AccessToken current = manager.current();
        String sent = sentToken(refusal);
        AccessToken refused = sent != null && current != null && current.value().equals(sent) ? current : null;
        if (refusal.status() == 401) {
            if (sent != null && current != null && refused == null) {
                // Renewed by another request since this one was sent: send it again with the new token.
                return Mono.just(refusal.attempt() <= MAX_RENEWING_ATTEMPT);
            }
            if (refused != null && (refused.renewal() && refusal.attempt() >= 2 || refusal.attempt() > MAX_RENEWING_ATTEMPT)) {
                return Mono.just(false); // the renewed token was refused too
            }
            if (sent == null && refusal.attempt() > 1) {
                return Mono.just(false);
            }
            return manager.afterRefusal(refused, resourceMetadata, scope).thenReturn(true)
                    .onErrorMap(e -> failed(manager, refusal, e));
        }
        if (refusal.status() == 403 && challenge != null && "insufficient_scope".equals(challenge.param("error"))
                && scope != null && current != null && refusal.attempt() <= MAX_RENEWING_ATTEMPT + 1) {
            if (refused == null) {
                return Mono.just(true); // sent before the current token was obtained: try the current one
            }
            if (ScopeSelection.covers(refused.scope(), scope)) {
                return Mono.just(false); // granted already: asking again would not help
            }
            return manager.stepUp(refused, scope).thenReturn(true).onErrorMap(e -> failed(manager, refusal, e));
        }
        return Mono.just(false);
    }

    private static McpAuthorizationException failed(TokenManager manager, Refusal refusal, Throwable e) {
        return new McpAuthorizationException(manager.shownServer() + " refused a request (HTTP " + refusal.status()
                + ") and no token could be obtained: " + e.getMessage(), e);
    }

    /**
     * The token manager of the server {@code request} goes to: by the request's URL, or the manager
     * whose resource covers that URL (the HTTP+SSE transport posts to another path than its stream's).
     */
    private TokenManager manager(Request request) {
        URI server = stripQuery(request.uri());
        String key = ResourceIdentifiers.canonical(server);
        TokenManager known = servers.get(key);
        if (known != null) {
            return known;
        }
        for (TokenManager manager : servers.values()) {
            if (manager.covers(server)) {
                return servers.computeIfAbsent(key, k -> manager);
            }
        }
        return servers.computeIfAbsent(key, k -> new TokenManager(server, discovery, grant, refreshGrant, store,
                settings.clock, settings.refreshSkew, settings.scope, settings.offlineAccess));
    }

    private static String sentToken(Refusal refusal) {
        String header = refusal.sentHeader(HttpHeaders.AUTHORIZATION);
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        return header.substring(7).strip();
    }

    private static URI stripQuery(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath()));
    }

    @Override
    public String toString() {
        return "OAuthAuthorization[" + (settings.clientCredentials ? "client_credentials" : "authorization_code")
                + ", clientId=" + (settings.clientId != null ? settings.clientId
                        : settings.clientMetadataUrl != null ? settings.clientMetadataUrl : "(registered dynamically)")
                + ", servers=" + servers.size() + "]";
    }

    /**
     * Builds an {@link OAuthAuthorization}. The authorization code grant (the default) needs a
     * {@link #redirectUri} and an {@link #authorizationCodeHandler}; {@link #clientCredentials()} needs
     * neither. Without a pre-registered {@link #clientId}, the client uses its {@link #clientMetadataUrl}
     * where the authorization server accepts one, else registers dynamically.
     */
    public static final class Builder {
        private String clientId;
        private String clientSecret;
        private String clientMetadataUrl;
        private URI redirectUri;
        private String scope;
        private String clientName = "MCP client (dev.mcpclient)";
        private AuthorizationCodeHandler handler;
        private boolean clientCredentials;
        private WebClient.Builder webClientBuilder;
        private Duration refreshSkew = Duration.ofSeconds(30);
        private Duration timeout = Duration.ofSeconds(30);
        private boolean offlineAccess = true;
        private Clock clock = Clock.systemUTC();

        private Builder() {
        }

        /** The client id registered with the authorization server beforehand (OAuth "pre-registration"). */
        public Builder clientId(String clientId) {
            this.clientId = requireText(clientId, "clientId");
            return this;
        }

        /** The pre-registered client's secret (a confidential client); sent as the authorization server supports. */
        public Builder clientSecret(String clientSecret) {
            this.clientSecret = requireText(clientSecret, "clientSecret");
            return this;
        }

        /**
         * The https URL of the client's Client ID Metadata Document, used as its client id where the
         * authorization server advertises {@code client_id_metadata_document_supported}.
         */
        public Builder clientMetadataUrl(String url) {
            this.clientMetadataUrl = requireText(url, "url");
            return this;
        }

        /** The redirect URI of the authorization code grant (a loopback URL for a desktop client). */
        public Builder redirectUri(String redirectUri) {
            this.redirectUri = URI.create(requireText(redirectUri, "redirectUri").strip());
            return this;
        }

        /**
         * The scope to ask for when the server's challenge names none, instead of every scope of its
         * protected resource metadata. Default: none.
         */
        public Builder scope(String scope) {
            this.scope = requireText(scope, "scope");
            return this;
        }

        /** The {@code client_name} of a dynamic registration. */
        public Builder clientName(String clientName) {
            this.clientName = requireText(clientName, "clientName");
            return this;
        }

        /** Who lets the user authorize the client (authorization code grant). */
        public Builder authorizationCodeHandler(AuthorizationCodeHandler handler) {
            this.handler = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * Uses the client credentials grant instead of the authorization code grant: the client acts on
         * its own behalf with its {@link #clientId} and {@link #clientSecret} (sent with
         * {@code client_secret_basic} or {@code client_secret_post}, as the authorization server supports).
         */
        public Builder clientCredentials() {
            this.clientCredentials = true;
            return this;
        }

        /**
         * The {@code WebClient.Builder} for the calls to metadata, registration and token endpoints
         * (cloned, not changed). Default: a {@code WebClient} of its own.
         */
        public Builder webClientBuilder(WebClient.Builder builder) {
            this.webClientBuilder = Objects.requireNonNull(builder, "builder");
            return this;
        }

        /** How long before it expires a token is refreshed; default 30 seconds. */
        public Builder refreshSkew(Duration skew) {
            Objects.requireNonNull(skew, "skew");
            if (skew.isNegative()) {
                throw new IllegalArgumentException("refreshSkew must not be negative");
            }
            this.refreshSkew = skew;
            return this;
        }

        /** How long one call to an authorization server may take; default 30 seconds. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("timeout must be positive");
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Whether to ask for {@code offline_access} (a refresh token) where the authorization server
         * lists it in {@code scopes_supported}; default {@code true}.
         */
        public Builder offlineAccess(boolean offlineAccess) {
            this.offlineAccess = offlineAccess;
            return this;
        }

        /** The clock token lifetimes are measured with (tests). */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The authorization; an {@link IllegalStateException} says what is missing. */
        public OAuthAuthorization build() {
            if (clientSecret != null && clientId == null) {
                throw new IllegalStateException("a clientSecret needs its clientId");
            }
            if (clientCredentials) {
                if (clientId == null || clientSecret == null) {
                    throw new IllegalStateException("the client credentials grant needs a clientId and a clientSecret");
                }
            } else {
                if (redirectUri == null) {
                    throw new IllegalStateException("the authorization code grant needs a redirectUri");
                }
                if (handler == null) {
                    throw new IllegalStateException("the authorization code grant needs an authorizationCodeHandler "
                            + "(e.g. HeadlessAuthorizationCodeHandler.create() for servers that need no user)");
                }
            }
            return new OAuthAuthorization(this);
        }

        private static String requireText(String value, String name) {
            Objects.requireNonNull(value, name);
            if (value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }

        @Override
        public String toString() {
            return "OAuthAuthorization.Builder[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "none" : "******")
                    + "]";
        }
    }
}
