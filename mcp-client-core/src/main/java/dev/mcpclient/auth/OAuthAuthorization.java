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
import dev.mcpclient.internal.auth.JwtBearerAssertionGrant;
import dev.mcpclient.internal.auth.RefreshTokenGrant;
import dev.mcpclient.internal.auth.ResourceIdentifiers;
import dev.mcpclient.internal.auth.ResourceMetadataDiscovery;
import dev.mcpclient.internal.auth.ScopeSelection;
import dev.mcpclient.internal.auth.TokenEndpoint;
import dev.mcpclient.internal.auth.TokenManager;
import dev.mcpclient.internal.auth.TokenStore;
import java.net.URI;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
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
 *
 * @since 0.2.0
 */
public final class OAuthAuthorization implements McpAuthorization {

    private static final int MAX_RENEWING_ATTEMPT = 2;

    private final OAuthAuthorizationBuilder settings;
    private final Discovery discovery;
    private final Grant grant;
    private final RefreshTokenGrant refreshGrant;
    private final DpopProofs dpop;
    private final TokenStore store = new TokenStore();
    private final Map<String, TokenManager> servers = new ConcurrentHashMap<>();

    OAuthAuthorization(OAuthAuthorizationBuilder b) {
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

    /** A builder; {@link OAuthAuthorizationBuilder#build()} says what is missing. */
    public static OAuthAuthorizationBuilder builder() {
        return new OAuthAuthorizationBuilder();
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
}
