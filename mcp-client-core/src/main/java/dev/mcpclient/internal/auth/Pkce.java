package dev.mcpclient.internal.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A PKCE pair (RFC 7636) with the {@code S256} method: a random code verifier (32 bytes, 43 characters)
 * and its challenge, {@code BASE64URL(SHA-256(verifier))}. {@code toString()} shows neither.
 *
 * @param verifier the code verifier, sent with the token request
 * @param challenge the code challenge, sent with the authorization request
 */
public record Pkce(String verifier, String challenge) {

    /** The only method used: S256 (MCP authorization requires it when the server can). */
    public static final String METHOD = "S256";

    /** A new pair from {@code random}. */
    public static Pkce create(SecureRandom random) {
        String verifier = RandomValues.base64Url(random, 32);
        return new Pkce(verifier, challengeOf(verifier));
    }

    /** The S256 challenge of {@code verifier}. */
    public static String challengeOf(String verifier) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    @Override
    public String toString() {
        return "Pkce[S256]";
    }
}
