package dev.mcpclient.internal.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The refresh token grant (OAuth 2.1 section 4.3): a new access token for the same scope and
 * resource. A response without a new refresh token keeps the old one.
 */
public final class RefreshTokenGrant {

    private final TokenEndpoint tokenEndpoint;

    /** The grant at {@code tokenEndpoint}. */
    public RefreshTokenGrant(TokenEndpoint tokenEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
    }

    /** A token that replaces {@code token}, which must have a refresh token. */
    public Mono<AccessToken> refresh(AccessToken token, AuthorizationServerMetadata server, ClientRegistration client,
            String resource) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "refresh_token");
        params.put("refresh_token", token.refreshToken());
        if (resource != null) {
            params.put("resource", resource);
        }
        return tokenEndpoint.request(server, client, params, token.scope())
                .map(fresh -> fresh.refreshToken() != null ? fresh
                        : new AccessToken(fresh.value(), fresh.type(), fresh.expiresAt(), token.refreshToken(), fresh.scope(),
                                fresh.issuer(), false));
    }
}
