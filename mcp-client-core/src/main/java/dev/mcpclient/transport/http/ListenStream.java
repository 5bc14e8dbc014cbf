package dev.mcpclient.transport.http;

import dev.mcpclient.McpProtocolException;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcNotification;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.McpMethods;
import dev.mcpclient.transport.http.ResumableEventStream.Ending;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The {@code subscriptions/listen} stream of MCP 2026-07-28: one POST whose event stream stays open
 * and carries the change notifications the client opted in to, the modern era's counterpart of the
 * {@link BackgroundStream}.
 *
 * <p>Each opening is a new request with an id of its own ({@code listen-1}, {@code listen-2}, ...,
 * never one of the session's numeric ids). Its notifications go to the transport's inbound consumer;
 * its own acknowledgment and its final response (the server ending it gracefully) stay here. When it
 * ends or breaks while wanted, it is opened again through the shared {@link ResumableEventStream}
 * step (the server's {@code retry} or a jittered backoff; no {@code Last-Event-ID}: the revision has
 * no resumption), until {@link #stop()}.
 */
final class ListenStream {

    private static final Logger log = LoggerFactory.getLogger(ListenStream.class);
    private static final String NAME = "the subscriptions/listen stream";

    private final StreamableHttpEndpoint transport;
    private final AtomicReference<Disposable> running = new AtomicReference<>();
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder reconnects = new LongAdder();
    private volatile boolean open;

    ListenStream(StreamableHttpEndpoint transport) {
        this.transport = transport;
    }

    /** Opens the stream with {@code params}, replacing any earlier one. */
    void start(JsonNode params) {
        ResumableEventStream events = new ResumableEventStream(NAME, transport.reconnectPolicy(), false, false, reconnects);
        // Wanted until disposed: stop() and the next start() dispose it, which also ends its reconnect delay.
        Disposable next = events.run(open(params, events), lastEventId -> open(params, events), () -> true)
                .subscribe(null, e -> log.warn("{} stopped: {}", NAME, e.toString()));
        Disposable previous = running.getAndSet(next);
        if (previous != null) {
            previous.dispose();
        }
    }

    /** Closes the stream (closing it is its cancellation) and stops opening it again. */
    void stop() {
        Disposable previous = running.getAndSet(null);
        if (previous != null) {
            previous.dispose();
        }
        open = false;
    }

    /** Whether the stream is connected now. */
    boolean isOpen() {
        return open;
    }

    /** How many times the stream was opened again after it ended or broke. */
    long reconnects() {
        return reconnects.sum();
    }

    /** One opening, read to its end: a refusal (4xx) ends the stream, anything else opens it again. */
    private Mono<Ending> open(JsonNode params, ResumableEventStream events) {
        return Mono.defer(() -> {
            RequestId id = RequestId.of("listen-" + ids.incrementAndGet());
            JsonRpcRequest request = new JsonRpcRequest(id, McpMethods.SUBSCRIPTIONS_LISTEN, params);
            return transport.exchanges().exchange(transport.openPost(request), response -> {
                        int status = response.statusCode().value();
                        if (response.statusCode().is4xxClientError()) {
                            return HttpResponses.excerpt(response).map(text -> {
                                log.warn("The server refused {} (HTTP {}): {}; change notifications will not arrive",
                                        NAME, status, text);
                                return Ending.DONE;
                            });
                        }
                        if (response.statusCode().isError() || !HttpResponses.isEventStream(response)) {
                            return response.releaseBody().then(Mono.error(new McpTransportException(
                                    NAME + " could not be opened", status, HttpResponses.contentType(response))));
                        }
                        open = true;
                        return JsonRpcEventReader.read(response.bodyToFlux(DataBuffer.class), transport.maxMessageBytes(),
                                events, message -> deliver(id, message), null, transport.flow()).thenReturn(Ending.ENDED);
                    }, false, NAME)
                    .onErrorResume(e -> {
                        events.failed(e);
                        if (e instanceof McpProtocolException) {
                            log.warn("{} broke on bad input, opening it again: {}", NAME, e.getMessage());
                        } else {
                            log.debug("{} broke: {}", NAME, e.toString());
                        }
                        return Mono.just(Ending.ENDED);
                    })
                    .doFinally(signal -> open = false);
        });
    }

    /** Notifications go on; this stream's acknowledgment and final response stay here. */
    private void deliver(RequestId id, JsonRpcMessage message) {
        if (message instanceof JsonRpcResponse response && response.id().equals(id)) {
            log.debug("The server ended {} ({})", NAME, response.isError() ? response.error().message() : "gracefully");
            return;
        }
        if (message instanceof JsonRpcNotification notification
                && McpMethods.NOTIFICATION_SUBSCRIPTIONS_ACKNOWLEDGED.equals(notification.method())) {
            log.debug("The server acknowledged {}: {}", NAME, notification.params());
            return;
        }
        transport.inbound().accept(message);
    }
}
