package dev.mcpclient.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * How this library names a session in logs and exception messages: a session id is a credential (who
 * has it speaks in that session), so it is never shown; its short fingerprint is ({@code #} and the
 * first 8 hex digits of its SHA-256), which tells the sessions of one log apart.
 */
public final class SessionIds {

    private SessionIds() {
    }

    /** What may be shown of {@code sessionId}; {@code "(none)"} for {@code null}. */
    public static String shown(String sessionId) {
        if (sessionId == null) {
            return "(none)";
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(sessionId.getBytes(StandardCharsets.UTF_8));
            return "#" + HexFormat.of().formatHex(digest, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
