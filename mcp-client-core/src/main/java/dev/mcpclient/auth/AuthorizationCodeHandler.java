package dev.mcpclient.auth;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * The user's part of the authorization code grant: the user visits the authorization URL (in a
 * browser), signs in and consents, and the authorization server redirects to the redirect URI with
 * the authorization response. An implementation opens the URL and gives back what arrived at the
 * redirect URI, e.g. through a local HTTP listener on a loopback redirect URI or a web application's
 * callback. {@link HeadlessAuthorizationCodeHandler} follows the URL over HTTP, for servers that need
 * no user (tests, headless clients).
 *
 * <p>{@link OAuthAuthorization} checks the response ({@code state}, {@code iss}) and redeems the code;
 * the handler only carries it.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface AuthorizationCodeHandler {

    /**
     * Has the user visit {@code authorizationUrl} and gives back the authorization response that
     * arrives at {@code redirectUri}. Must not block the calling thread (it may be an event loop):
     * return a {@code Mono} that completes when the response arrived.
     */
    Mono<AuthorizationResponse> authorize(URI authorizationUrl, URI redirectUri);

    /**
     * The authorization response (OAuth 2.1 section 4.1.2, RFC 9207): the code or an error, the
     * {@code state} and the issuer. {@code toString()} never shows the code.
     *
     * @param code the authorization code, or {@code null} when the response is an error
     * @param state the {@code state} as received, or {@code null}
     * @param iss the {@code iss} parameter (RFC 9207), or {@code null}
     * @param error the {@code error} code ({@code access_denied}, ...), or {@code null}
     * @param errorDescription the {@code error_description}, or {@code null}
     */
    record AuthorizationResponse(String code, String state, String iss, String error, String errorDescription) {

        /** The response carried by the query of the redirect URI {@code redirect}. */
        public static AuthorizationResponse fromRedirect(URI redirect) {
            Map<String, String> params = new HashMap<>();
            String query = redirect.getRawQuery();
            if (query != null) {
                for (String pair : query.split("&")) {
                    int eq = pair.indexOf('=');
                    String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
                    String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                    params.putIfAbsent(name, value);
                }
            }
            return new AuthorizationResponse(params.get("code"), params.get("state"), params.get("iss"),
                    params.get("error"), params.get("error_description"));
        }

        @Override
        public String toString() {
            return "AuthorizationResponse[code=" + (code == null ? "none" : "******") + ", state=" + (state == null ? "none" : "present")
                    + ", iss=" + iss + ", error=" + error + "]";
        }
    }
}
