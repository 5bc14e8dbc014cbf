package dev.mcpclient.internal.auth;

import dev.mcpclient.auth.McpAuthorizationException;
import dev.mcpclient.transport.http.UrlRedaction;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Requests tokens from an authorization server's token endpoint (OAuth 2.1 section 3.2): the grant's
 * parameters, the client's authentication ({@code private_key_jwt} with the client's signing key when
 * it has one), a DPoP proof where the authorization server supports DPoP and the client has a DPoP key
 * (RFC 9449 section 5), the response read into an {@link AccessToken}. A DPoP request the server answers
 * with {@code use_dpop_nonce} and a new nonce is sent once more, with a fresh proof carrying it. An
 * error response fails with its {@code error} code and description; no message holds a secret.
 */
public final class TokenEndpoint {

    private final AuthHttp http;
    private final Clock clock;
    private final SigningKey clientKey;
    private final DpopProofs dpop;

    /** Token requests through {@code http}; lifetimes measured with {@code clock}. */
    public TokenEndpoint(AuthHttp http, Clock clock) {
        this(http, clock, null, null);
    }

    /**
     * Token requests through {@code http}; lifetimes measured with {@code clock}.
     *
     * @param clientKey the key of {@code private_key_jwt} client authentication, or {@code null}
     * @param dpop the client's DPoP proofs (one key for every token and resource request), or {@code null}
     *     for none
     */
    public TokenEndpoint(AuthHttp http, Clock clock, SigningKey clientKey, DpopProofs dpop) {
        this.http = http;
        this.clock = clock;
        this.clientKey = clientKey;
        this.dpop = dpop;
    }

    /** Whether requests to {@code server} carry DPoP proofs: the client has a DPoP key and the server accepts its algorithm. */
    public boolean usesDpop(AuthorizationServerMetadata server) {
        return dpop != null && server.dpopSigningAlgValues().contains(dpop.algorithm().getName());
    }

    /**
     * A token for the grant {@code params} ({@code grant_type} and its parameters) from the token
     * endpoint of {@code server}, the client authenticated as {@code client} says.
     *
     * @param requestedScope the scope asked for, kept with the token when the response names none
     */
    public Mono<AccessToken> request(AuthorizationServerMetadata server, ClientRegistration client,
            Map<String, String> params, String requestedScope) {
        boolean proofs = usesDpop(server);
        String grant = params.get("grant_type");
        return send(server, client, params, proofs)
                .flatMap(response -> proofs && asksForNonce(response, server.tokenEndpoint())
                        ? send(server, client, params, true) // once, with a fresh proof carrying the new nonce
                        : Mono.just(response))
                .map(response -> {
                    if (proofs) {
                        observeNonce(response, server.tokenEndpoint());
                    }
                    if (!response.ok()) {
                        throw refused(server.tokenEndpoint(), grant, response);
                    }
                    return token(response.body(), requestedScope, server.issuer(), proofs);
                });
    }

    /**
     * A token exchange (RFC 8693) at {@code endpoint}, another authorization server's token endpoint
     * (an enterprise IdP's): the {@code form} and {@code headers} as given (client authentication
     * included), no DPoP. An error response fails as {@link #request} does.
     */
    public Mono<TokenExchangeResponse> exchange(URI endpoint, TokenForm form, HttpHeaders headers) {
        return Mono.defer(() -> http.postForm(endpoint, form.asMap(), h -> h.addAll(headers)))
                .map(response -> {
                    if (!response.ok()) {
                        throw refused(endpoint, form.get("grant_type"), response);
                    }
                    try {
                        return TokenExchangeResponse.parse(response.body());
                    } catch (IllegalArgumentException e) {
                        throw new McpAuthorizationException("The token endpoint " + UrlRedaction.redact(endpoint)
                                + " answered the token exchange with no usable token: " + e.getMessage());
                    }
                });
    }

    private Mono<AuthHttp.JsonResponse> send(AuthorizationServerMetadata server, ClientRegistration client,
            Map<String, String> params, boolean proofs) {
        return Mono.defer(() -> {
            Map<String, String> form = new LinkedHashMap<>(params);
            HttpHeaders headers = new HttpHeaders();
            String audience = server.issuer() != null ? server.issuer() : server.tokenEndpoint().toString();
            ClientAuthentication.of(client.tokenEndpointAuthMethod(), clientKey).authenticate(client, audience, form, headers);
            if (proofs) {
                headers.set(DpopProofs.HEADER, dpop.proof("POST", server.tokenEndpoint()));
            }
            return http.postForm(server.tokenEndpoint(), form, h -> h.addAll(headers));
        });
    }

    /** Whether {@code response} refuses a proof for want of a nonce and brings a new one (RFC 9449 section 8). */
    private boolean asksForNonce(AuthHttp.JsonResponse response, URI endpoint) {
        return response.status() == 400 && DpopNonces.USE_DPOP_NONCE.equals(response.text("error"))
                && observeNonce(response, endpoint);
    }

    private boolean observeNonce(AuthHttp.JsonResponse response, URI endpoint) {
        List<String> nonces = response.headers().get(DpopNonces.HEADER);
        return nonces != null && !nonces.isEmpty() && dpop.nonces().remember(endpoint, nonces.get(nonces.size() - 1).trim());
    }

    private static TokenRequestException refused(URI endpoint, String grant, AuthHttp.JsonResponse response) {
        String error = response.text("error");
        String description = response.text("error_description");
        return new TokenRequestException("The token endpoint " + UrlRedaction.redact(endpoint) + " refused the " + grant
                + " grant: HTTP " + response.status() + (error == null ? "" : ", " + error)
                + (description == null ? "" : " (" + description + ")"), error);
    }

    private AccessToken token(JsonNode json, String requestedScope, String issuer, boolean proofs) {
        JsonNode value = json.get("access_token");
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw new McpAuthorizationException("The token response holds no access_token");
        }
        String type = json.path("token_type").asString("Bearer");
        String presented;
        if (type.equalsIgnoreCase("Bearer")) {
            presented = "Bearer";
        } else if (type.equalsIgnoreCase(DpopProofs.SCHEME)) {
            if (!proofs) {
                throw new McpAuthorizationException("The token response's token_type is DPoP, but the request carried no "
                        + "DPoP proof");
            }
            presented = DpopProofs.SCHEME;
        } else {
            throw new McpAuthorizationException("The token response's token_type is " + type + ", not Bearer"
                    + (proofs ? " or DPoP" : ""));
        }
        Instant expiresAt = null;
        JsonNode expiresIn = json.get("expires_in");
        if (expiresIn != null && expiresIn.canConvertToLong()) {
            expiresAt = clock.instant().plusSeconds(Math.max(0, expiresIn.asLong()));
        } else if (expiresIn != null && expiresIn.isString()) {
            try {
                expiresAt = clock.instant().plusSeconds(Math.max(0, Long.parseLong(expiresIn.asString().strip())));
            } catch (NumberFormatException e) {
                expiresAt = null;
            }
        }
        JsonNode refresh = json.get("refresh_token");
        JsonNode scope = json.get("scope");
        return new AccessToken(value.asString(), presented, expiresAt,
                refresh != null && refresh.isString() && !refresh.asString().isEmpty() ? refresh.asString() : null,
                scope != null && scope.isString() ? scope.asString() : requestedScope, issuer, false);
    }

    /** The token endpoint refused a grant; {@link #error()} is its OAuth error code. */
    public static final class TokenRequestException extends McpAuthorizationException {
        private final String error;

        TokenRequestException(String message, String error) {
            super(message);
            this.error = error;
        }

        /** The OAuth error code ({@code invalid_grant}, ...), or {@code null}. */
        public String error() {
            return error;
        }
    }
}
