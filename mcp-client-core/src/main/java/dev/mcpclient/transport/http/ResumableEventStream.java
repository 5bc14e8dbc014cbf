package dev.mcpclient.transport.http;

import dev.mcpclient.McpTransportException;
import dev.mcpclient.internal.eventstream.SseEvent;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import reactor.core.publisher.Mono;

/**
 * One event stream as the client sees it, which outlives the HTTP responses that carry it: where it
 * stands (the last event id, the server's {@code retry}, whether the current response brought
 * anything) and the one reconnect step of every long-lived stream of this library: a POST's response
 * stream (resumed with {@code GET} + {@code Last-Event-ID}), the background {@code GET} stream, and
 * the HTTP+SSE stream.
 *
 * <p>{@link #run} reads the first response; each time one ends while the stream is still wanted, it
 * waits the server's {@code retry} (or a jittered backoff, {@link ReconnectPolicy}) and opens the
 * next one from the last event id, until the stream is no longer wanted, it cannot be resumed (no
 * event id where one is needed), or, for a stream that gives up, attempts in a row that brought no
 * new event run out. Errors an attempt can recover from are its own to map to {@link Ending#ENDED}
 * (recorded with {@link #failed}); any other error ends the stream with that error.
 */
final class ResumableEventStream {

    /** How one response of the stream ended. */
    enum Ending {
        /** It ended or broke: open the next one if the stream is still wanted. */
        ENDED,
        /** Nothing more to read on this stream (not an event stream, or the server offers none). */
        DONE
    }

    private final Object name;
    private final ReconnectPolicy policy;
    private final boolean givesUp;
    private final boolean needsEventId;
    private final LongAdder reconnects;

    private volatile String lastEventId;
    private volatile Long retryMillis;
    /** Whether the current response brought at least one event. */
    private volatile boolean progressed;
    /** Responses in a row that brought no new event. */
    private int attemptsWithoutProgress;
    /** The last reason a response ended before it should have (an I/O error, a bad message). */
    private volatile Throwable lastError;

    /**
     * @param name the stream in messages and log lines (its {@code toString()}, called only for one written)
     * @param policy when to reopen
     * @param givesUp whether the stream ends after {@link ReconnectPolicy#maxAttemptsWithoutProgress()}
     *     attempts without a new event (else it keeps trying, at most {@link ReconnectPolicy#maxDelay()} apart)
     * @param needsEventId whether a response can only be followed by one resuming it (a request's
     *     stream): without an event id the stream then fails at once
     * @param reconnects counts every response opened after the first
     */
    ResumableEventStream(Object name, ReconnectPolicy policy, boolean givesUp, boolean needsEventId, LongAdder reconnects) {
        this.name = name;
        this.policy = policy;
        this.givesUp = givesUp;
        this.needsEventId = needsEventId;
        this.reconnects = reconnects;
    }

    /**
     * Reads {@code first}, then, while {@code wanted} holds after a response ended, opens the next with
     * {@code reopen} (given the last event id, or {@code null}) after the reconnect delay.
     */
    Mono<Void> run(Mono<Ending> first, Function<String, Mono<Ending>> reopen, BooleanSupplier wanted) {
        return first.flatMap(ending -> ending == Ending.ENDED && wanted.getAsBoolean() ? resume(reopen, wanted) : Mono.empty());
    }

    /**
     * The responses after one that ended, while {@code wanted} holds: the reconnect loop, built only
     * when a stream is to be reopened (a request's stream rarely is).
     */
    Mono<Void> resume(Function<String, Mono<Ending>> reopen, BooleanSupplier wanted) {
        // expand, not recursion: a stream reopened for days does not grow a chain of operators.
        return next(reopen, wanted).expand(ending -> ending == Ending.ENDED ? next(reopen, wanted) : Mono.empty()).then();
    }

    /** The reconnect step: the next response after the delay, nothing when not wanted, or why it cannot be. */
    private Mono<Ending> next(Function<String, Mono<Ending>> reopen, BooleanSupplier wanted) {
        return Mono.defer(() -> {
            if (!wanted.getAsBoolean()) {
                return Mono.empty();
            }
            if (needsEventId && lastEventId == null) {
                return Mono.error(new McpTransportException(name + " ended early and gave no event id, so it cannot be resumed",
                        lastError));
            }
            if (progressed) {
                attemptsWithoutProgress = 0;
            }
            if (givesUp && attemptsWithoutProgress >= policy.maxAttemptsWithoutProgress()) {
                return Mono.error(new McpTransportException("gave up resuming " + name + " after "
                        + attemptsWithoutProgress + " attempts without a new event", lastError));
            }
            Duration delay = policy.delay(retryMillis, attemptsWithoutProgress);
            attemptsWithoutProgress++;
            progressed = false;
            return Mono.delay(delay).then(Mono.defer(() -> {
                if (!wanted.getAsBoolean()) {
                    return Mono.empty();
                }
                reconnects.increment();
                return reopen.apply(lastEventId);
            }));
        });
    }

    /** An event arrived: the stream progressed, and its id and {@code retry} move the position. */
    void onEvent(SseEvent event) {
        progressed = true;
        if (event.lastEventId() != null) {
            // An empty id resets it (WHATWG): the stream can then not be resumed from here.
            lastEventId = event.lastEventId().isEmpty() ? null : event.lastEventId();
        }
        if (event.retry() != null) {
            retryMillis = event.retry();
        }
    }

    /** A response ended before it should have, or brought a bad message: said in the final error, if any. */
    void failed(Throwable error) {
        lastError = error;
    }

    /** The last reason a response ended before it should have, or {@code null}. */
    Throwable lastError() {
        return lastError;
    }

    /** The last event id seen, or {@code null}. */
    String lastEventId() {
        return lastEventId;
    }

    @Override
    public String toString() {
        return String.valueOf(name);
    }
}
