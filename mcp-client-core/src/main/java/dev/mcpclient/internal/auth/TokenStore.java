package dev.mcpclient.internal.auth;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The tokens of the MCP servers, one per server and resource, in memory. {@code toString()} shows
 * how many it holds, never a token.
 */
public final class TokenStore {

    private final Map<String, AccessToken> tokens = new ConcurrentHashMap<>();

    /** The key of the token of {@code server} for {@code resource} (either may be {@code null}). */
    public static String key(String server, String resource) {
        return server + " " + (resource == null ? "" : resource);
    }

    /** The token under {@code key}, or {@code null}. */
    public AccessToken get(String key) {
        return tokens.get(key);
    }

    /** Keeps {@code token} under {@code key}. */
    public void put(String key, AccessToken token) {
        tokens.put(key, token);
    }

    /** Forgets the token under {@code key}. */
    public void remove(String key) {
        tokens.remove(key);
    }

    @Override
    public String toString() {
        return "TokenStore[" + tokens.size() + " tokens]";
    }
}
