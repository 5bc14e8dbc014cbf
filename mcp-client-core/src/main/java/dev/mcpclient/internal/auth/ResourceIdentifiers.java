package dev.mcpclient.internal.auth;

import java.net.URI;
import java.util.Locale;

/**
 * What MCP authorization compares resource identifiers with: the canonical server URI (RFC 8707,
 * MCP "Canonical Server URI") and whether a protected resource's identifier covers a server's URL.
 */
public final class ResourceIdentifiers {

    private ResourceIdentifiers() {
    }

    /**
     * The canonical URI of the server at {@code url}: scheme and host in lower case, no fragment, no
     * query, no trailing slash.
     */
    public static String canonical(URI url) {
        String path = url.getRawPath() == null ? "" : url.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return url.getScheme().toLowerCase(Locale.ROOT) + "://" + url.getRawAuthority().toLowerCase(Locale.ROOT) + path;
    }

    /**
     * Whether the resource {@code resource} (as a protected resource metadata document publishes it)
     * identifies the server at {@code serverUrl}: the same scheme, host and port, and a path that is
     * the server's path or one of its parents (a resource {@code https://host} covers
     * {@code https://host/mcp}; {@code https://host/a} does not cover {@code https://host/ab}).
     */
    public static boolean covers(String resource, URI serverUrl) {
        URI r;
        try {
            r = URI.create(resource.strip());
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (r.getScheme() == null || r.getRawAuthority() == null || r.getRawFragment() != null) {
            return false;
        }
        if (!r.getScheme().equalsIgnoreCase(serverUrl.getScheme())
                || !r.getRawAuthority().equalsIgnoreCase(serverUrl.getRawAuthority())) {
            return false;
        }
        String resourcePath = trim(r.getRawPath());
        String serverPath = trim(serverUrl.getRawPath());
        return serverPath.equals(resourcePath) || serverPath.startsWith(resourcePath + "/");
    }

    private static String trim(String path) {
        String p = path == null ? "" : path;
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p;
    }
}
