package dev.mcpclient.transport.http;

import dev.mcpclient.McpException;
import dev.mcpclient.McpProtocolException;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.jsonrpc.JsonRpcCodec;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.schema.McpMethods;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.transport.McpTransport;
import dev.mcpclient.transport.SessionNotFoundException;
import dev.mcpclient.internal.eventstream.SseEvent;
import dev.mcpclient.internal.eventstream.SseStreams;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The HTTP+SSE transport of protocol revision 2024-11-05, on Spring's {@link WebClient}.
 *
 * <p>The client opens a {@code GET} event stream at the SSE URL; the server's first event,
 * {@code endpoint}, names the URL to {@code POST} messages to (resolved against the SSE URL, and it
 * must be on the same origin). Every message the server sends, responses included, arrives on that
 * stream as a {@code message} event. A POST is answered with 202 (or 200), its body ignored; an error
 * status fails the send with the status and an excerpt of the body.
 *
 * <p>The stream is opened by the first send, which waits for the {@code endpoint} event (bounded by
 * the call's timeout); a stream that fails before it fails that send at once. When an established
 * stream ends or breaks, every call waiting for a response fails at once (their responses would have
 * come on it) and the stream is reopened after the server's {@code retry} or a jittered backoff
 * ({@link ReconnectPolicy}), waiting for a new {@code endpoint}; sends issued meanwhile wait for it.
 * The server's session lives as long as its stream, so a message for the old session is refused with
 * {@link SessionNotFoundException}: the client starts a new session on the new stream and sends it
 * there. A 404 on a POST means the same.
 *
 * <p>Over this transport the client accepts protocol revision 2024-11-05 besides the later ones.
 */
public final class LegacySseTransport implements McpTransport {

    /** The protocol versions accepted over this transport, newest first: those of Streamable HTTP, then 2024-11-05. */
    public static final List<String> PROTOCOL_VERSIONS = List.of(ProtocolVersions.V2025_11_25,
            ProtocolVersions.V2025_06_18, ProtocolVersions.V2025_03_26, ProtocolVersions.V2024_11_05);

    private static final Logger log = LoggerFactory.getLogger(LegacySseTransport.class);

    private final WebClient webClient;
    private final URI sseUrl;
    /** The SSE URL as errors and logs show it: without user info or query, which may hold secrets. */
    private final String shownUrl;
    private final Consumer<HttpHeaders> headers;
    private final int maxMessageBytes;
    private final ReconnectPolicy reconnect;
    private final HttpSettings settings;
    private final AtomicReference<Stream> current = new AtomicReference<>();
    private final LongAdder reconnects = new LongAdder();
    private volatile Consumer<JsonRpcMessage> inbound = message -> { };
    private volatile Consumer<Throwable> connectionLost = cause -> { };
    /** The stream the current session was initialized on, or {@code null}. */
    private volatile Stream sessionStream;
    private volatile Long retryMillis;
    private volatile boolean closed;

    LegacySseTransport(HttpSettings settings) {
        this.settings = settings;
        this.webClient = settings.webClient();
        this.sseUrl = settings.url();
        this.shownUrl = settings.shownUrl();
        this.headers = settings.headers();
        this.maxMessageBytes = settings.maxMessageBytes();
        this.reconnect = settings.reconnect();
    }

    /** A builder for a server whose event stream is at {@code sseUrl}. */
    public static Builder builder(String sseUrl) {
        return new Builder(sseUrl);
    }

    @Override
    public void start(Consumer<JsonRpcMessage> inbound) {
        this.inbound = Objects.requireNonNull(inbound, "inbound");
    }

    @Override
    public void start(Consumer<JsonRpcMessage> inbound, Consumer<Throwable> connectionLost) {
        start(inbound);
        this.connectionLost = Objects.requireNonNull(connectionLost, "connectionLost");
    }

    @Override
    public List<String> protocolVersions() {
        return PROTOCOL_VERSIONS;
    }

    /**
     * POSTs the message to the endpoint of the current stream, opening the stream and waiting for its
     * {@code endpoint} event first if needed. Completes when the server accepted the message; the
     * response, if any, arrives on the stream.
     */
    @Override
    public Mono<Void> send(JsonRpcMessage message) {
        return stream().flatMap(stream -> {
            boolean initialize = message instanceof JsonRpcRequest request && McpMethods.INITIALIZE.equals(request.method());
            Stream session = sessionStream;
            if (initialize) {
                sessionStream = stream;
            } else if (session != null && session != stream) {
                return Mono.error(new SessionNotFoundException(session.sessionId, "the HTTP+SSE stream was reopened; "
                        + "the server's session ended with the old one"));
            }
            return post(stream, message, initialize);
        });
    }

    private Mono<Void> post(Stream stream, JsonRpcMessage message, boolean initialize) {
        String what = "POST " + describe(message);
        WebClient.RequestHeadersSpec<?> post = webClient.post().uri(stream.endpointUri)
                .headers(headers)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JsonRpcCodec.encode(message));
        return Exchanges.exchange(post, response -> {
                    int status = response.statusCode().value();
                    if (status == 404 && !initialize && sessionStream == stream) {
                        return HttpResponses.excerpt(response)
                                .flatMap(text -> Mono.error(new SessionNotFoundException(stream.sessionId, text)));
                    }
                    if (response.statusCode().isError()) {
                        return HttpResponses.excerpt(response).flatMap(text -> Mono.error(
                                new McpTransportException(what + " to " + UrlRedaction.redact(stream.endpointUri)
                                        + " failed", status, text)));
                    }
                    return response.releaseBody();
                }, true, what)
                .onErrorMap(e -> !(e instanceof McpException),
                        e -> HttpResponses.transportError(e, what + " to " + UrlRedaction.redact(stream.endpointUri),
                                stream.endpointUri));
    }

    /** The current stream once its endpoint is known, opening one if there is none. */
    private Mono<Stream> stream() {
        return Mono.defer(() -> {
            if (closed) {
                return Mono.error(new McpTransportException("the HTTP+SSE transport of " + shownUrl + " is closed",
                        (Throwable) null));
            }
            Stream existing = current.get();
            Stream stream = existing;
            if (existing == null || existing.failed) {
                stream = new Stream(0);
                if (!current.compareAndSet(existing, stream)) {
                    return stream();
                }
                stream.open(Duration.ZERO);
            }
            Stream chosen = stream;
            // A stream replaced while we waited (reopened, or dropped with the session): wait for its successor.
            return chosen.endpointReady.asMono().thenReturn(chosen)
                    .onErrorResume(e -> current.get() != chosen && !closed, e -> stream());
        });
    }

    @Override
    public String sessionId() {
        Stream session = sessionStream;
        return session == null ? null : session.sessionId;
    }

    /** The session's stream is of no use any more: drop it quietly; the next send opens another. */
    @Override
    public void sessionExpired(String expiredSessionId) {
        Stream session = sessionStream;
        if (session == null || !Objects.equals(session.sessionId, expiredSessionId)) {
            return;
        }
        sessionStream = null;
        if (current.compareAndSet(session, null)) {
            session.retire();
        }
    }

    /** Whether the event stream is connected now and its endpoint known. */
    @Override
    public boolean isBackgroundStreamOpen() {
        Stream stream = current.get();
        return stream != null && stream.established && !stream.failed;
    }

    /** The SSE URL. */
    public URI sseUrl() {
        return sseUrl;
    }

    /** How many times the event stream was reopened after it ended or broke. */
    @Override
    public long reconnects() {
        return reconnects.sum();
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.defer(() -> {
            closed = true;
            sessionStream = null;
            Stream stream = current.getAndSet(null);
            if (stream != null) {
                stream.retire();
            }
            return settings.closeConnections();
        });
    }

    private static String describe(JsonRpcMessage message) {
        return message instanceof JsonRpcRequest request ? request.method() + " (id " + request.id() + ")" : "a message";
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        if (uri.getPort() != -1) {
            return uri.getPort();
        }
        return "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    /** One {@code GET} of the event stream: its endpoint, and what became of it. */
    private final class Stream {
        final int attempt;
        final Sinks.One<URI> endpointReady = Sinks.one();
        volatile URI endpointUri;
        volatile String sessionId;
        volatile boolean established;
        volatile boolean failed;
        volatile boolean retired;
        volatile Disposable running;

        Stream(int attempt) {
            this.attempt = attempt;
        }

        void open(Duration delay) {
            WebClient.RequestHeadersSpec<?> get = webClient.get().uri(sseUrl)
                    .headers(headers)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .accept(MediaType.TEXT_EVENT_STREAM);
            running = Mono.delay(delay)
                    .then(Exchanges.exchange(get, this::read, false, "the HTTP+SSE stream"))
                    .subscribe(null, this::ended, () -> ended(null));
            if (retired) {
                // Retired while it was being opened: retire() may have found nothing to dispose yet.
                running.dispose();
            }
        }

        private Mono<Void> read(ClientResponse response) {
            int status = response.statusCode().value();
            if (response.statusCode().isError()) {
                return HttpResponses.excerpt(response).flatMap(text -> Mono.error(new McpTransportException(
                        "GET " + shownUrl + " (the HTTP+SSE stream) failed", status, text)));
            }
            if (!HttpResponses.isEventStream(response)) {
                String type = response.headers().contentType().map(Object::toString).orElse("no Content-Type");
                return HttpResponses.excerpt(response).flatMap(text -> Mono.error(new McpTransportException(
                        "GET " + shownUrl + " (the HTTP+SSE stream) answered " + type + ", not text/event-stream",
                        status, text)));
            }
            return SseStreams.decode(response.bodyToFlux(DataBuffer.class), maxMessageBytes)
                    .doOnNext(this::onEvent)
                    .then();
        }

        private void onEvent(SseEvent event) {
            if (event.retry() != null) {
                retryMillis = event.retry();
            }
            if ("endpoint".equals(event.event())) {
                onEndpoint(event.data().strip());
                return;
            }
            if (!event.hasData()) {
                return;
            }
            if (!"message".equals(event.event())) {
                log.debug("Ignoring an SSE event of type '{}' on the HTTP+SSE stream of {}", event.event(), shownUrl);
                return;
            }
            List<JsonRpcMessage> messages;
            try {
                messages = JsonRpcCodec.decode(event.data().getBytes(StandardCharsets.UTF_8));
            } catch (McpProtocolException e) {
                log.warn("Skipping a bad event on the HTTP+SSE stream of {}: {}", shownUrl, e.getMessage());
                return;
            }
            messages.forEach(inbound);
        }

        private void onEndpoint(String data) {
            if (established) {
                log.warn("Ignoring a second endpoint event on the HTTP+SSE stream of {}: {}", shownUrl, data);
                return;
            }
            URI uri;
            try {
                uri = sseUrl.resolve(data);
            } catch (IllegalArgumentException e) {
                throw new McpTransportException("the endpoint event of the HTTP+SSE stream at " + shownUrl
                        + " is not a URI: " + data, e);
            }
            if (!sameOrigin(uri, sseUrl)) {
                throw new McpTransportException("the endpoint event of the HTTP+SSE stream at " + shownUrl + " names "
                        + UrlRedaction.redact(uri) + ", which is not on the same origin; refusing to send messages there",
                        (Throwable) null);
            }
            endpointUri = uri;
            sessionId = uri.toString();
            established = true;
            log.debug("The HTTP+SSE stream of {} gave the endpoint {}", shownUrl, UrlRedaction.redact(uri));
            endpointReady.tryEmitValue(uri);
        }

        /** Dropped on purpose (closing, a session the server forgot): nothing is reported, nothing reopened. */
        void retire() {
            retired = true;
            failed = true;
            endpointReady.tryEmitError(new McpTransportException("the HTTP+SSE stream of " + shownUrl + " was closed",
                    (Throwable) null));
            Disposable r = running;
            if (r != null) {
                r.dispose();
            }
        }

        private void ended(Throwable error) {
            failed = true;
            if (retired || closed) {
                return;
            }
            String how = error == null ? "ended" : "broke: " + error.getMessage();
            if (!established) {
                Throwable cause = error instanceof McpException ? error : new McpTransportException(
                        "the HTTP+SSE stream at " + shownUrl + " " + (error == null
                                ? "ended before its endpoint event" : "failed: " + error.getMessage()), error);
                if (attempt > 0 && attempt < reconnect.maxAttemptsWithoutProgress() && !(error instanceof McpProtocolException)) {
                    reopen(attempt + 1, how);
                } else if (attempt > 0) {
                    log.warn("Gave up reopening the HTTP+SSE stream of {} after {} attempts: {}", shownUrl, attempt,
                            cause.getMessage());
                }
                // Senders waiting on this stream fail with the cause, or move on to its successor.
                endpointReady.tryEmitError(cause);
                return;
            }
            log.info("The HTTP+SSE stream of {} {}; reopening it", shownUrl, how);
            reopen(1, how);
            connectionLost.accept(new McpTransportException("the HTTP+SSE stream of " + shownUrl + " " + how
                    + "; the requests sent on it can no longer be answered", error));
        }

        private void reopen(int nextAttempt, String why) {
            Stream next = new Stream(nextAttempt);
            if (current.compareAndSet(this, next)) {
                reconnects.increment();
                Duration delay = reconnect.delay(retryMillis, nextAttempt - 1);
                log.debug("Reopening the HTTP+SSE stream of {} in {} (attempt {}) after it {}", shownUrl, delay,
                        nextAttempt, why);
                next.open(delay);
                if (closed && current.compareAndSet(next, null)) {
                    next.retire();
                }
            }
        }
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
