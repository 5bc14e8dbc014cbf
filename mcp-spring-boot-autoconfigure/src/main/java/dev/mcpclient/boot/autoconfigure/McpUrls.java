package dev.mcpclient.boot.autoconfigure;

import java.net.URI;
import java.net.URISyntaxException;

/** Shows a URL without what may be secret in it: user info and the query. */
final class McpUrls {

    private McpUrls() {
    }

    static String redact(String url) {
        if (url == null) {
            return null;
        }
        try {
            URI uri = new URI(url.strip());
            if (uri.getHost() == null) {
                return "(not a URL)";
            }
            StringBuilder shown = new StringBuilder().append(uri.getScheme()).append("://");
            if (uri.getRawUserInfo() != null) {
                shown.append("******@");
            }
            shown.append(uri.getHost());
            if (uri.getPort() != -1) {
                shown.append(':').append(uri.getPort());
            }
            shown.append(uri.getRawPath() == null ? "" : uri.getRawPath());
            if (uri.getRawQuery() != null) {
                shown.append("?******");
            }
            return shown.toString();
        } catch (URISyntaxException e) {
            return "(not a URL)";
        }
    }
}
