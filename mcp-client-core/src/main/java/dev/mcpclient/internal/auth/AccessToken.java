package dev.mcpclient.internal.auth;

import java.time.Duration;
import java.time.Instant;

/**
 * An access token of one MCP server, with what renewing it needs. {@code toString()} never shows the
 * token or the refresh token.
 *
 * @param value the access token
 * @param type the token type: {@code Bearer}, or {@code DPoP} for a token bound to the client's DPoP key
 * @param expiresAt when it expires, or {@code null} when the authorization server did not say
 * @param refreshToken the refresh token, or {@code null}
 * @param scope the scope it was granted (the granted scope when the response names one, else the
 *     requested one), or {@code null}
 * @param issuer the issuer of the authorization server that issued it, or {@code null}
 * @param renewal whether it replaced a token the server refused (a refused renewal is not renewed again)
 */
public record AccessToken(String value, String type, Instant expiresAt, String refreshToken, String scope,
        String issuer, boolean renewal) {

    /** Whether it expires within {@code skew} of {@code now}. */
    public boolean expiresWithin(Duration skew, Instant now) {
        return expiresAt != null && !now.plus(skew).isBefore(expiresAt);
    }

    /** The same token marked as a renewal of a refused one. */
    public AccessToken asRenewal() {
        return new AccessToken(value, type, expiresAt, refreshToken, scope, issuer, true);
    }

    /** Whether it is bound to the client's DPoP key (presented with a proof, RFC 9449 section 7). */
    public boolean dpop() {
        return DpopProofs.SCHEME.equals(type);
    }

    /** The value of an {@code Authorization} header carrying it ({@code Bearer} or {@code DPoP} scheme). */
    public String authorizationHeader() {
        return (dpop() ? DpopProofs.SCHEME : "Bearer") + " " + value;
    }

    @Override
    public String toString() {
        return "AccessToken[type=" + type + ", expiresAt=" + expiresAt + ", refreshToken="
                + (refreshToken == null ? "none" : "present") + ", scope=" + scope + ", issuer=" + issuer + "]";
    }
}
