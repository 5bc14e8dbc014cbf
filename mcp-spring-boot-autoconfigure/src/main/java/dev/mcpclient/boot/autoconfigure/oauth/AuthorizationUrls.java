package dev.mcpclient.boot.autoconfigure.oauth;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** Reading one parameter of a URL's query. */
final class AuthorizationUrls {

    private AuthorizationUrls() {
    }

    /** The first value of the query parameter {@code name} of {@code url}, decoded; {@code null} when absent. */
    static String parameter(URI url, String name) {
        String query = url.getRawQuery();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            if (key.equals(name)) {
                return eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
