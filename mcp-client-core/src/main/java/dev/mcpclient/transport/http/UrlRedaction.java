package dev.mcpclient.transport.http;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * How this library shows a server's URL in logs, exceptions and health details: without what may be
 * secret in it. User info and the query are masked ({@code https://******@host/mcp?******}); the
 * scheme, host, port and path stay.
 *
 * @since 0.2.0
 */
public final class UrlRedaction {

    private static final String MASK = "******";

    private UrlRedaction() {
    }

    /** {@code url} as it may be shown; {@code "(not a URL)"} when it is not an absolute URL, {@code null} for {@code null}. */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        try {
            return redact(new URI(url.strip()));
        } catch (URISyntaxException e) {
            return "(not a URL)";
        }
    }

    /** {@code uri} as it may be shown; {@code "(not a URL)"} when it has no host. */
    public static String redact(URI uri) {
        if (uri.getHost() == null) {
            return "(not a URL)";
        }
        StringBuilder shown = new StringBuilder().append(uri.getScheme()).append("://");
        if (uri.getRawUserInfo() != null) {
            shown.append(MASK).append('@');
        }
        shown.append(uri.getHost());
        if (uri.getPort() != -1) {
            shown.append(':').append(uri.getPort());
        }
        shown.append(uri.getRawPath() == null ? "" : uri.getRawPath());
        if (uri.getRawQuery() != null) {
            shown.append('?').append(MASK);
        }
        return shown.toString();
    }

    /**
     * {@code text} (an error message, say) with every occurrence of {@code url} shown as
     * {@link #redact(String)} shows it; {@code text} as it is when either is {@code null} or blank.
     */
    public static String redactIn(String text, String url) {
        if (text == null || url == null || url.isBlank()) {
            return text;
        }
        String raw = url.strip();
        return text.replace(raw, redact(raw));
    }
}
