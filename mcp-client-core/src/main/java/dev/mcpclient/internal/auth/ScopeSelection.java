package dev.mcpclient.internal.auth;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Which scope to ask for (MCP authorization "Scope Selection Strategy"): the {@code scope} of the
 * server's challenge, else the application's, else every scope of the protected resource metadata's
 * {@code scopes_supported}, else none (the parameter is left out). {@code offline_access} is added
 * (SEP-2207) only when the authorization server lists it and a scope is asked for at all.
 */
public final class ScopeSelection {

    private ScopeSelection() {
    }

    /** The scope to ask for, or {@code null} to leave it out. */
    public static String select(String challengeScope, String configuredScope, ProtectedResourceMetadata prm) {
        if (challengeScope != null && !challengeScope.isBlank()) {
            return normalize(challengeScope);
        }
        if (configuredScope != null && !configuredScope.isBlank()) {
            return normalize(configuredScope);
        }
        if (prm != null && prm.scopesSupported() != null && !prm.scopesSupported().isEmpty()) {
            return String.join(" ", prm.scopesSupported());
        }
        return null;
    }

    /** {@code scope} with {@code offline_access} added when {@code server} lists it. */
    public static String withOfflineAccess(String scope, AuthorizationServerMetadata server) {
        if (scope == null || !server.supportsScope("offline_access")) {
            return scope;
        }
        return union(scope, "offline_access");
    }

    /** The scopes of both, each once, in order (SEP-2350: re-authorization keeps what was asked before). */
    public static String union(String a, String b) {
        Set<String> all = new LinkedHashSet<>(scopes(a));
        all.addAll(scopes(b));
        return all.isEmpty() ? null : String.join(" ", all);
    }

    /** Whether every scope of {@code required} is among {@code granted}. */
    public static boolean covers(String granted, String required) {
        return scopes(granted).containsAll(scopes(required));
    }

    static Set<String> scopes(String scope) {
        Set<String> set = new LinkedHashSet<>();
        if (scope != null) {
            for (String s : scope.trim().split("\\s+")) {
                if (!s.isEmpty()) {
                    set.add(s);
                }
            }
        }
        return set;
    }

    private static String normalize(String scope) {
        return String.join(" ", scopes(scope));
    }
}
