package dev.mcpclient.transport.http;

import dev.mcpclient.McpTransportException;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.schema.McpMethods;
import dev.mcpclient.transport.McpTransport;
import dev.mcpclient.transport.SessionNotFoundException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The Streamable HTTP transport (MCP 2025-03-26 and later) on Spring's {@link WebClient}, with the
 * specification's fallback for servers that only speak the HTTP+SSE transport of revision 2024-11-05.
 *
 * <p>Every message is a POST to the one endpoint, answered with JSON or an SSE stream; streams that
 * end before their response are resumed, and a background {@code GET} stream carries what the server
 * sends on its own ({@link StreamableHttpEndpoint}, {@link BackgroundStream}).
 *
 * <p>Fallback ({@link Builder#legacySseFallback(boolean)}, on by default): when the {@code POST} of
 * {@code initialize} is answered with 400, 404 or 405, the same {@code initialize} is sent again over
 * {@link LegacySseTransport} ({@code GET} of the same URL, which must give an {@code endpoint} event),
 * on the same {@code WebClient}, headers and limits. Until a session opens, each {@code initialize}
 * may fall back, and a fallback that fails leaves the next attempt to Streamable HTTP again; once a
 * session opened, the transport it opened on is kept.
 *
 * <p>It carries both eras: the modern one (2026-07-28, stateless, which never falls back) and the
 * handshake revisions; the client's session picks the era (see {@code McpClientBuilder.protocolVersion}).
 *
 * @since 0.2.0
 */
public final class StreamableHttpTransport implements McpTransport {

    private static final Logger log = LoggerFactory.getLogger(StreamableHttpTransport.class);
    private static final Set<Integer> FALLBACK_STATUSES = Set.of(400, 404, 405);

    private final HttpSettings settings;
    private final StreamableHttpEndpoint primary;
    /** The HTTP+SSE transport to fall back to, or {@code null} when falling back is switched off. */
    private final LegacySseTransport legacy;
    private volatile McpTransport current;
    private volatile boolean decided;

    private StreamableHttpTransport(Builder builder) {
        HttpSettings settings = builder.settings("mcp-client");
        this.settings = settings;
        this.primary = new StreamableHttpEndpoint(settings, builder.backgroundStream);
        this.legacy = builder.legacySseFallback ? new LegacySseTransport(settings.sharing()) : null;
        this.current = primary;
    }

    /** A builder for a server at {@code url}. */
    public static Builder builder(String url) {
        return new Builder(url);
    }

    @Override
    public void start(Consumer<JsonRpcMessage> inbound, Consumer<Throwable> connectionLost) {
        primary.start(inbound, connectionLost);
        if (legacy != null) {
            legacy.start(inbound, connectionLost);
        }
    }

    @Override
    public Mono<Void> send(JsonRpcMessage message) {
        if (legacy == null) {
            return primary.send(message);
        }
        if (decided) {
            return current.send(message); // the session opened: the transport in use no longer changes
        }
        return Mono.defer(() -> {
            McpTransport transport = current;
            return decided || transport != primary || !isInitialize(message) ? transport.send(message) : sendInitialize(message);
        });
    }

    /**
     * A request with the values of its tool parameters to mirror as headers: only the modern era has
     * them, and it never falls back to HTTP+SSE.
     */
    @Override
    public Mono<Void> send(JsonRpcMessage message, Map<String, String> parameterHeaders) {
        return parameterHeaders.isEmpty() ? send(message) : current.send(message, parameterHeaders);
    }

    @Override
    public String serverKey() {
        return primary.serverKey();
    }

    @Override
    public boolean cancelsByClosingStream() {
        return current.cancelsByClosingStream();
    }

    @Override
    public void listen(JsonNode params) {
        primary.listen(params);
    }

    /** Sends {@code initialize} over Streamable HTTP, and over HTTP+SSE when the server says it has no Streamable HTTP. */
    private Mono<Void> sendInitialize(JsonRpcMessage message) {
        return primary.send(message).onErrorResume(StreamableHttpTransport::meansNoStreamableHttp, rejected -> {
            int status = ((McpTransportException) rejected).status();
            log.info("The server at {} answered the POST of initialize with HTTP {}: trying the HTTP+SSE transport "
                    + "of protocol revision 2024-11-05 (GET of the same URL)", primary.shownEndpoint(), status);
            current = legacy;
            return legacy.send(message).onErrorMap(e -> {
                if (!decided) {
                    current = primary;
                }
                return new McpTransportException("the server at " + primary.shownEndpoint()
                        + " answered the POST of initialize with HTTP " + status
                        + " (no Streamable HTTP), and the HTTP+SSE transport failed too: " + e.getMessage(), e);
            });
        });
    }

    private static boolean isInitialize(JsonRpcMessage message) {
        return message instanceof JsonRpcRequest request && McpMethods.INITIALIZE.equals(request.method());
    }

    private static boolean meansNoStreamableHttp(Throwable e) {
        return e instanceof McpTransportException transport && !(e instanceof SessionNotFoundException)
                && FALLBACK_STATUSES.contains(transport.status());
    }

    @Override
    public List<String> protocolVersions() {
        return current.protocolVersions();
    }

    @Override
    public void protocolVersionNegotiated(String protocolVersion) {
        current.protocolVersionNegotiated(protocolVersion);
    }

    @Override
    public Mono<Void> sessionOpened() {
        decided = true;
        return current.sessionOpened();
    }

    @Override
    public void sessionExpired(String sessionId) {
        current.sessionExpired(sessionId);
    }

    @Override
    public String sessionId() {
        return current.sessionId();
    }

    @Override
    public boolean isBackgroundStreamOpen() {
        return current.isBackgroundStreamOpen();
    }

    /** How many times a stream was reopened: request streams resumed, the background (or HTTP+SSE) stream reconnected. */
    @Override
    public long authorizationRefusals() {
        return settings.authorizationRefusals();
    }

    @Override
    public long reconnects() {
        return primary.reconnects() + (legacy == null ? 0 : legacy.reconnects());
    }

    /** How many cancelled exchanges of the Streamable HTTP endpoint are still finishing by themselves (for tests). */
    int lingeringExchanges() {
        return primary.exchanges().lingering();
    }

    /** The server's endpoint. */
    public URI endpoint() {
        return primary.endpoint();
    }

    /** The background {@code GET} stream of Streamable HTTP, or empty when it is switched off. */
    public Optional<BackgroundStream> backgroundStream() {
        return primary.backgroundStream();
    }

    /** Closes the HTTP+SSE stream, if any, then the Streamable HTTP side (which owns the connections). */
    @Override
    public Mono<Void> closeGracefully() {
        return (legacy == null ? Mono.<Void>empty() : legacy.closeGracefully()).then(primary.closeGracefully());
    }

    /** Builds a {@link StreamableHttpTransport}. */
    public static final class Builder extends HttpTransportBuilder<Builder> {

        private boolean backgroundStream = true;
        private boolean legacySseFallback = true;

        private Builder(String url) {
            super(url);
        }

        /** Whether to open the background {@code GET} stream after initialization; default true. */
        public Builder backgroundStream(boolean enabled) {
            this.backgroundStream = enabled;
            return this;
        }

        /**
         * Whether a server that answers the {@code initialize} POST with 400, 404 or 405 is tried over
         * the HTTP+SSE transport of revision 2024-11-05 at the same URL; default true.
         */
        public Builder legacySseFallback(boolean enabled) {
            this.legacySseFallback = enabled;
            return this;
        }

        @Override
        public StreamableHttpTransport build() {
            return new StreamableHttpTransport(this);
        }
    }
}
