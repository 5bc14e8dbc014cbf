package dev.mcpclient.transport.http;

import dev.mcpclient.McpProtocolException;
import dev.mcpclient.McpTransportException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;

/**
 * The background {@code GET} stream of one session: it carries what the server sends on its own
 * initiative (and, in practice, sometimes responses).
 *
 * <p>Opened after initialization without delaying it. A {@code 405} means the server offers no
 * such stream: not an error, nothing more is tried. After a clean close or an error it reconnects
 * with {@code Last-Event-ID}, after the server's {@code retry} or a jittered backoff, until the
 * session ends. A {@code 404} means the session is gone: the next request renews it.
 *
 * <p>Owned by its {@link StreamableHttpTransport}, which opens and closes it; the public methods
 * only observe it (for health checks and metrics).
 */
public final class BackgroundStream {

    private static final Logger log = LoggerFactory.getLogger(BackgroundStream.class);

    private enum Outcome { ENDED, NOT_OFFERED, SESSION_GONE }

    private final StreamableHttpEndpoint transport;
    private final AtomicReference<Disposable> running = new AtomicReference<>();
    private final LongAdder reconnects = new LongAdder();
    private volatile boolean open;

    BackgroundStream(StreamableHttpEndpoint transport) {
        this.transport = transport;
    }

    /** Opens the stream of session {@code sessionId}, replacing any earlier one. */
    void start(String sessionId) {
        StreamCursor cursor = new StreamCursor();
        Disposable next = run(sessionId, cursor).subscribe(null,
                e -> log.warn("The background stream of session {} stopped: {}", sessionId, e.toString()));
        Disposable previous = running.getAndSet(next);
        if (previous != null) {
            previous.dispose();
        }
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

    private Mono<Void> run(String sessionId, StreamCursor cursor) {
        return connect(sessionId, cursor)
                .onErrorResume(e -> {
                    cursor.lastError = e;
                    if (e instanceof McpProtocolException) {
                        // Bad input (an event over the size limit): what it carried is lost, so say so.
                        log.warn("The background stream of session {} broke on bad input, reconnecting: {}",
                                sessionId, e.getMessage());
                    } else {
                        log.debug("The background stream of session {} broke: {}", sessionId, e.toString());
                    }
                    return Mono.just(Outcome.ENDED);
                })
                .doFinally(signal -> open = false)
                .flatMap(outcome -> {
                    if (outcome != Outcome.ENDED) {
                        return Mono.empty();
                    }
                    if (cursor.progressed) {
                        cursor.attemptsWithoutProgress = 0;
                    }
                    ReconnectPolicy policy = transport.reconnectPolicy();
                    Duration delay = policy.delay(cursor.retryMillis, cursor.attemptsWithoutProgress);
                    cursor.attemptsWithoutProgress++;
                    cursor.progressed = false;
                    return Mono.delay(delay).then(Mono.defer(() -> {
                        reconnects.increment();
                        return run(sessionId, cursor);
                    }));
                });
    }

    private Mono<Outcome> connect(String sessionId, StreamCursor cursor) {
        return Exchanges.exchange(transport.openGet(sessionId, cursor.lastEventId), response -> {
                    int status = response.statusCode().value();
                    if (status == 405) {
                        log.debug("The server offers no background stream (GET answered 405)");
                        return response.releaseBody().thenReturn(Outcome.NOT_OFFERED);
                    }
                    if (status == 404) {
                        log.debug("The background stream's session {} is gone (GET answered 404)", sessionId);
                        return response.releaseBody().thenReturn(Outcome.SESSION_GONE);
                    }
                    if (response.statusCode().isError() || !HttpResponses.isEventStream(response)) {
                        return response.releaseBody().then(Mono.error(new McpTransportException(
                                "the background stream could not be opened", status, response.headers().contentType()
                                        .map(Object::toString).orElse("no Content-Type"))));
                    }
                    open = true;
                    return EventStreamReader.read(response.bodyToFlux(DataBuffer.class), cursor,
                                    transport.maxMessageBytes(), transport.inbound(), "the background stream")
                            .thenReturn(Outcome.ENDED);
                }, false, "the background stream");
    }
}
