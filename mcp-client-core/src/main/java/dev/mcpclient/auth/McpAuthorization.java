package dev.mcpclient.auth;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * How an HTTP transport authorizes its requests to one MCP server: every request (each POST, the
 * {@code GET} streams, the closing {@code DELETE}) asks {@link #authorize} for its headers, and a
 * request the server refuses (HTTP 401, or 403) asks {@link #refused} whether to send it again with
 * fresh headers. A request refused for good fails with {@link McpAuthorizationException}.
 *
 * <p>{@link OAuthAuthorization} implements the MCP authorization specification (OAuth 2.1);
 * an application that keeps its tokens elsewhere (Spring Security's OAuth2 client, a vault)
 * implements this interface. Implementations are shared by concurrent requests and must be
 * thread-safe; they never block (they run on event-loop threads) and never put a secret in an
 * exception message, a log line or {@code toString()}.
 *
 * @since 0.2.0
 */
public interface McpAuthorization {

    /**
     * The headers that authorize {@code request}, typically {@code Authorization} (and {@code DPoP}
     * for a DPoP-bound token); empty for a request sent without credentials (the server's refusal
     * then says how to get them). An error fails the request with it (wrapped in an
     * {@link McpAuthorizationException} unless it is one).
     */
    Mono<Map<String, String>> authorize(Request request);

    /**
     * The server refused {@code request}; {@code true} sends it again (with the headers
     * {@link #authorize} gives then), {@code false} fails it with an {@link McpAuthorizationException}
     * naming the server and the refusal. The transport asks at most a few times per request
     * ({@link Refusal#attempt()} counts them), so an implementation decides how often it renews,
     * steps up or retries with a new nonce.
     */
    Mono<Boolean> refused(Request request, Refusal refusal);

    /**
     * The server answered {@code request} without refusing it; its headers may carry news for the
     * authorization (a DPoP server's next nonce in {@code DPoP-Nonce}). Called on an event-loop
     * thread, so it must be quick; the default does nothing.
     *
     * @param headers the values of a response header by name (any case), empty when absent
     */
    default void accepted(Request request, Function<String, List<String>> headers) {
    }

    /**
     * An HTTP request to the MCP server.
     *
     * @param method the HTTP method ({@code POST}, {@code GET}, {@code DELETE})
     * @param uri the request's URI
     */
    record Request(String method, URI uri) {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
        }
    }

    /**
     * A refusal: its status, the response headers that say why, and the authorization headers the
     * refused send carried (so that an implementation knows which credentials were refused).
     * {@code toString()} never shows the credentials.
     *
     * @param status the HTTP status (401 or 403)
     * @param headers the response headers, names in lower case ({@code www-authenticate}, {@code dpop-nonce})
     * @param attempt how many times this request was refused so far, this refusal included (1, 2, ...)
     * @param sent the headers {@link #authorize} gave the refused send (empty when it gave none): a
     *     refusal of a token that was renewed meanwhile by another request needs no renewal of its own
     */
    record Refusal(int status, Map<String, List<String>> headers, int attempt, Map<String, String> sent) {
        public Refusal {
            headers = Map.copyOf(headers);
            sent = Map.copyOf(sent);
        }

        /** A refusal of a send that carried no headers from the authorization. */
        public Refusal(int status, Map<String, List<String>> headers, int attempt) {
            this(status, headers, attempt, Map.of());
        }

        /** The first value of the header {@code name} (any case), or {@code null}. */
        public String header(String name) {
            List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
            return values == null || values.isEmpty() ? null : values.get(0);
        }

        /** Every value of the header {@code name} (any case). */
        public List<String> headers(String name) {
            return headers.getOrDefault(name.toLowerCase(java.util.Locale.ROOT), List.of());
        }

        /** The value of the authorization header {@code name} (any case) the refused send carried, or {@code null}. */
        public String sentHeader(String name) {
            for (Map.Entry<String, String> e : sent.entrySet()) {
                if (e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue();
                }
            }
            return null;
        }

        /** The status, the response headers' names and the names (never the values) of the sent headers. */
        @Override
        public String toString() {
            return "Refusal[status=" + status + ", attempt=" + attempt + ", headers=" + headers.keySet()
                    + ", sent=" + sent.keySet() + "]";
        }
    }
}
