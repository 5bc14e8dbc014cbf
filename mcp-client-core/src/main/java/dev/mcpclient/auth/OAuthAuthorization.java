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
import dev.mcpclient.internal.auth.DpopNonces;
import dev.mcpclient.internal.auth.DpopProofs;
import dev.mcpclient.internal.auth.EnterpriseManagedGrant;
import dev.mcpclient.internal.auth.Grant;
import dev.mcpclient.internal.auth.JwtAssertionSource;
import dev.mcpclient.internal.auth.JwtBearerAssertionGrant;
import dev.mcpclient.internal.auth.RefreshTokenGrant;
import dev.mcpclient.internal.auth.ResourceIdentifiers;
import dev.mcpclient.internal.auth.ResourceMetadataDiscovery;
import dev.mcpclient.internal.auth.ScopeSelection;
import dev.mcpclient.internal.auth.SigningKey;
import dev.mcpclient.internal.auth.TokenEndpoint;
import dev.mcpclient.internal.auth.TokenManager;
import dev.mcpclient.internal.auth.TokenStore;
import com.nimbusds.jose.jwk.JWK;
import java.net.URI;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
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
 * McpClient client = McpClient.builder(StreamableHttpTransport.builder("https://mcp.example.com/mcp")
 *         .authorization(authorization)).build();
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
    private final DpopProofs dpop;
    private final TokenStore store = new TokenStore();
    private final Map<String, TokenManager> servers = new ConcurrentHashMap<>();

    private OAuthAuthorization(Builder b) {
        this.settings = b;
        WebClient webClient = b.webClientBuilder != null ? b.webClientBuilder.clone().build() : WebClient.create();
        AuthHttp http = new AuthHttp(webClient, b.timeout);
        ClientSettings client = new ClientSettings(b.clientId, b.clientSecret, b.clientMetadataUrl, b.redirectUri,
                b.clientName, b.clientCredentials, b.clientKey != null, b.assertions != null || b.idTokens != null);
        this.discovery = new Discovery(new ResourceMetadataDiscovery(http), new AuthorizationServerDiscovery(http),
                new ClientRegistrations(client, http));
        this.dpop = !b.dpop ? null
                : new DpopProofs(b.dpopKey != null ? b.dpopKey : DpopProofs.generateKey(), null, b.clock,
                        () -> UUID.randomUUID().toString(), new DpopNonces());
        TokenEndpoint tokenEndpoint = new TokenEndpoint(http, b.clock, b.clientKey, dpop);
        if (b.clientCredentials) {
            this.grant = new ClientCredentialsGrant(tokenEndpoint);
        } else if (b.assertions != null) {
            this.grant = new JwtBearerAssertionGrant(b.assertions, tokenEndpoint);
        } else if (b.idTokens != null) {
            this.grant = new EnterpriseManagedGrant(b.idTokens, b.idpTokenEndpoint, b.idpClientId, b.idpClientSecret,
                    tokenEndpoint);
        } else {
            this.grant = new AuthorizationCodeGrant(b.handler, b.redirectUri, tokenEndpoint, new SecureRandom());
        }
        this.refreshGrant = new RefreshTokenGrant(tokenEndpoint);
    }

    /** A builder; {@link Builder#build()} says what is missing. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * {@inheritDoc} A DPoP-bound token goes as {@code Authorization: DPoP <token>} with a fresh
     * {@code DPoP} proof for this request (its method and URL, the token's hash and the server's
     * latest nonce); any other as {@code Authorization: Bearer <token>}.
     */
    @Override
    public Mono<Map<String, String>> authorize(Request request) {
        return manager(request).tokenToSend()
                .map(token -> token.dpop() && dpop != null
                        ? dpop.authorizationHeaders(request.method(), stripQuery(request.uri()), token.value())
                        : Map.of(HttpHeaders.AUTHORIZATION, token.authorizationHeader()));
    }

    /**
     * {@inheritDoc} A refusal of a DPoP request that asks for a nonce ({@code use_dpop_nonce}) and
     * brings a new one is sent again with it, the token kept.
     */
    @Override
    public Mono<Boolean> refused(Request request, Refusal refusal) {
        if (dpop != null && refusal.sentHeader(DpopProofs.HEADER) != null
                && dpop.nonces().observe(request.uri(), refusal.headers())
                && DpopNonces.asksForNonce(refusal.headers(HttpHeaders.WWW_AUTHENTICATE))) {
            return Mono.just(true);
        }
        TokenManager manager = manager(request);
        List<Challenge> challenges = Challenge.parseAll(refusal.headers(HttpHeaders.WWW_AUTHENTICATE));
        String sentAuthorization = refusal.sentHeader(HttpHeaders.AUTHORIZATION);
        boolean sentDpop = sentAuthorization != null && sentAuthorization.regionMatches(true, 0, DpopProofs.SCHEME + " ", 0, 5);
        Challenge challenge = Challenge.preferred(challenges, sentDpop ? DpopProofs.SCHEME : "Bearer");
        String resourceMetadata = challenge == null ? null : challenge.param("resource_metadata");
        if (resourceMetadata == null) {
            // A server may send a Bearer and a DPoP challenge, only one of them with the metadata URL.
            resourceMetadata = challenges.stream().map(c -> c.param("resource_metadata")).filter(Objects::nonNull)
                    .findFirst().orElse(null);
        }
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

    /** Keeps a DPoP server's new nonce ({@code DPoP-Nonce}) for the next proofs to it. */
    @Override
    public void accepted(Request request, Function<String, List<String>> headers) {
        if (dpop != null) {
            List<String> nonces = headers.apply(DpopNonces.HEADER);
            if (nonces != null && !nonces.isEmpty()) {
                dpop.nonces().remember(request.uri(), nonces.get(nonces.size() - 1).trim());
            }
        }
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
        if (header == null) {
            return null;
        }
        for (String scheme : new String[] {"Bearer ", DpopProofs.SCHEME + " "}) {
            if (header.length() > scheme.length() && header.regionMatches(true, 0, scheme, 0, scheme.length())) {
                return header.substring(scheme.length()).strip();
            }
        }
        return null;
    }

    private static URI stripQuery(URI uri) {
        return URI.create(uri.getScheme() + "://" + uri.getRawAuthority() + (uri.getRawPath() == null ? "" : uri.getRawPath()));
    }

    @Override
    public String toString() {
        return "OAuthAuthorization[" + settings.grantName()
                + (settings.clientKey != null ? ", private_key_jwt" : "") + (dpop != null ? ", DPoP" : "")
                + ", clientId=" + (settings.clientId != null ? settings.clientId
                        : settings.clientMetadataUrl != null ? settings.clientMetadataUrl : "(registered dynamically)")
                + ", servers=" + servers.size() + "]";
    }

    /**
     * Builds an {@link OAuthAuthorization}. The authorization code grant (the default) needs a
     * {@link #redirectUri} and an {@link #authorizationCodeHandler}; the other grants,
     * {@link #clientCredentials()}, {@link #jwtBearer(String) jwtBearer} and
     * {@link #enterpriseManagedAuthorization(String, String) enterpriseManagedAuthorization} (one of
     * them at most), need neither. Without a pre-registered {@link #clientId}, the client uses its
     * {@link #clientMetadataUrl} where the authorization server accepts one, else registers dynamically.
     * {@link #privateKeyJwt(String) privateKeyJwt} and {@link #dpop(boolean) dpop} work with every grant.
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
        private SigningKey clientKey;
        private JwtAssertionSource assertions;
        private JwtAssertionSource idTokens;
        private URI idpTokenEndpoint;
        private String idpClientId;
        private String idpClientSecret;
        private boolean dpop;
        private JWK dpopKey;

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

        /**
         * Authenticates the client at the token endpoint with {@code private_key_jwt} (RFC 7523 section
         * 2.2, SEP-1046): a JWT signed with the client's private key, {@code iss} and {@code sub} the
         * {@link #clientId}, {@code aud} the authorization server's issuer, a new one per token request.
         * Used where the authorization server lists {@code private_key_jwt} (or the client has no
         * {@link #clientSecret}); needs the {@link #clientId} the key's public half is registered for.
         * The algorithm is the key's usual one (ES256 for a P-256 key, RS256 for RSA), no {@code kid}.
         *
         * @param privateKey a PKCS#8 PEM private key ({@code -----BEGIN PRIVATE KEY-----}) or a private
         *     JWK as JSON, EC or RSA
         * @throws IllegalArgumentException when it is neither (the message never quotes the key)
         */
        public Builder privateKeyJwt(String privateKey) {
            return privateKeyJwt(privateKey, null, null);
        }

        /**
         * As {@link #privateKeyJwt(String)}, with the JWS algorithm and the key id.
         *
         * @param privateKey a PKCS#8 PEM private key or a private JWK as JSON (whose {@code alg} and
         *     {@code kid} are used unless given here)
         * @param algorithm the JWS {@code alg} ({@code ES256}, {@code RS256}, {@code PS256}...), or
         *     {@code null} for the key's usual one
         * @param keyId the {@code kid} header, or {@code null}
         * @throws IllegalArgumentException for an unreadable key or an algorithm that does not fit it
         */
        public Builder privateKeyJwt(String privateKey, String algorithm, String keyId) {
            requireText(privateKey, "privateKey");
            if (privateKey.strip().startsWith("{")) {
                this.clientKey = SigningKey.fromJwkJson(privateKey, algorithm, keyId);
            } else {
                this.clientKey = SigningKey.fromPem(privateKey, algorithm, keyId);
            }
            return this;
        }

        /**
         * Uses the JWT bearer grant (RFC 7523 section 2.1) with a JWT the client already holds, e.g. a
         * workload identity token (workload identity federation, SEP-1933) whose audience is the
         * authorization server: no user, no registration, no client authentication unless a
         * {@link #clientId} (and secret or key) is given. A refused token request is not repeated.
         *
         * @param assertion the JWT, compact form, sent as it is
         */
        public Builder jwtBearer(String assertion) {
            this.assertions = JwtAssertionSource.of(requireText(assertion, "assertion"));
            return this;
        }

        /**
         * As {@link #jwtBearer(String)}, the JWT read from {@code file} before each token request (a
         * platform that rotates the token in a file: a Kubernetes projected service account token, a
         * cloud agent's token file). Read off the event loop; a missing or empty file fails the request
         * with a message naming the file.
         */
        public Builder jwtBearer(Path file) {
            this.assertions = JwtAssertionSource.file(Objects.requireNonNull(file, "file"));
            return this;
        }

        /**
         * As {@link #jwtBearer(String)}, the JWT asked from {@code assertions} before each token request
         * (a platform's SDK or metadata endpoint). The {@code Mono} must not block an event loop.
         */
        public Builder jwtBearer(Supplier<Mono<String>> assertions) {
            Objects.requireNonNull(assertions, "assertions");
            this.assertions = assertions::get;
            return this;
        }

        /**
         * Uses Enterprise-Managed Authorization (SEP-990, the Identity Assertion JWT Authorization
         * Grant): the user's ID token from the enterprise IdP is exchanged at the IdP's token endpoint
         * (RFC 8693 token exchange) for an ID-JAG naming the MCP server's authorization server and the
         * MCP server, which the client then presents there in a JWT bearer grant. Needs the
         * {@link #idpClientId} (and {@link #idpClientSecret} for a confidential IdP client) and the
         * {@link #clientId} (with {@link #clientSecret} or {@link #privateKeyJwt(String) privateKeyJwt})
         * registered at the MCP server's authorization server.
         *
         * @param idpTokenEndpoint the token endpoint of the enterprise IdP
         * @param idToken the ID token the IdP issued the client when the user signed in
         */
        public Builder enterpriseManagedAuthorization(String idpTokenEndpoint, String idToken) {
            requireText(idToken, "idToken");
            return enterpriseManagedAuthorization(idpTokenEndpoint, () -> Mono.just(idToken));
        }

        /**
         * As {@link #enterpriseManagedAuthorization(String, String)}, the ID token asked from
         * {@code idTokens} before each exchange (the application's sign-in keeps it fresh). The
         * {@code Mono} must not block an event loop.
         */
        public Builder enterpriseManagedAuthorization(String idpTokenEndpoint, Supplier<Mono<String>> idTokens) {
            URI endpoint = URI.create(requireText(idpTokenEndpoint, "idpTokenEndpoint").strip());
            if (!"https".equalsIgnoreCase(endpoint.getScheme()) && !"http".equalsIgnoreCase(endpoint.getScheme())) {
                throw new IllegalArgumentException("idpTokenEndpoint must be an http(s) URL");
            }
            Objects.requireNonNull(idTokens, "idTokens");
            this.idpTokenEndpoint = endpoint;
            this.idTokens = idTokens::get;
            return this;
        }

        /** The client id at the enterprise IdP (Enterprise-Managed Authorization's token exchange). */
        public Builder idpClientId(String idpClientId) {
            this.idpClientId = requireText(idpClientId, "idpClientId");
            return this;
        }

        /** The client secret at the enterprise IdP, sent there with {@code client_secret_basic}. */
        public Builder idpClientSecret(String idpClientSecret) {
            this.idpClientSecret = requireText(idpClientSecret, "idpClientSecret");
            return this;
        }

        /**
         * Whether to bind tokens to a DPoP key (RFC 9449, SEP-1932) where the authorization server
         * supports it (its {@code dpop_signing_alg_values_supported} lists the key's algorithm): every
         * token request carries a DPoP proof, and a DPoP-bound token goes to the MCP server as
         * {@code Authorization: DPoP <token>} with a fresh proof on every request; server nonces
         * ({@code use_dpop_nonce}) are followed. The key is a new EC P-256 key (ES256) per instance
         * unless {@link #dpopKey} gives one. Default {@code false}.
         */
        public Builder dpop(boolean dpop) {
            this.dpop = dpop;
            if (!dpop) {
                this.dpopKey = null;
            }
            return this;
        }

        /**
         * Binds tokens to this DPoP key (and turns {@link #dpop(boolean) DPoP} on).
         *
         * @param privateJwk a private EC or RSA JWK as JSON (its {@code alg}, if any, is the proofs' algorithm)
         * @throws IllegalArgumentException when it is no private EC or RSA JWK (the message never quotes it)
         */
        public Builder dpopKey(String privateJwk) {
            requireText(privateJwk, "privateJwk");
            JWK key;
            try {
                key = JWK.parse(privateJwk);
            } catch (java.text.ParseException e) {
                throw new IllegalArgumentException("the DPoP key is not a JWK");
            }
            new DpopProofs(key, null, Clock.systemUTC(), () -> "check", new DpopNonces()); // fails now if unusable
            this.dpopKey = key;
            this.dpop = true;
            return this;
        }

        /** The clock token lifetimes are measured with (tests). */
        Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The grant, as messages and {@code toString()} name it. */
        String grantName() {
            return clientCredentials ? "client_credentials" : assertions != null ? "jwt-bearer"
                    : idTokens != null ? "enterprise-managed (token-exchange, jwt-bearer)" : "authorization_code";
        }

        /** The authorization; an {@link IllegalStateException} says what is missing. */
        public OAuthAuthorization build() {
            int grants = (clientCredentials ? 1 : 0) + (assertions != null ? 1 : 0) + (idTokens != null ? 1 : 0);
            if (grants > 1) {
                throw new IllegalStateException("choose one grant: clientCredentials(), jwtBearer(...) or "
                        + "enterpriseManagedAuthorization(...), not several");
            }
            if (clientSecret != null && clientId == null) {
                throw new IllegalStateException("a clientSecret needs its clientId");
            }
            if (clientKey != null && clientId == null) {
                throw new IllegalStateException("privateKeyJwt needs the clientId its key is registered for");
            }
            if ((idpClientId != null || idpClientSecret != null) && idTokens == null) {
                throw new IllegalStateException("idpClientId and idpClientSecret belong to enterpriseManagedAuthorization(...)");
            }
            if (clientCredentials) {
                if (clientId == null || clientSecret == null && clientKey == null) {
                    throw new IllegalStateException("the client credentials grant needs a clientId and a clientSecret "
                            + "or a privateKeyJwt key");
                }
            } else if (idTokens != null) {
                if (idpClientId == null) {
                    throw new IllegalStateException("enterprise-managed authorization needs the idpClientId of the token "
                            + "exchange at the IdP");
                }
                if (clientId == null) {
                    throw new IllegalStateException("enterprise-managed authorization needs the clientId registered at "
                            + "the MCP server's authorization server");
                }
            } else if (assertions == null) {
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
            return "OAuthAuthorization.Builder[" + grantName() + ", clientId=" + clientId + ", clientSecret="
                    + (clientSecret == null ? "none" : "******") + (clientKey == null ? "" : ", privateKeyJwt=" + clientKey)
                    + (dpop ? ", DPoP" : "") + "]";
        }
    }
}
