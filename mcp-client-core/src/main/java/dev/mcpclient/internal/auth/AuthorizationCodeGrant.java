package dev.mcpclient.internal.auth;

import dev.mcpclient.auth.AuthorizationCodeHandler;
import dev.mcpclient.auth.AuthorizationCodeHandler.AuthorizationResponse;
import dev.mcpclient.auth.McpAuthorizationException;
import dev.mcpclient.transport.http.UrlRedaction;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The authorization code grant with PKCE (OAuth 2.1 section 4.1, MCP authorization): builds the
 * authorization URL (S256 challenge, {@code state}, {@code scope}, RFC 8707 {@code resource}), lets the
 * {@link AuthorizationCodeHandler} obtain the authorization response, checks it ({@code state};
 * {@code iss} against the recorded issuer, RFC 9207) and redeems the code with the verifier.
 */
public final class AuthorizationCodeGrant implements Grant {

    private final AuthorizationCodeHandler handler;
    private final URI redirectUri;
    private final TokenEndpoint tokenEndpoint;
    private final SecureRandom random;

    /** The grant with {@code handler} for the user's part, {@code redirectUri}, and {@code random} for PKCE and state. */
    public AuthorizationCodeGrant(AuthorizationCodeHandler handler, URI redirectUri, TokenEndpoint tokenEndpoint,
            SecureRandom random) {
        this.handler = handler;
        this.redirectUri = redirectUri;
        this.tokenEndpoint = tokenEndpoint;
        this.random = random;
    }

    @Override
    public Mono<AccessToken> obtain(GrantRequest request) {
        AuthorizationServerMetadata server = request.server();
        if (server.authorizationEndpoint() == null) {
            return Mono.error(new McpAuthorizationException("The authorization server " + shown(server)
                    + " names no authorization endpoint"));
        }
        if (!server.codeChallengeMethods().isEmpty() && !server.codeChallengeMethods().contains(Pkce.METHOD)) {
            return Mono.error(new McpAuthorizationException("The authorization server " + shown(server)
                    + " does not support PKCE with S256 (code_challenge_methods_supported " + server.codeChallengeMethods()
                    + "): refused"));
        }
        Pkce pkce = Pkce.create(random);
        String state = RandomValues.base64Url(random, 24);
        URI url = authorizationUrl(request, pkce, state);
        return Mono.defer(() -> handler.authorize(url, redirectUri))
                .switchIfEmpty(Mono.error(() -> new McpAuthorizationException(
                        "The authorization code handler gave no authorization response")))
                .flatMap(response -> {
                    check(response, state, server);
                    Map<String, String> params = new LinkedHashMap<>();
                    params.put("grant_type", "authorization_code");
                    params.put("code", response.code());
                    params.put("redirect_uri", redirectUri.toString());
                    params.put("code_verifier", pkce.verifier());
                    if (request.resource() != null) {
                        params.put("resource", request.resource());
                    }
                    return tokenEndpoint.request(server, request.client(), params, request.scope());
                });
    }

    /** The authorization URL: the endpoint with the request's parameters added to its query. */
    URI authorizationUrl(GrantRequest request, Pkce pkce, String state) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", request.client().clientId());
        params.put("redirect_uri", redirectUri.toString());
        params.put("code_challenge", pkce.challenge());
        params.put("code_challenge_method", Pkce.METHOD);
        params.put("state", state);
        if (request.scope() != null) {
            params.put("scope", request.scope());
        }
        if (request.resource() != null) {
            params.put("resource", request.resource());
        }
        StringBuilder url = new StringBuilder(request.server().authorizationEndpoint().toString());
        char separator = request.server().authorizationEndpoint().getRawQuery() == null ? '?' : '&';
        for (Map.Entry<String, String> e : params.entrySet()) {
            url.append(separator).append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            separator = '&';
        }
        return URI.create(url.toString());
    }

    private static void check(AuthorizationResponse response, String state, AuthorizationServerMetadata server) {
        if (response.error() != null) {
            throw new McpAuthorizationException("The authorization server " + shown(server) + " denied the authorization: "
                    + response.error() + (response.errorDescription() == null ? "" : " (" + response.errorDescription() + ")"));
        }
        if (!state.equals(response.state())) {
            throw new McpAuthorizationException("The authorization response's state does not match the request's: refused");
        }
        String issuer = server.issuer();
        if (response.iss() != null) {
            if (issuer != null && !issuer.equals(response.iss())) {
                throw new McpAuthorizationException("The authorization response names the issuer "
                        + UrlRedaction.redact(response.iss()) + ", not " + UrlRedaction.redact(issuer) + ": refused (RFC 9207)");
            }
        } else if (server.issParameterSupported()) {
            throw new McpAuthorizationException("The authorization response of " + shown(server)
                    + " has no iss parameter, which its metadata promises: refused (RFC 9207)");
        }
        if (response.code() == null || response.code().isEmpty()) {
            throw new McpAuthorizationException("The authorization response holds no code");
        }
    }

    private static String shown(AuthorizationServerMetadata server) {
        return server.issuer() != null ? UrlRedaction.redact(server.issuer()) : UrlRedaction.redact(server.tokenEndpoint());
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
