package dev.mcpclient.transport.http;

import dev.mcpclient.McpProtocolException;
import dev.mcpclient.internal.InboundFlow;
import dev.mcpclient.internal.eventstream.SseEvent;
import dev.mcpclient.internal.eventstream.SseStreams;
import dev.mcpclient.jsonrpc.JsonRpcCodec;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Consumer;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBuffer;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.context.Context;

/**
 * Reads one {@code text/event-stream} response body into JSON-RPC messages, for every stream of both
 * HTTP transports, moving its {@link ResumableEventStream} (last event id, {@code retry}) as events
 * arrive.
 *
 * <p>Each {@code message} event is one JSON-RPC message (or a batch); one whose data is not JSON-RPC
 * is logged and skipped: one bad event does not end the stream. Events of another type go to the
 * caller's handler (the HTTP+SSE {@code endpoint} event). A body that breaks the size limit fails
 * with {@link McpProtocolException}.
 *
 * <p>Events are read one at a time, at the pace of the session's {@link InboundFlow}: after an event
 * that brought the server's request or notification, while the session's backlog is full, the next
 * one is asked for only once there is room again. The body is then not read either (Reactor Netty
 * stops reading the connection once its few buffers are full), so a server that floods a stream waits
 * on TCP instead of filling the client's memory. Responses are never held back.
 */
final class JsonRpcEventReader {

    private static final Logger log = LoggerFactory.getLogger(JsonRpcEventReader.class);
    private static final String MESSAGE = "message";

    private JsonRpcEventReader() {
    }

    /**
     * @param body the response body; every buffer is released
     * @param maxEventBytes the size limit of one event
     * @param stream the stream the body carries, moved before each message is delivered
     * @param deliver receives each message, in order
     * @param otherEvents receives events of any type but {@code message}, or {@code null} to ignore them
     * @param flow whether the receiver takes more of the server's requests and notifications now
     */
    static Mono<Void> read(Flux<DataBuffer> body, int maxEventBytes, ResumableEventStream stream,
            Consumer<JsonRpcMessage> deliver, Consumer<SseEvent> otherEvents, InboundFlow flow) {
        Flux<SseEvent> events = SseStreams.decode(body, maxEventBytes);
        return new Mono<>() {
            @Override
            public void subscribe(CoreSubscriber<? super Void> actual) {
                events.subscribe(new PacedReader(actual, stream, deliver, otherEvents, flow));
            }
        };
    }

    /**
     * Takes the events one at a time and hands them on; asks for the next one at once, or, after a
     * request or notification while the receiver does not accept more, once it does.
     */
    private static final class PacedReader implements CoreSubscriber<SseEvent>, Subscription {
        private final CoreSubscriber<? super Void> actual;
        private final ResumableEventStream stream;
        private final Consumer<JsonRpcMessage> deliver;
        private final Consumer<SseEvent> otherEvents;
        private final InboundFlow flow;
        private final Runnable next = this::next;
        private Subscription upstream;
        private volatile boolean cancelled;

        PacedReader(CoreSubscriber<? super Void> actual, ResumableEventStream stream, Consumer<JsonRpcMessage> deliver,
                Consumer<SseEvent> otherEvents, InboundFlow flow) {
            this.actual = actual;
            this.stream = stream;
            this.deliver = deliver;
            this.otherEvents = otherEvents;
            this.flow = flow;
        }

        @Override
        public void onSubscribe(Subscription s) {
            upstream = s;
            actual.onSubscribe(this);
            next();
        }

        @Override
        public void onNext(SseEvent event) {
            if (cancelled) {
                return;
            }
            boolean fed;
            try {
                fed = onEvent(event, stream, deliver, otherEvents);
            } catch (RuntimeException e) {
                // As doOnNext would: what the handler of an event throws (a bad endpoint event) ends the stream.
                cancel();
                actual.onError(e);
                return;
            }
            if (fed && !flow.accepting()) {
                log.debug("{} waits: the session has too much of the server's to handle", stream);
                flow.whenAccepting(next);
            } else {
                next();
            }
        }

        private void next() {
            if (!cancelled) {
                upstream.request(1);
            }
        }

        @Override
        public void onError(Throwable t) {
            if (!cancelled) {
                actual.onError(t);
            }
        }

        @Override
        public void onComplete() {
            if (!cancelled) {
                actual.onComplete();
            }
        }

        @Override
        public Context currentContext() {
            return actual.currentContext();
        }

        @Override
        public void request(long n) {
            // a Mono<Void> emits no value: the events are asked for at the receiver's pace
        }

        /**
         * Asks for everything before cancelling: Reactor Netty closes the connection when a body is
         * cancelled with buffers still queued, even when the response already ended and the connection
         * went back to the pool (another exchange's now). A paused stream has such buffers. Asked for, they
         * are delivered (and dropped here) or cleaned away before the cancellation reaches the connection.
         */
        @Override
        public void cancel() {
            cancelled = true;
            upstream.request(Long.MAX_VALUE);
            upstream.cancel();
        }
    }

    /** Hands one event on; whether it brought the server's request or notification (something that waits to be handled). */
    private static boolean onEvent(SseEvent event, ResumableEventStream stream, Consumer<JsonRpcMessage> deliver,
            Consumer<SseEvent> otherEvents) {
        stream.onEvent(event);
        if (!MESSAGE.equals(event.event())) {
            if (otherEvents != null) {
                otherEvents.accept(event);
            } else if (event.hasData()) {
                log.debug("Ignoring an SSE event of type '{}' on {}", event.event(), stream);
            }
            return false;
        }
        if (!event.hasData()) {
            return false; // a priming event: an id (and maybe a retry), no message
        }
        List<JsonRpcMessage> messages;
        try {
            messages = JsonRpcCodec.decode(event.data().getBytes(StandardCharsets.UTF_8));
        } catch (McpProtocolException e) {
            stream.failed(e);
            log.warn("Skipping a bad event on {}: {}", stream, e.getMessage());
            return false;
        }
        boolean fed = false;
        for (JsonRpcMessage message : messages) {
            fed |= !(message instanceof JsonRpcResponse);
            deliver.accept(message);
        }
        return fed;
    }
}
