package dev.mcpclient.internal.session;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Which servers were found to speak only the legacy era, remembered for the life of the JVM per
 * server key ({@code McpTransport.serverKey()}: an HTTP endpoint), so that the next client to the
 * same server goes straight to the {@code initialize} handshake instead of probing again. A modern
 * server needs no entry: its probe is the {@code server/discover} every client sends anyway.
 *
 * <p>An entry is forgotten as soon as it stops holding (the server answered the handshake the way
 * only a modern server does). Bounded: past {@link #MAX_ENTRIES} servers the memory starts afresh,
 * which costs each of them one probe again.
 */
public final class ServerEras {

    /** More servers than any application talks to; the bound only keeps a misuse from growing without end. */
    static final int MAX_ENTRIES = 4096;

    private static final Map<String, Boolean> LEGACY = new ConcurrentHashMap<>();

    private ServerEras() {
    }

    /** Whether the server of {@code key} was found to speak only the legacy era; {@code false} for a {@code null} key. */
    static boolean isLegacy(String key) {
        return key != null && LEGACY.containsKey(key);
    }

    /** Remembers that the server of {@code key} speaks only the legacy era (nothing for a {@code null} key). */
    static void legacy(String key) {
        if (key == null) {
            return;
        }
        if (LEGACY.size() >= MAX_ENTRIES) {
            LEGACY.clear();
        }
        LEGACY.put(key, Boolean.TRUE);
    }

    /** Forgets what was remembered of the server of {@code key}. */
    static void forget(String key) {
        if (key != null) {
            LEGACY.remove(key);
        }
    }

    /** Forgets every server (for tests that must start from a first contact). */
    public static void clear() {
        LEGACY.clear();
    }
}
