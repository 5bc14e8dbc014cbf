package dev.mcpclient.internal.auth;

import reactor.core.publisher.Mono;

/**
 * One way to obtain an access token from an authorization server (an OAuth grant): the authorization
 * code grant, the client credentials grant; JWT bearer (RFC 7523) and token exchange (RFC 8693) are
 * further implementations.
 */
public interface Grant {

    /** A new token as {@code request} describes it. */
    Mono<AccessToken> obtain(GrantRequest request);

    /**
     * What a grant is asked for.
     *
     * @param server the authorization server
     * @param client the client's identity there
     * @param scope the scope to ask for, or {@code null} to leave it out
     * @param resource the RFC 8707 resource, or {@code null} when the server published none (2025-03-26)
     * @param serverName how messages name the MCP server (a redacted URL)
     */
    record GrantRequest(AuthorizationServerMetadata server, ClientRegistration client, String scope, String resource,
            String serverName) {
    }
}
