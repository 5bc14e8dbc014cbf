package dev.mcpclient.transport.http;

import dev.mcpclient.McpTransportException;
import dev.mcpclient.internal.InboundFlow;
import dev.mcpclient.internal.SessionIds;
import dev.mcpclient.jsonrpc.JsonRpcCodec;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.transport.McpTransport;
import dev.mcpclient.transport.ResponseStreamLostException;
import dev.mcpclient.transport.SessionNotFoundException;
import dev.mcpclient.transport.http.ResumableEventStream.Ending;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The client of one MCP endpoint over Streamable HTTP (MCP 2025-03-26 and later), on Spring's
 * {@link WebClient}: what {@link StreamableHttpTransport} does while no fallback to HTTP+SSE happened.
 *
 * <p>Every message is a POST to the one endpoint. A request's answer is JSON or an SSE stream; an
 * SSE stream that ends (cleanly or not) before the request's response is resumed with
 * {@code GET} + {@code Last-Event-ID} after the server's {@code retry} (or a jittered backoff), until
 * the response arrives by any route (the session then cancels this send) or attempts without
 * progress run out. The background {@code GET} stream is a {@link BackgroundStream}. The session id
 * is stored from the {@code initialize} response's headers before its body is read.
 *
 * <p>In the modern era (a modern version set by {@link #protocolVersionNegotiated}), there is no
 * session and no resumption: each request also carries the revision's headers ({@link RequestHeaders}),
 * a response stream that ends before its response fails the send with
 * {@link ResponseStreamLostException} (the session sends the request again), a request cancelled
 * before its response has its stream closed at once (the cancellation itself), and change
 * notifications come on the {@link ListenStream}.
 */
final class StreamableHttpEndpoint implements McpTransport {

    private static final Logger log = LoggerFactory.getLogger(StreamableHttpTransport.class);
    private static final String ACCEPT_POST = "application/json, text/event-stream";
    private static final BooleanSupplier FINISH_AFTER_CANCEL = () -> true;

    private final WebClient webClient;
    private final URI endpoint;
    /** The endpoint as errors and logs show it: without user info or query, which may hold secrets. */
    private final String shownEndpoint;
    private final Consumer<HttpHeaders> headers;
    private final int maxMessageBytes;
    private final ReconnectPolicy reconnect;
    private final Duration closeTimeout;
    private final HttpSettings settings;
    private final Exchanges exchanges = new Exchanges();
    private final BackgroundStream background;
    private final LongAdder resumptions = new LongAdder();
    private volatile Consumer<JsonRpcMessage> inbound = message -> { };
    /** The pace at which the receiver takes the server's requests and notifications. */
    private volatile InboundFlow flow = InboundFlow.UNBOUNDED;
    private volatile Session session = Session.NONE;
    private volatile String protocolVersion;
    /** Whether the protocol version is a modern one: no session, no resumption, the revision's request headers. */
    private volatile boolean modern;
    private final ListenStream listen;

    /**
     * The session messages go with: its id ({@code null}: none), and whether the server forgot the one
     * before and the next is not usable yet (no protocol version negotiated since). One read gives both:
     * a request that found the session ready may reach its send only after another request's 404 had the
     * session renewed, and must not go out without a session then (the server would refuse it with 400).
     *
     * @param id the session id, or {@code null}
     * @param renewing whether a session was forgotten and its successor is not usable yet
     */
    private record Session(String id, boolean renewing) {
        static final Session NONE = new Session(null, false);
    }

    StreamableHttpEndpoint(HttpSettings settings, boolean backgroundStream) {
        this.settings = settings;
        this.endpoint = settings.url();
        this.shownEndpoint = settings.shownUrl();
        this.headers = settings.headers();
        this.maxMessageBytes = settings.maxMessageBytes();
        this.reconnect = settings.reconnect();
        this.closeTimeout = settings.closeTimeout();
        this.webClient = settings.webClient();
        this.background = backgroundStream ? new BackgroundStream(this) : null;
        this.listen = new ListenStream(this);
    }

    /** Takes the receiver of inbound messages; nothing here loses responses without failing their sends. */
    @Override
    public void start(Consumer<JsonRpcMessage> inbound, Consumer<Throwable> connectionLost) {
        this.inbound = Objects.requireNonNull(inbound, "inbound");
        this.flow = InboundFlow.of(inbound);
    }

    @Override
    public Mono<Void> send(JsonRpcMessage message) {
        return send(message, Map.of());
    }

    @Override
    public Mono<Void> send(JsonRpcMessage message, Map<String, String> parameterHeaders) {
        return Mono.defer(() -> {
            RequestStream stream = new RequestStream(message, inbound, reconnect, resumptions);
            Session current = session;
            if (current.renewing() && !stream.initialize) {
                // Not sent: the lifecycle waits for the new session (SessionNotFoundException) and sends it again.
                return Mono.error(new SessionNotFoundException(null, "not sent while the session is renewed"));
            }
            String sid = current.id();
            boolean stateless = modern;
            WebClient.RequestHeadersSpec<?> post = webClient.post().uri(endpoint)
                    .headers(h -> {
                        applyHeaders(h, sid);
                        if (stateless) {
                            RequestHeaders.apply(h, message, parameterHeaders);
                        }
                    })
                    .header(HttpHeaders.ACCEPT, ACCEPT_POST)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(JsonRpcCodec.encode(message));
            // Once the exchange is over: an SSE answer that ended before the response is resumed until the
            // response arrives by any route (the handshake era) or is lost (the modern era: nothing can
            // bring it any more); a JSON answer is delivered (nothing is left to cancel then). Cancelled
            // without its response in the modern era, the stream is closed at once: that is the cancellation.
            return exchanges.exchange(post, response -> onPostResponse(response, stream, sid),
                            stateless ? stream::responseSeen : FINISH_AFTER_CANCEL, stream)
                    .onErrorMap(e -> {
                        stream.releaseHeld(); // a response that came first wins over the failure
                        return transportError(e, "POST " + stream.describe() + " to");
                    })
                    .then(Mono.defer(() -> !stream.sse || !stream.getAsBoolean() ? stream.deliverAnswer()
                            : stateless ? Mono.error(new ResponseStreamLostException("the response stream of "
                                    + stream.describe() + " from " + shownEndpoint + " ended before its response",
                                    stream.events.lastError()))
                            : stream.events.resume(lastEventId -> resume(stream, lastEventId), stream)));
        });
    }

    private Mono<Void> onPostResponse(ClientResponse response, RequestStream stream, String sid) {
        if (stream.initialize) {
            // Stored before the body is read, so the initialize result can never overtake it.
            response.headers().header(McpHeaders.SESSION_ID).stream().findFirst()
                    .ifPresent(id -> session = new Session(id, session.renewing()));
        }
        int status = response.statusCode().value();
        if (status == 404 && sid != null) {
            return HttpResponses.excerpt(response).flatMap(text -> Mono.error(new SessionNotFoundException(sid, text)));
        }
        if (response.statusCode().isError()) {
            return stream.onErrorStatus(response, "POST " + stream.describe() + " to " + shownEndpoint);
        }
        if (status == 202 || status == 204 || stream.awaited == null) {
            // A POST that carried no request (a notification or a response) awaits nothing: any 2xx
            // means accepted, and a body (servers that answer 200 with JSON) has nothing to deliver.
            return response.releaseBody();
        }
        MediaType type = response.headers().contentType().orElse(null);
        if (type != null && type.isCompatibleWith(MediaType.TEXT_EVENT_STREAM)) {
            stream.sse = true;
            return read(response, stream);
        }
        if (type != null && type.isCompatibleWith(MediaType.APPLICATION_JSON)) {
            // A JSON answer to a request is its response (spec): without it the call would wait for its timeout.
            // Delivered once the exchange is over (deliverAnswer): the response then settles a call whose
            // send has already completed, so nothing is left to cancel, and the connection is free for the next.
            stream.answer(List.of()); // an empty body answers nothing
            return stream.readJson(response.bodyToFlux(DataBuffer.class), maxMessageBytes).doOnNext(stream::answer).then();
        }
        // Not excerpt(): a body that breaks must fail the send, not pass for an empty one (which settles nothing).
        return HttpResponses.readExcerpt(response).flatMap(text -> text.isEmpty() && type == null
                ? Mono.<Void>empty()
                : Mono.error(new McpTransportException("POST " + stream.describe() + " got "
                        + (type == null ? "no Content-Type" : "Content-Type " + type)
                        + "; expected application/json or text/event-stream", status, text)));
    }

    /** Reads a request's event stream to its end; a stream that breaks ends (to be resumed), bad input fails the send. */
    private Mono<Void> read(ClientResponse response, RequestStream stream) {
        return JsonRpcEventReader.read(response.bodyToFlux(DataBuffer.class), maxMessageBytes, stream.events,
                        stream::deliver, null, flow)
                .onErrorResume(HttpResponses::isRetryable, e -> {
                    stream.events.failed(e);
                    log.debug("{} broke: {}", stream, e.toString());
                    return Mono.empty();
                });
    }

    /** One resumption of a request's stream: {@code GET} with {@code Last-Event-ID}, read to its end. */
    private Mono<Ending> resume(RequestStream stream, String lastEventId) {
        String sid = session.id();
        String what = "the resumption of " + stream.describe();
        return exchanges.exchange(openGet(sid, lastEventId), response -> {
                    int status = response.statusCode().value();
                    if (response.statusCode().is4xxClientError()) {
                        return stream.onErrorStatus(response, "GET (" + what + ") to " + shownEndpoint).thenReturn(Ending.DONE);
                    }
                    if (response.statusCode().isError()) {
                        return stream.onErrorStatus(response, "GET (" + what + ") to " + shownEndpoint).thenReturn(Ending.ENDED)
                                .onErrorResume(e -> {
                                    stream.events.failed(e);
                                    return Mono.just(Ending.ENDED);
                                });
                    }
                    if (!HttpResponses.isEventStream(response)) {
                        return HttpResponses.excerpt(response).flatMap(text -> Mono.error(new McpTransportException(
                                "GET (" + what + ") did not answer with text/event-stream", status, text)));
                    }
                    return read(response, stream).thenReturn(Ending.ENDED);
                }, false, what)
                .onErrorResume(HttpResponses::isRetryable, e -> {
                    stream.events.failed(e);
                    log.debug("{} broke: {}", what, e.toString());
                    return Mono.just(Ending.ENDED);
                });
    }

    /** A POST of {@code request} (a {@code subscriptions/listen}) with the modern era's headers, answered with an event stream. */
    WebClient.RequestHeadersSpec<?> openPost(JsonRpcRequest request) {
        return webClient.post().uri(endpoint)
                .headers(h -> {
                    applyHeaders(h, null);
                    RequestHeaders.apply(h, request, Map.of());
                })
                .header(HttpHeaders.ACCEPT, ACCEPT_POST)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(JsonRpcCodec.encode(request));
    }

    /** A GET of the event stream with the session's headers, resuming after {@code lastEventId} if given. */
    WebClient.RequestHeadersSpec<?> openGet(String sid, String lastEventId) {
        return webClient.get().uri(endpoint)
                .headers(h -> {
                    applyHeaders(h, sid);
                    if (lastEventId != null) {
                        h.set(McpHeaders.LAST_EVENT_ID, lastEventId);
                    }
                })
                .accept(MediaType.TEXT_EVENT_STREAM);
    }

    private void applyHeaders(HttpHeaders h, String sid) {
        headers.accept(h);
        if (sid != null) {
            h.set(McpHeaders.SESSION_ID, sid);
        }
        String version = protocolVersion;
        if (version != null) {
            h.set(McpHeaders.PROTOCOL_VERSION, version);
        }
    }

    private Throwable transportError(Throwable e, String what) {
        return HttpResponses.transportError(e, what + " " + shownEndpoint, endpoint);
    }

    @Override
    public void protocolVersionNegotiated(String version) {
        this.protocolVersion = version;
        Session current = session;
        if (version != null && current.renewing()) {
            session = new Session(current.id(), false); // the new session is usable: its version is known
        }
        this.modern = ProtocolVersions.isModern(version);
        if (!modern) {
            listen.stop();
        }
    }

    @Override
    public void listen(JsonNode params) {
        if (params == null) {
            listen.stop();
        } else {
            listen.start(params);
        }
    }

    @Override
    public String serverKey() {
        return shownEndpoint;
    }

    @Override
    public boolean cancelsByClosingStream() {
        return modern;
    }

    @Override
    public Mono<Void> sessionOpened() {
        return background == null ? Mono.empty() : background.start(session.id());
    }

    @Override
    public void sessionExpired(String expiredSessionId) {
        if (Objects.equals(session.id(), expiredSessionId)) {
            // Until the next session's version is negotiated, nothing but initialize goes out (see Session).
            session = expiredSessionId == null ? Session.NONE : new Session(null, true);
            protocolVersion = null;
            if (background != null) {
                background.stop();
            }
        }
    }

    @Override
    public String sessionId() {
        return session.id();
    }

    @Override
    public boolean isBackgroundStreamOpen() {
        return background != null && background.isOpen() || listen.isOpen();
    }

    /** The endpoint as logs and errors show it. */
    String shownEndpoint() {
        return shownEndpoint;
    }

    /** The server's endpoint. */
    URI endpoint() {
        return endpoint;
    }

    /** The background {@code GET} stream, or empty when it is switched off. */
    Optional<BackgroundStream> backgroundStream() {
        return Optional.ofNullable(background);
    }

    /** How many times a stream was reopened: resumptions of request streams and background stream reconnects. */
    @Override
    public long reconnects() {
        return resumptions.sum() + (background == null ? 0 : background.reconnects()) + listen.reconnects();
    }

    Consumer<JsonRpcMessage> inbound() {
        return inbound;
    }

    /** The pace at which the receiver takes the server's requests and notifications. */
    InboundFlow flow() {
        return flow;
    }

    /** The exchanges of this endpoint (the background stream's included). */
    Exchanges exchanges() {
        return exchanges;
    }

    int maxMessageBytes() {
        return maxMessageBytes;
    }

    ReconnectPolicy reconnectPolicy() {
        return reconnect;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.defer(() -> {
            String sid = session.id();
            session = Session.NONE;
            Mono<Void> delete = sid == null ? Mono.empty() : webClient.delete().uri(endpoint)
                    .headers(h -> applyHeaders(h, sid))
                    .exchangeToMono(response -> {
                        int status = response.statusCode().value();
                        if (response.statusCode().isError() && status != 405 && status != 404) {
                            log.debug("DELETE of session {} answered HTTP {}", SessionIds.shown(sid), status);
                        }
                        return response.releaseBody();
                    })
                    .timeout(closeTimeout)
                    .onErrorResume(e -> {
                        log.debug("DELETE of session {} failed: {}", SessionIds.shown(sid), e.toString());
                        return Mono.empty();
                    });
            // DELETE first: the server then ends the background stream itself, which is the graceful
            // way; stopping it is what remains to be done (at once when there is no session). Then the
            // exchanges still finishing after a cancellation end before the connections close under them.
            return delete.then(Mono.defer(() -> {
                if (background != null) {
                    background.stop();
                }
                listen.stop();
                exchanges.endLingering();
                return settings.closeConnections();
            }));
        });
    }
}
