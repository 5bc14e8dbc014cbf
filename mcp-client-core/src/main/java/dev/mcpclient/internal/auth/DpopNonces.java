package dev.mcpclient.internal.auth;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The DPoP nonces servers gave (RFC 9449 sections 8 and 9), one per origin: an authorization server and
 * a resource server each have their own. A nonce is learned from the {@code DPoP-Nonce} header of any
 * response, a refusal ({@code use_dpop_nonce}) or a success (a server may rotate it at any time), and
 * goes into every later proof for that origin. Thread-safe; never blocks.
 */
public final class DpopNonces {

    /** The response header that carries a nonce. */
    public static final String HEADER = "DPoP-Nonce";

    /** The error code of a refusal that asks for a (new) nonce. */
    public static final String USE_DPOP_NONCE = "use_dpop_nonce";

    private final Map<String, String> byOrigin = new ConcurrentHashMap<>();

    /** The nonce to send to {@code uri}'s origin, or {@code null} when it gave none. */
    public String nonce(URI uri) {
        return byOrigin.get(origin(uri));
    }

    /**
     * Remembers {@code nonce} for {@code uri}'s origin.
     *
     * @return whether it differs from the nonce remembered before (a refused request is worth sending
     *         again only then); {@code false} for a {@code null} nonce or one that breaks the RFC 9449
     *         syntax (printable ASCII without spaces, quotes and backslashes), which is ignored
     */
    public boolean remember(URI uri, String nonce) {
        if (nonce == null || !wellFormed(nonce)) {
            return false;
        }
        return !nonce.equals(byOrigin.put(origin(uri), nonce));
    }

    /**
     * Remembers the {@code DPoP-Nonce} of a response from {@code uri}, if it has one.
     *
     * @param headers the response headers, names in any case
     * @return whether a new nonce was learned, as {@link #remember} says
     */
    public boolean observe(URI uri, Map<String, List<String>> headers) {
        for (Map.Entry<String, List<String>> header : headers.entrySet()) {
            if (HEADER.equalsIgnoreCase(header.getKey()) && header.getValue() != null && !header.getValue().isEmpty()) {
                return remember(uri, header.getValue().get(header.getValue().size() - 1).trim());
            }
        }
        return false;
    }

    /** Forgets the nonce of {@code uri}'s origin. */
    public void forget(URI uri) {
        byOrigin.remove(origin(uri));
    }

    /**
     * Whether a resource server's refusal asks for a nonce: a {@code DPoP} challenge with
     * {@code error="use_dpop_nonce"} among the {@code WWW-Authenticate} values (RFC 9449 section 9).
     * (An authorization server asks with a 400 whose JSON {@code error} is {@code use_dpop_nonce}.)
     */
    public static boolean asksForNonce(List<String> wwwAuthenticate) {
        for (Challenge challenge : Challenge.parseAll(wwwAuthenticate)) {
            if (challenge.is("DPoP") && USE_DPOP_NONCE.equals(challenge.param("error"))) {
                return true;
            }
        }
        return false;
    }

    /** The origin of {@code uri}: lower-case scheme and host, and the port, the default one spelled out. */
    static String origin(URI uri) {
        Objects.requireNonNull(uri, "uri");
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? String.valueOf(uri.getRawAuthority()) : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort() != -1 ? uri.getPort() : "https".equals(scheme) ? 443 : "http".equals(scheme) ? 80 : -1;
        return scheme + "://" + host + ":" + port;
    }

    private static boolean wellFormed(String nonce) {
        if (nonce.isEmpty()) {
            return false;
        }
        for (int i = 0; i < nonce.length(); i++) {
            char c = nonce.charAt(i);
            if (c < 0x21 || c > 0x7e || c == '"' || c == '\\') {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "DpopNonces[" + byOrigin.size() + " origin" + (byOrigin.size() == 1 ? "" : "s") + "]";
    }
}
