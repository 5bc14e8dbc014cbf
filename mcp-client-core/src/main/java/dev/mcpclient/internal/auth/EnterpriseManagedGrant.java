package dev.mcpclient.internal.auth;

import dev.mcpclient.auth.McpAuthorizationException;
import dev.mcpclient.transport.http.UrlRedaction;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * Enterprise-Managed Authorization (SEP-990, the Identity Assertion JWT Authorization Grant): the
 * user's ID token from the enterprise IdP is exchanged there (RFC 8693) for an ID-JAG whose audience
 * is the MCP server's authorization server and whose resource is the MCP server, and the ID-JAG is then
 * presented to that authorization server in a JWT bearer grant (RFC 7523 section 2.1), the client
 * authenticated as its registration there says. No user interaction, no registration. The ID token is
 * asked from its source before each exchange. A refusal at either step ends the attempt.
 */
public final class EnterpriseManagedGrant implements Grant {

    private final JwtAssertionSource idTokens;
    private final URI idpTokenEndpoint;
    private final String idpClientId;
    private final String idpClientSecret;
    private final TokenEndpoint tokenEndpoint;

    /**
     * The grant with ID tokens from {@code idTokens}, exchanged at {@code idpTokenEndpoint} by the
     * IdP client {@code idpClientId} (with {@code client_secret_basic} when {@code idpClientSecret} is
     * given, else naming itself in the form), then presented at the MCP server's authorization server
     * through {@code tokenEndpoint}.
     */
    public EnterpriseManagedGrant(JwtAssertionSource idTokens, URI idpTokenEndpoint, String idpClientId,
            String idpClientSecret, TokenEndpoint tokenEndpoint) {
        this.idTokens = idTokens;
        this.idpTokenEndpoint = idpTokenEndpoint;
        this.idpClientId = idpClientId;
        this.idpClientSecret = idpClientSecret;
        this.tokenEndpoint = tokenEndpoint;
    }

    @Override
    public Mono<AccessToken> obtain(GrantRequest request) {
        String audience = request.server().issuer();
        if (audience == null || request.resource() == null) {
            return Mono.error(new McpAuthorizationException("Enterprise-managed authorization needs the MCP server's "
                    + "protected resource metadata and its authorization server's issuer, which " + request.serverName()
                    + " does not publish"));
        }
        return Mono.defer(idTokens::assertion)
                .switchIfEmpty(Mono.error(() -> new McpAuthorizationException("The ID token source gave no ID token")))
                .onErrorMap(e -> !(e instanceof McpAuthorizationException),
                        e -> new McpAuthorizationException("No ID token for enterprise-managed authorization: " + e.getMessage(), e))
                .flatMap(idToken -> {
                    TokenExchange exchange = new TokenExchange(idToken, TokenExchange.ID_TOKEN_TYPE,
                            TokenExchange.ID_JAG_TOKEN_TYPE, audience, request.resource(), request.scope());
                    TokenForm form = exchange.form();
                    HttpHeaders headers = new HttpHeaders();
                    if (idpClientSecret != null) {
                        String pair = encode(idpClientId) + ":" + encode(idpClientSecret);
                        headers.set(HttpHeaders.AUTHORIZATION,
                                "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
                    } else {
                        form = form.with("client_id", idpClientId);
                    }
                    return tokenEndpoint.exchange(idpTokenEndpoint, form, headers);
                })
                .map(response -> {
                    try {
                        return response.idJag();
                    } catch (IllegalStateException e) {
                        throw new McpAuthorizationException("The IdP " + UrlRedaction.redact(idpTokenEndpoint)
                                + " answered the token exchange with no ID-JAG: " + e.getMessage());
                    }
                })
                .flatMap(idJag -> tokenEndpoint.request(request.server(), request.client(),
                        new JwtBearerGrant(idJag, request.scope(), request.resource()).form().asMap(), request.scope()));
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "EnterpriseManagedGrant[idp=" + UrlRedaction.redact(idpTokenEndpoint) + ", idpClientId=" + idpClientId + "]";
    }
}
