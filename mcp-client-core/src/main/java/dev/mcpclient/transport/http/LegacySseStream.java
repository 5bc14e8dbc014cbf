package dev.mcpclient.transport.http;

import dev.mcpclient.McpException;
import dev.mcpclient.McpProtocolException;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.internal.InboundFlow;
import dev.mcpclient.internal.eventstream.SseEvent;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.transport.http.ResumableEventStream.Ending;
import java.net.URI;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The event stream of the HTTP+SSE transport (revision 2024-11-05): {@code GET}s of the SSE URL, one
 * {@link Connection} each, reopened after one that was established ends.
 *
 * <p>Each connection's first event, {@code endpoint}, names where to {@code POST} messages (resolved
 * against the SSE URL, on the same origin only); every message of the server arrives as a
 * {@code message} event. When an established connection ends or breaks, the responses it would have
 * carried are lost ({@code connectionLost}), and the stream is reopened ({@link ResumableEventStream},
 * after the server's {@code retry} or a backoff), sends waiting for the new endpoint. The stream ends
 * for good when its first connection fails before its endpoint (that failure is the senders' error),
 * when reopening gives up, when a reopened connection sends bad input before its endpoint, or when it
 * is {@link #retire() retired}.
 */
final class LegacySseStream {

    private static final Logger log = LoggerFactory.getLogger(LegacySseTransport.class);

    private final HttpSettings settings;
    private final Exchanges exchanges;
    private final Consumer<JsonRpcMessage> inbound;
    private final Consumer<Throwable> connectionLost;
    private final ResumableEventStream events;
    private final Disposable running;
    /** The established connection, or {@code null} while (re)connecting. */
    private volatile Connection live;
    /** Completes with the next established connection, or fails when the stream ends. */
    private volatile Sinks.One<Connection> next = Sinks.one();
    private volatile boolean established;
    private volatile boolean retired;
    private volatile boolean ended;
    /** Why the last connection that never got its endpoint failed, or {@code null}. */
    private volatile Throwable unestablishedCause;

    LegacySseStream(HttpSettings settings, Exchanges exchanges, Consumer<JsonRpcMessage> inbound,
            Consumer<Throwable> connectionLost, LongAdder reconnects) {
        this.settings = settings;
        this.exchanges = exchanges;
        this.inbound = inbound;
        this.connectionLost = connectionLost;
        this.events = new ResumableEventStream("the HTTP+SSE stream of " + settings.shownUrl(), settings.reconnect(),
                true, false, reconnects);
        this.running = events.run(connect(), lastEventId -> connect(), this::reopens)
                .subscribe(null, this::end, () -> end(null));
        if (retired) {
            running.dispose(); // retired while it was being opened
        }
    }

    /** The established connection, waiting for one while (re)connecting; fails once the stream ended. */
    Mono<Connection> connection() {
        Connection connection = live;
        return connection != null ? Mono.just(connection) : next.asMono();
    }

    /** Whether a connection is established now. */
    boolean isOpen() {
        return live != null;
    }

    /** Whether {@code connection} is the established connection now. */
    boolean isLive(Connection connection) {
        return live == connection;
    }

    /** Whether the stream ended for good (a new one is needed). */
    boolean isEnded() {
        return ended;
    }

    /** Drops the stream on purpose (closing, a session the server forgot): nothing is reported, nothing reopened. */
    void retire() {
        retired = true;
        live = null;
        Disposable r = running;
        if (r != null) {
            r.dispose();
        }
        end(new McpTransportException("the HTTP+SSE stream of " + settings.shownUrl() + " was closed", (Throwable) null));
    }

    /** Whether a connection that ended is followed by another: only after one was established, never after bad input before one. */
    private boolean reopens() {
        return !retired && established && !(unestablishedCause instanceof McpProtocolException);
    }

    /** One {@code GET}, read to its end. */
    private Mono<Ending> connect() {
        Connection connection = new Connection();
        return exchanges.exchange(settings.webClient().get().uri(settings.url())
                        .headers(settings.headers())
                        .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                        .accept(MediaType.TEXT_EVENT_STREAM), response -> read(response, connection), false, events)
                .thenReturn(Ending.ENDED)
                .onErrorResume(e -> {
                    events.failed(e);
                    connection.failure = e;
                    return Mono.just(Ending.ENDED);
                })
                .doOnNext(ending -> ended(connection));
    }

    private Mono<Void> read(ClientResponse response, Connection connection) {
        int status = response.statusCode().value();
        String what = "GET " + settings.shownUrl() + " (the HTTP+SSE stream)";
        if (response.statusCode().isError()) {
            return HttpResponses.excerpt(response).flatMap(text -> Mono.error(new McpTransportException(what + " failed",
                    status, text)));
        }
        if (!HttpResponses.isEventStream(response)) {
            return HttpResponses.excerpt(response).flatMap(text -> Mono.error(new McpTransportException(
                    what + " answered " + HttpResponses.contentType(response) + ", not text/event-stream", status, text)));
        }
        return JsonRpcEventReader.read(response.bodyToFlux(DataBuffer.class), settings.maxMessageBytes(), events, inbound,
                event -> onEvent(event, connection), InboundFlow.of(inbound));
    }

    private void onEvent(SseEvent event, Connection connection) {
        if (!"endpoint".equals(event.event())) {
            if (event.hasData()) {
                log.debug("Ignoring an SSE event of type '{}' on {}", event.event(), events);
            }
            return;
        }
        if (connection.endpoint != null) {
            log.warn("Ignoring a second endpoint event on {}: {}", events, event.data().strip());
            return;
        }
        connection.endpoint = endpointOf(event.data().strip());
        log.debug("{} gave the endpoint {}", events, UrlRedaction.redact(connection.endpoint));
        established = true;
        unestablishedCause = null;
        live = connection;
        next.tryEmitValue(connection);
    }

    private URI endpointOf(String data) {
        URI uri;
        try {
            uri = settings.url().resolve(data);
        } catch (IllegalArgumentException e) {
            throw new McpTransportException("the endpoint event of " + events + " is not a URI: " + data, e);
        }
        if (!Origins.same(uri, settings.url())) {
            throw new McpTransportException("the endpoint event of " + events + " names " + UrlRedaction.redact(uri)
                    + ", which is not on the same origin; refusing to send messages there", (Throwable) null);
        }
        return uri;
    }

    /** A connection ended: an established one loses its responses and is reopened (if wanted); sends wait for the next. */
    private void ended(Connection connection) {
        if (retired) {
            return;
        }
        if (connection.endpoint == null) {
            unestablishedCause = connection.failure == null ? new McpTransportException(events
                    + " ended before its endpoint event", (Throwable) null) : connection.failure;
            return;
        }
        Throwable error = connection.failure;
        String how = error == null ? "ended" : "broke: " + error.getMessage();
        live = null;
        next = Sinks.one();
        log.info("{} {}; reopening it", events, how);
        connectionLost.accept(new McpTransportException(events + " " + how
                + "; the requests sent on it can no longer be answered", error));
    }

    /** The stream is over: senders waiting for a connection fail with why. */
    private void end(Throwable error) {
        if (ended) {
            return;
        }
        ended = true;
        live = null;
        Throwable cause = error != null ? error : unestablishedCause;
        if (cause == null) {
            cause = new McpTransportException(events + " ended", (Throwable) null);
        } else if (!(cause instanceof McpException)) {
            cause = new McpTransportException(events + " failed: " + UrlRedaction.redactIn(cause.getMessage(),
                    settings.url().toString()), cause);
        }
        if (error != null && !retired) {
            log.warn("{}", error.getMessage());
        }
        next.tryEmitError(cause);
    }

    /** One {@code GET} of the stream: the endpoint it named (its session), and why it failed. */
    static final class Connection {
        volatile URI endpoint;
        volatile Throwable failure;

        /** The session id: the endpoint URI, which the server made for this connection. */
        String sessionId() {
            return String.valueOf(endpoint);
        }
    }
}
