package dev.mcpclient.internal.auth;

import dev.mcpclient.auth.McpAuthorizationException;
import reactor.core.publisher.Mono;

/**
 * The JWT bearer grant (RFC 7523 section 2.1) with a JWT the client already holds, asked from its
 * {@link JwtAssertionSource} before each token request: workload identity federation (SEP-1933), where
 * a platform issues the workload a short-lived identity token. The client authenticates as its
 * registration says (usually not at all). A refused request ends the attempt: it is neither repeated
 * nor followed by another grant.
 */
public final class JwtBearerAssertionGrant implements Grant {

    private final JwtAssertionSource assertions;
    private final TokenEndpoint tokenEndpoint;

    /** The grant with assertions from {@code assertions}, at {@code tokenEndpoint}. */
    public JwtBearerAssertionGrant(JwtAssertionSource assertions, TokenEndpoint tokenEndpoint) {
        this.assertions = assertions;
        this.tokenEndpoint = tokenEndpoint;
    }

    @Override
    public Mono<AccessToken> obtain(GrantRequest request) {
        return Mono.defer(assertions::assertion)
                .switchIfEmpty(Mono.error(() -> new McpAuthorizationException("The JWT assertion source gave no assertion")))
                .onErrorMap(e -> !(e instanceof McpAuthorizationException),
                        e -> new McpAuthorizationException("No JWT assertion for the JWT bearer grant: " + e.getMessage(), e))
                .flatMap(assertion -> tokenEndpoint.request(request.server(), request.client(),
                        new JwtBearerGrant(assertion, request.scope(), request.resource()).form().asMap(), request.scope()));
    }
}
