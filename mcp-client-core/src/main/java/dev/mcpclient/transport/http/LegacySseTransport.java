package dev.mcpclient.transport.http;

import dev.mcpclient.McpTransportException;
import dev.mcpclient.jsonrpc.JsonRpcCodec;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.schema.McpMethods;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.transport.McpTransport;
import dev.mcpclient.transport.SessionNotFoundException;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;

/**
 * The HTTP+SSE transport of protocol revision 2024-11-05, on Spring's {@link WebClient}.
 *
 * <p>The client opens a {@code GET} event stream at the SSE URL; the server's first event,
 * {@code endpoint}, names the URL to {@code POST} messages to (resolved against the SSE URL, and it
 * must be on the same origin). Every message the server sends, responses included, arrives on that
 * stream as a {@code message} event. A POST is answered with 202 (or 200), its body ignored; an error
 * status fails the send with the status and an excerpt of the body.
 *
 * <p>The stream ({@link LegacySseStream}) is opened by the first send, which waits for the
 * {@code endpoint} event (bounded by the call's timeout); a stream that fails before it fails that
 * send at once. When an established stream ends or breaks, every call waiting for a response fails at
 * once (their responses would have come on it) and the stream is reopened after the server's
 * {@code retry} or a jittered backoff ({@link ReconnectPolicy}), waiting for a new {@code endpoint};
 * sends issued meanwhile wait for it.
 * The server's session lives as long as its stream, so a message for the old session is refused with
 * {@link SessionNotFoundException}: the client starts a new session on the new stream and sends it
 * there. A 404 on a POST means the same.
 *
 * <p>Over this transport the client accepts protocol revision 2024-11-05 besides the later ones.
 *
 * @since 0.2.0
 */
public final class LegacySseTransport implements McpTransport {

    /** The protocol versions accepted over this transport, newest first: those of Streamable HTTP, then 2024-11-05. */
    public static final List<String> PROTOCOL_VERSIONS = List.of(ProtocolVersions.V2025_11_25,
            ProtocolVersions.V2025_06_18, ProtocolVersions.V2025_03_26, ProtocolVersions.V2024_11_05);

    private final HttpSettings settings;
    private final Exchanges exchanges = new Exchanges();
    private final AtomicReference<LegacySseStream> current = new AtomicReference<>();
    private final LongAdder reconnects = new LongAdder();
    private volatile Consumer<JsonRpcMessage> inbound = message -> { };
    private volatile Consumer<Throwable> connectionLost = cause -> { };
    /** The connection the current session was initialized on, or {@code null}. */
    private volatile LegacySseStream.Connection session;
    private volatile boolean closed;

    LegacySseTransport(HttpSettings settings) {
        this.settings = settings;
    }

    /** A builder for a server whose event stream is at {@code sseUrl}. */
    public static Builder builder(String sseUrl) {
        return new Builder(sseUrl);
    }

    @Override
    public void start(Consumer<JsonRpcMessage> inbound, Consumer<Throwable> connectionLost) {
        this.inbound = Objects.requireNonNull(inbound, "inbound");
        this.connectionLost = Objects.requireNonNull(connectionLost, "connectionLost");
    }

    /** Only revision 2024-11-05: never probed for the modern era. */
    @Override
    public boolean carriesModernEra() {
        return false;
    }

    @Override
    public List<String> protocolVersions() {
        return PROTOCOL_VERSIONS;
    }

    /**
     * POSTs the message to the endpoint of the current connection, opening the stream and waiting for
     * its {@code endpoint} event first if needed. Completes when the server accepted the message; the
     * response, if any, arrives on the stream.
     */
    @Override
    public Mono<Void> send(JsonRpcMessage message) {
        return connection().flatMap(connection -> {
            boolean initialize = message instanceof JsonRpcRequest request && McpMethods.INITIALIZE.equals(request.method());
            LegacySseStream.Connection initialized = session;
            if (initialize) {
                session = connection;
            } else if (initialized != null && initialized != connection) {
                return Mono.error(new SessionNotFoundException(initialized.sessionId(), "the HTTP+SSE stream was reopened; "
                        + "the server's session ended with the old one"));
            }
            return post(connection, message, initialize);
        });
    }

    private Mono<Void> post(LegacySseStream.Connection connection, JsonRpcMessage message, boolean initialize) {
        URI endpoint = connection.endpoint;
        String what = "POST " + describe(message) + " to " + UrlRedaction.redact(endpoint);
        WebClient.RequestHeadersSpec<?> post = settings.webClient().post().uri(endpoint)
                .headers(settings.headers())
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JsonRpcCodec.encode(message));
        return exchanges.exchange(post, response -> {
                    int status = response.statusCode().value();
                    if (status == 404 && !initialize && session == connection) {
                        return HttpResponses.excerpt(response)
                                .flatMap(text -> Mono.error(new SessionNotFoundException(connection.sessionId(), text)));
                    }
                    if (response.statusCode().isError()) {
                        return HttpResponses.excerpt(response).flatMap(text -> Mono.error(
                                new McpTransportException(what + " failed", status, text)));
                    }
                    return response.releaseBody();
                }, true, what)
                .onErrorMap(e -> HttpResponses.transportError(e, what, endpoint));
    }

    /** The current stream's connection once its endpoint is known, opening a stream if there is none. */
    private Mono<LegacySseStream.Connection> connection() {
        return Mono.defer(() -> {
            if (closed) {
                return Mono.error(new McpTransportException("the HTTP+SSE transport of " + settings.shownUrl()
                        + " is closed", (Throwable) null));
            }
            LegacySseStream existing = current.get();
            LegacySseStream stream = existing;
            if (existing == null || existing.isEnded()) {
                stream = new LegacySseStream(settings, exchanges, inbound, connectionLost, reconnects);
                if (!current.compareAndSet(existing, stream)) {
                    stream.retire();
                    return connection();
                }
            }
            LegacySseStream chosen = stream;
            // A stream replaced while we waited (dropped with its session): wait for its successor.
            return chosen.connection().onErrorResume(e -> current.get() != chosen && !closed, e -> connection());
        });
    }

    @Override
    public String sessionId() {
        LegacySseStream.Connection connection = session;
        return connection == null ? null : connection.sessionId();
    }

    /** The session's stream is of no use any more: drop it quietly; the next send opens another. */
    @Override
    public void sessionExpired(String expiredSessionId) {
        LegacySseStream.Connection expired = session;
        if (expired == null || !Objects.equals(expired.sessionId(), expiredSessionId)) {
            return;
        }
        session = null;
        LegacySseStream stream = current.get();
        if (stream != null && stream.isLive(expired) && current.compareAndSet(stream, null)) {
            stream.retire();
        }
    }

    /** Whether the event stream is connected now and its endpoint known. */
    @Override
    public boolean isBackgroundStreamOpen() {
        LegacySseStream stream = current.get();
        return stream != null && stream.isOpen();
    }

    /** How many times the event stream was reopened after it ended or broke. */
    @Override
    public long authorizationRefusals() {
        return settings.authorizationRefusals();
    }

    @Override
    public long reconnects() {
        return reconnects.sum();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.defer(() -> {
            closed = true;
            session = null;
            LegacySseStream stream = current.getAndSet(null);
            if (stream != null) {
                stream.retire();
            }
            exchanges.endLingering();
            return settings.closeConnections();
        });
    }

    private static String describe(JsonRpcMessage message) {
        return message instanceof JsonRpcRequest request ? request.method() + " (id " + request.id() + ")" : "a message";
    }

    /** Builds a {@link LegacySseTransport}. */
    public static final class Builder extends HttpTransportBuilder<Builder> {

        private Builder(String url) {
            super(url);
        }

        /** The transport; the event stream opens with the first message sent. */
        @Override
        public LegacySseTransport build() {
            return new LegacySseTransport(settings("mcp-client-sse"));
        }
    }
}
