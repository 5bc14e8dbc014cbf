package dev.mcpclient.transport.http;

import dev.mcpclient.McpTransportException;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.transport.McpTransport;
import dev.mcpclient.transport.SessionNotFoundException;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * Streamable HTTP, falling back to the HTTP+SSE transport of revision 2024-11-05 for servers that
 * only speak that one (the specification's backwards compatibility rule): when the {@code POST} of
 * {@code initialize} is answered with 400, 404 or 405, the same {@code initialize} is sent again over
 * {@link LegacySseTransport} ({@code GET} of the same URL, which must give an {@code endpoint} event).
 *
 * <p>Until a session opens, each {@code initialize} may fall back, and a fallback that fails leaves
 * the next attempt to Streamable HTTP again; once a session opened, the transport it opened on is
 * kept. The fallback shares the Streamable HTTP transport's {@code WebClient}, headers and limits.
 */
public final class SseFallbackTransport implements McpTransport {

    private static final Logger log = LoggerFactory.getLogger(SseFallbackTransport.class);
    private static final Set<Integer> FALLBACK_STATUSES = Set.of(400, 404, 405);

    private final StreamableHttpTransport primary;
    private final LegacySseTransport legacy;
    private volatile McpTransport current;
    private volatile boolean decided;

    private SseFallbackTransport(StreamableHttpTransport primary) {
        this.primary = primary;
        this.legacy = LegacySseTransport.fallbackOf(primary);
        this.current = primary;
    }

    /** Streamable HTTP over {@code primary}, with the HTTP+SSE fallback at the same URL. */
    public static SseFallbackTransport of(StreamableHttpTransport primary) {
        return new SseFallbackTransport(Objects.requireNonNull(primary, "primary"));
    }

    @Override
    public void start(Consumer<JsonRpcMessage> inbound) {
        primary.start(inbound);
        legacy.start(inbound);
    }

    @Override
    public void start(Consumer<JsonRpcMessage> inbound, Consumer<Throwable> connectionLost) {
        primary.start(inbound, connectionLost);
        legacy.start(inbound, connectionLost);
    }

    @Override
    public Mono<Void> send(JsonRpcMessage message) {
        return Mono.defer(() -> {
            McpTransport transport = current;
            if (decided || transport != primary || !isInitialize(message)) {
                return transport.send(message);
            }
            return primary.send(message).onErrorResume(SseFallbackTransport::meansNoStreamableHttp, rejected -> {
                int status = ((McpTransportException) rejected).status();
                log.info("The server at {} answered the POST of initialize with HTTP {}: trying the HTTP+SSE transport "
                        + "of protocol revision 2024-11-05 (GET of the same URL)", StreamableHttpTransport.shown(primary.endpoint()),
                        status);
                current = legacy;
                return legacy.send(message).onErrorMap(e -> {
                    if (!decided) {
                        current = primary;
                    }
                    return new McpTransportException("the server at " + StreamableHttpTransport.shown(primary.endpoint())
                            + " answered the POST of initialize with HTTP " + status
                            + " (no Streamable HTTP), and the HTTP+SSE transport failed too: " + e.getMessage(), e);
                });
            });
        });
    }

    private static boolean isInitialize(JsonRpcMessage message) {
        return message instanceof JsonRpcRequest request && "initialize".equals(request.method());
    }

    private static boolean meansNoStreamableHttp(Throwable e) {
        return e instanceof McpTransportException transport && !(e instanceof SessionNotFoundException)
                && FALLBACK_STATUSES.contains(transport.status());
    }

    /** The transport in use: the Streamable HTTP one, or the HTTP+SSE one after a fallback. */
    public McpTransport delegate() {
        return current;
    }

    /** Whether the client fell back to the HTTP+SSE transport. */
    public boolean isLegacySse() {
        return current == legacy;
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
    public void sessionOpened() {
        decided = true;
        current.sessionOpened();
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

    /** Closes the HTTP+SSE stream, if any, then the Streamable HTTP transport (which owns the connections). */
    @Override
    public Mono<Void> closeGracefully() {
        return legacy.closeGracefully().then(primary.closeGracefully());
    }
}
