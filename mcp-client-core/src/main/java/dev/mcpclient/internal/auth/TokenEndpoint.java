package dev.mcpclient.internal.auth;

import dev.mcpclient.auth.McpAuthorizationException;
import dev.mcpclient.transport.http.UrlRedaction;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Requests tokens from an authorization server's token endpoint (OAuth 2.1 section 3.2): the grant's
 * parameters, the client's authentication, the response read into an {@link AccessToken}. An error
 * response fails with its {@code error} code and description; no message holds a secret.
 */
public final class TokenEndpoint {

    private final AuthHttp http;
    private final Clock clock;

    /** Token requests through {@code http}; lifetimes measured with {@code clock}. */
    public TokenEndpoint(AuthHttp http, Clock clock) {
        this.http = http;
        this.clock = clock;
    }

    /**
     * A token for the grant {@code params} ({@code grant_type} and its parameters) from the token
     * endpoint of {@code server}, the client authenticated as {@code client} says.
     *
     * @param requestedScope the scope asked for, kept with the token when the response names none
     */
    public Mono<AccessToken> request(AuthorizationServerMetadata server, ClientRegistration client,
            Map<String, String> params, String requestedScope) {
        return Mono.defer(() -> {
            Map<String, String> form = new LinkedHashMap<>(params);
            HttpHeaders headers = new HttpHeaders();
            ClientAuthentication.of(client.tokenEndpointAuthMethod()).authenticate(client, form, headers);
            String grant = params.get("grant_type");
            return http.postForm(server.tokenEndpoint(), form, h -> h.addAll(headers))
                    .map(response -> {
                        if (!response.ok()) {
                            String error = response.text("error");
                            String description = response.text("error_description");
                            throw new TokenRequestException("The token endpoint " + UrlRedaction.redact(server.tokenEndpoint())
                                    + " refused the " + grant + " grant: HTTP " + response.status()
                                    + (error == null ? "" : ", " + error) + (description == null ? "" : " (" + description + ")"),
                                    error);
                        }
                        return token(response.body(), requestedScope, server.issuer());
                    });
        });
    }

    private AccessToken token(JsonNode json, String requestedScope, String issuer) {
        JsonNode value = json.get("access_token");
        if (value == null || !value.isString() || value.asString().isEmpty()) {
            throw new McpAuthorizationException("The token response holds no access_token");
        }
        String type = json.path("token_type").asString("Bearer");
        if (!type.equalsIgnoreCase("Bearer")) {
            throw new McpAuthorizationException("The token response's token_type is " + type + ", not Bearer");
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
        return new AccessToken(value.asString(), "Bearer", expiresAt,
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
