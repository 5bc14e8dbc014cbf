package dev.mcpclient.internal.auth;

import java.security.SecureRandom;
import java.util.Base64;

/** Random values of authorization (PKCE verifiers, {@code state}): base64url without padding. */
final class RandomValues {

    private RandomValues() {
    }

    static String base64Url(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
