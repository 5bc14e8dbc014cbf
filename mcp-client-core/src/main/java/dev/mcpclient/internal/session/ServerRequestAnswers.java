package dev.mcpclient.internal.session;

import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.McpMethods;
import dev.mcpclient.transport.McpTransport;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers the server's requests of one session, a few at a time: {@code ping} at once, the others by
 * their handlers (off the I/O threads), and every answer sent through the transport with at most
 * {@link #MAX_SENDING} sends under way (over HTTP, one POST each); the answers ready beyond that wait
 * in arrival order. So a server that sends thousands of requests gets thousands of answers, but never
 * thousands of connections at once, and the calls' own requests and streams keep their connections.
 *
 * <p>Each request counts in the session's {@link InboundBacklog} while its handler runs, and its answer
 * until it was sent (or given up): past a soft limit the transport stops reading, past a hard limit a
 * request is dropped unanswered (logged once). A send is bounded by the session's request timeout.
 */
final class ServerRequestAnswers {

    private static final Logger log = LoggerFactory.getLogger(McpSession.class);

    /** How many answers are being sent at once, at most. */
    static final int MAX_SENDING = 4;

    private final McpTransport transport;
    private final InboundDispatcher dispatcher;
    private final InboundBacklog backlog;
    private final Duration sendTimeout;
    private final BooleanSupplier closed;
    /** The answers ready to be sent, in the order they became ready. */
    private final Queue<JsonRpcResponse> ready = new ConcurrentLinkedQueue<>();
    private final AtomicInteger sending = new AtomicInteger();
    private final AtomicInteger mostSending = new AtomicInteger();
    private final AtomicInteger wip = new AtomicInteger();
    private final AtomicBoolean droppingLogged = new AtomicBoolean();
    private final LongAdder dropped = new LongAdder();

    /**
     * @param closed whether the session is closed: then nothing more is answered
     */
    ServerRequestAnswers(McpTransport transport, InboundDispatcher dispatcher, Duration sendTimeout, BooleanSupplier closed) {
        this.transport = transport;
        this.dispatcher = dispatcher;
        this.backlog = dispatcher.backlog();
        this.sendTimeout = sendTimeout;
        this.closed = closed;
    }

    /** A request of the server came: it will be answered, unless too many wait already (then it is dropped, logged once). */
    void received(JsonRpcRequest request) {
        if (McpMethods.PING.equals(request.method())) {
            if (!backlog.unsent.add()) {
                dropped(request, backlog.unsent.hardLimit() + " answers wait to be sent");
                return;
            }
            ready(JsonRpcResponse.result(request.id(), McpJson.mapper().createObjectNode()));
            return;
        }
        if (!backlog.handling.add()) {
            dropped(request, backlog.handling.hardLimit() + " requests wait for their handlers");
            return;
        }
        dispatcher.answer(request).subscribe(answer -> {
            backlog.unsent.force();
            backlog.handling.remove();
            ready(answer);
        }, e -> {
            log.warn("Could not answer the server's {} request {}: {}", request.method(), request.id(), e.toString());
            backlog.handling.remove();
        });
    }

    private void ready(JsonRpcResponse answer) {
        ready.offer(answer);
        drain();
    }

    /** Starts sends while fewer than {@link #MAX_SENDING} are under way and answers are ready. */
    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (sending.get() < MAX_SENDING) {
                JsonRpcResponse answer = ready.poll();
                if (answer == null) {
                    break;
                }
                mostSending.accumulateAndGet(sending.incrementAndGet(), Math::max);
                send(answer);
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private void send(JsonRpcResponse answer) {
        if (closed.getAsBoolean()) {
            // Nobody is left to answer for (the client closed while the answer waited).
            log.debug("Not sending the answer to the server's request {}: the client is closed", answer.id());
            sent();
            return;
        }
        transport.send(answer).timeout(sendTimeout).subscribe(null, e -> {
            if (closed.getAsBoolean()) {
                log.debug("Could not send the response to the server's request {} as the client closed: {}",
                        answer.id(), e.toString());
            } else {
                log.warn("Could not send the response to the server's request {}: {}", answer.id(), e.toString());
            }
            sent();
        }, this::sent);
    }

    /** A send ended (or was skipped): its place goes to the next answer. */
    private void sent() {
        sending.decrementAndGet();
        backlog.unsent.remove();
        drain();
    }

    private void dropped(JsonRpcRequest request, String why) {
        dropped.increment();
        if (droppingLogged.compareAndSet(false, true)) {
            log.warn("Dropping the server's requests unanswered (first: {} {}): {} already, as the server sends them "
                    + "faster than they are answered and its transport does not stop reading; this is logged once",
                    request.method(), request.id(), why);
        } else {
            log.debug("Dropped the server's request {} {}: too many wait to be answered", request.method(), request.id());
        }
    }

    /** The most answers that were being sent at once so far. */
    int mostSending() {
        return mostSending.get();
    }

    /** How many of the server's requests were dropped unanswered because too many waited. */
    long droppedRequests() {
        return dropped.sum();
    }
}
