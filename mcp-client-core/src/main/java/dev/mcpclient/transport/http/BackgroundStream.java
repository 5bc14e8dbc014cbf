package dev.mcpclient.transport.http;

import dev.mcpclient.McpProtocolException;
import dev.mcpclient.McpTransportException;
import dev.mcpclient.internal.SessionIds;
import dev.mcpclient.transport.http.ResumableEventStream.Ending;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The background {@code GET} stream of one session: it carries what the server sends on its own
 * initiative (and, in practice, sometimes responses).
 *
 * <p>Opened after initialization, which waits (for a bounded time) until its {@code GET} is answered,
 * so that what the server sends on it from then on finds it open. A {@code 405} means the server offers no
 * such stream: not an error, nothing more is tried. After a clean close or an error it reconnects
 * with {@code Last-Event-ID}, after the server's {@code retry} or a jittered backoff, until the
 * session ends. A {@code 404} means the session is gone: the next request renews it.
 *
 * <p>Owned by its {@link StreamableHttpTransport}, which opens and closes it; the public methods
 * only observe it (for health checks and metrics).
 *
 * @since 0.2.0
 */
public final class BackgroundStream {

    private static final Logger log = LoggerFactory.getLogger(BackgroundStream.class);
    private static final String NAME = "the background stream";

    private final StreamableHttpEndpoint transport;
    private final AtomicReference<Disposable> running = new AtomicReference<>();
    private final LongAdder reconnects = new LongAdder();
    private volatile boolean open;

    BackgroundStream(StreamableHttpEndpoint transport) {
        this.transport = transport;
    }

    /**
     * Opens the stream of session {@code sessionId}, replacing any earlier one.
     *
     * @return completes when the first {@code GET} has its answer: the stream's headers (it is open) or
     *     a refusal or failure (it is not, and reconnects as usual); never fails
     */
    Mono<Void> start(String sessionId) {
        ResumableEventStream events = new ResumableEventStream(NAME, transport.reconnectPolicy(), false, false, reconnects);
        Sinks.Empty<Void> answered = Sinks.empty();
        Disposable next = events.run(connect(sessionId, events, null, answered),
                        lastEventId -> connect(sessionId, events, lastEventId, answered), () -> true)
                .subscribe(null, e -> log.warn("The background stream of session {} stopped: {}", SessionIds.shown(sessionId), e.toString()));
        Disposable previous = running.getAndSet(next);
        if (previous != null) {
            previous.dispose();
        }
        return answered.asMono();
    }

    /** Closes the stream and stops reconnecting. */
    void stop() {
        Disposable previous = running.getAndSet(null);
        if (previous != null) {
            previous.dispose();
        }
        open = false;
    }

    /** Whether the stream is connected now. */
    public boolean isOpen() {
        return open;
    }

    /** How many times the stream was reopened after it ended or broke. */
    public long reconnects() {
        return reconnects.sum();
    }

    /**
     * One {@code GET} of the stream, read to its end. 405 (no such stream) and 404 (the session is
     * gone; the next request renews it) end the stream; anything else that goes wrong is reconnected.
     */
    private Mono<Ending> connect(String sessionId, ResumableEventStream events, String lastEventId,
            Sinks.Empty<Void> answered) {
        return transport.exchanges().exchange(transport.openGet(sessionId, lastEventId), response -> {
                    int status = response.statusCode().value();
                    if (status == 405) {
                        log.debug("The server offers no background stream (GET answered 405)");
                        return response.releaseBody().thenReturn(Ending.DONE);
                    }
                    if (status == 404) {
                        log.debug("The background stream's session {} is gone (GET answered 404)", SessionIds.shown(sessionId));
                        return response.releaseBody().thenReturn(Ending.DONE);
                    }
                    if (response.statusCode().isError() || !HttpResponses.isEventStream(response)) {
                        return response.releaseBody().then(Mono.error(new McpTransportException(
                                "the background stream could not be opened", status, HttpResponses.contentType(response))));
                    }
                    open = true;
                    answered.tryEmitEmpty();
                    return JsonRpcEventReader.read(response.bodyToFlux(DataBuffer.class), transport.maxMessageBytes(),
                            events, transport.inbound(), null, transport.flow()).thenReturn(Ending.ENDED);
                }, false, NAME)
                .onErrorResume(e -> {
                    events.failed(e);
                    if (e instanceof McpProtocolException) {
                        // Bad input (an event over the size limit): what it carried is lost, so say so.
                        log.warn("The background stream of session {} broke on bad input, reconnecting: {}",
                                SessionIds.shown(sessionId), e.getMessage());
                    } else {
                        log.debug("The background stream of session {} broke: {}", SessionIds.shown(sessionId), e.toString());
                    }
                    return Mono.just(Ending.ENDED);
                })
                .doFinally(signal -> {
                    open = false;
                    answered.tryEmitEmpty(); // refused, failed or ended: nothing to wait for
                });
    }
}
