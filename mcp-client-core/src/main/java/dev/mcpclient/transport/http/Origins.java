package dev.mcpclient.transport.http;

import java.net.URI;

/** What the HTTP transports compare and show of a URL's origin: its scheme, host and port. */
final class Origins {

    private Origins() {
    }

    /** Whether two URLs have the same scheme, host and port (the scheme's default port where none is given). */
    static boolean same(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    /** The origin of {@code uri} as a message shows it ({@code https://host:443}): nothing in it may be secret. */
    static String show(URI uri) {
        return uri.getScheme() + "://" + uri.getHost() + ":" + port(uri);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }
}
