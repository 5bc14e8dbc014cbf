package dev.mcpclient.auth;

import dev.mcpclient.internal.auth.DpopNonces;
import dev.mcpclient.internal.auth.DpopProofs;
import dev.mcpclient.internal.auth.Grant;
import dev.mcpclient.internal.auth.JwtAssertionSource;
import dev.mcpclient.internal.auth.SigningKey;
import com.nimbusds.jose.jwk.JWK;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * Builds an {@link OAuthAuthorization}. The authorization code grant (the default) needs a
 * {@link #redirectUri} and an {@link #authorizationCodeHandler}; the other grants,
 * {@link #clientCredentials()}, {@link #jwtBearer(String) jwtBearer} and
 * {@link #enterpriseManagedAuthorization(String, String) enterpriseManagedAuthorization} (one of
 * them at most), need neither. Without a pre-registered {@link #clientId}, the client uses its
 * {@link #clientMetadataUrl} where the authorization server accepts one, else registers dynamically.
 * {@link #privateKeyJwt(String) privateKeyJwt} and {@link #dpop(boolean) dpop} work with every grant.
 *
 * @since 0.2.0
 */
public final class OAuthAuthorizationBuilder {
    String clientId;
    String clientSecret;
    String clientMetadataUrl;
    URI redirectUri;
    String scope;
    String clientName = "MCP client (dev.mcpclient)";
    AuthorizationCodeHandler handler;
    boolean clientCredentials;
    WebClient.Builder webClientBuilder;
    Duration refreshSkew = Duration.ofSeconds(30);
    Duration timeout = Duration.ofSeconds(30);
    boolean offlineAccess = true;
    Clock clock = Clock.systemUTC();
    SigningKey clientKey;
    JwtAssertionSource assertions;
    JwtAssertionSource idTokens;
    URI idpTokenEndpoint;
    String idpClientId;
    String idpClientSecret;
    boolean dpop;
    JWK dpopKey;

    OAuthAuthorizationBuilder() {
    }

    /** The client id registered with the authorization server beforehand (OAuth "pre-registration"). */
    public OAuthAuthorizationBuilder clientId(String clientId) {
        this.clientId = requireText(clientId, "clientId");
        return this;
    }

    /** The pre-registered client's secret (a confidential client); sent as the authorization server supports. */
    public OAuthAuthorizationBuilder clientSecret(String clientSecret) {
        this.clientSecret = requireText(clientSecret, "clientSecret");
        return this;
    }

    /**
     * The https URL of the client's Client ID Metadata Document, used as its client id where the
     * authorization server advertises {@code client_id_metadata_document_supported}.
     */
    public OAuthAuthorizationBuilder clientMetadataUrl(String url) {
        this.clientMetadataUrl = requireText(url, "url");
        return this;
    }

    /** The redirect URI of the authorization code grant (a loopback URL for a desktop client). */
    public OAuthAuthorizationBuilder redirectUri(String redirectUri) {
        this.redirectUri = URI.create(requireText(redirectUri, "redirectUri").strip());
        return this;
    }

    /**
     * The scope to ask for when the server's challenge names none, instead of every scope of its
     * protected resource metadata. Default: none.
     */
    public OAuthAuthorizationBuilder scope(String scope) {
        this.scope = requireText(scope, "scope");
        return this;
    }

    /** The {@code client_name} of a dynamic registration. */
    public OAuthAuthorizationBuilder clientName(String clientName) {
        this.clientName = requireText(clientName, "clientName");
        return this;
    }

    /** Who lets the user authorize the client (authorization code grant). */
    public OAuthAuthorizationBuilder authorizationCodeHandler(AuthorizationCodeHandler handler) {
        this.handler = Objects.requireNonNull(handler, "handler");
        return this;
    }

    /**
     * Uses the client credentials grant instead of the authorization code grant: the client acts on
     * its own behalf with its {@link #clientId} and {@link #clientSecret} (sent with
     * {@code client_secret_basic} or {@code client_secret_post}, as the authorization server supports).
     */
    public OAuthAuthorizationBuilder clientCredentials() {
        this.clientCredentials = true;
        return this;
    }

    /**
     * The {@code WebClient.Builder} for the calls to metadata, registration and token endpoints
     * (cloned, not changed). Default: a {@code WebClient} of its own.
     */
    public OAuthAuthorizationBuilder webClientBuilder(WebClient.Builder builder) {
        this.webClientBuilder = Objects.requireNonNull(builder, "builder");
        return this;
    }

    /** How long before it expires a token is refreshed; default 30 seconds. */
    public OAuthAuthorizationBuilder refreshSkew(Duration skew) {
        Objects.requireNonNull(skew, "skew");
        if (skew.isNegative()) {
            throw new IllegalArgumentException("refreshSkew must not be negative");
        }
        this.refreshSkew = skew;
        return this;
    }

    /** How long one call to an authorization server may take; default 30 seconds. */
    public OAuthAuthorizationBuilder timeout(Duration timeout) {
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
    public OAuthAuthorizationBuilder offlineAccess(boolean offlineAccess) {
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
    public OAuthAuthorizationBuilder privateKeyJwt(String privateKey) {
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
    public OAuthAuthorizationBuilder privateKeyJwt(String privateKey, String algorithm, String keyId) {
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
    public OAuthAuthorizationBuilder jwtBearer(String assertion) {
        this.assertions = JwtAssertionSource.of(requireText(assertion, "assertion"));
        return this;
    }

    /**
     * As {@link #jwtBearer(String)}, the JWT read from {@code file} before each token request (a
     * platform that rotates the token in a file: a Kubernetes projected service account token, a
     * cloud agent's token file). Read off the event loop; a missing or empty file fails the request
     * with a message naming the file.
     */
    public OAuthAuthorizationBuilder jwtBearer(Path file) {
        this.assertions = JwtAssertionSource.file(Objects.requireNonNull(file, "file"));
        return this;
    }

    /**
     * As {@link #jwtBearer(String)}, the JWT asked from {@code assertions} before each token request
     * (a platform's SDK or metadata endpoint). The {@code Mono} must not block an event loop.
     */
    public OAuthAuthorizationBuilder jwtBearer(Supplier<Mono<String>> assertions) {
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
    public OAuthAuthorizationBuilder enterpriseManagedAuthorization(String idpTokenEndpoint, String idToken) {
        requireText(idToken, "idToken");
        return enterpriseManagedAuthorization(idpTokenEndpoint, () -> Mono.just(idToken));
    }

    /**
     * As {@link #enterpriseManagedAuthorization(String, String)}, the ID token asked from
     * {@code idTokens} before each exchange (the application's sign-in keeps it fresh). The
     * {@code Mono} must not block an event loop.
     */
    public OAuthAuthorizationBuilder enterpriseManagedAuthorization(String idpTokenEndpoint, Supplier<Mono<String>> idTokens) {
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
    public OAuthAuthorizationBuilder idpClientId(String idpClientId) {
        this.idpClientId = requireText(idpClientId, "idpClientId");
        return this;
    }

    /** The client secret at the enterprise IdP, sent there with {@code client_secret_basic}. */
    public OAuthAuthorizationBuilder idpClientSecret(String idpClientSecret) {
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
    public OAuthAuthorizationBuilder dpop(boolean dpop) {
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
    public OAuthAuthorizationBuilder dpopKey(String privateJwk) {
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
    OAuthAuthorizationBuilder clock(Clock clock) {
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
        return "OAuthAuthorizationBuilder[" + grantName() + ", clientId=" + clientId + ", clientSecret="
                + (clientSecret == null ? "none" : "******") + (clientKey == null ? "" : ", privateKeyJwt=" + clientKey)
                + (dpop ? ", DPoP" : "") + "]";
    }
}
