package dev.mcpclient.internal.auth;

import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/** The client credentials grant (OAuth 2.1 section 4.2): the client asks for a token on its own behalf. */
public final class ClientCredentialsGrant implements Grant {

    private final TokenEndpoint tokenEndpoint;

    /** The grant at {@code tokenEndpoint}. */
    public ClientCredentialsGrant(TokenEndpoint tokenEndpoint) {
        this.tokenEndpoint = tokenEndpoint;
    }

    @Override
    public Mono<AccessToken> obtain(GrantRequest request) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("grant_type", "client_credentials");
        if (request.scope() != null) {
            params.put("scope", request.scope());
        }
        if (request.resource() != null) {
            params.put("resource", request.resource());
        }
        return tokenEndpoint.request(request.server(), request.client(), params, request.scope());
    }
}
