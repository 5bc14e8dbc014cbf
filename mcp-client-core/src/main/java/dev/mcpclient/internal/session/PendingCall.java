package dev.mcpclient.internal.session;

import dev.mcpclient.McpClientClosedException;
import dev.mcpclient.McpErrorException;
import dev.mcpclient.McpTimeoutException;
import dev.mcpclient.internal.Deadlines;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.transport.ResponseStreamLostException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Function;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;
import tools.jackson.databind.JsonNode;

/**
 * One request, from the caller's subscription to its single outcome: the caller's subscription, the
 * subscriber of the request's send, its entry among the open calls and its deadline, in one object.
 * The result is read (into the caller's type) as the call settles; what the reading throws fails the call.
 *
 * <p>The path, top-down: {@link #start()} waits for the session to be ready (unless it is), then
 * {@link #register()} lists the call under a fresh id (before any I/O, so no response can miss it)
 * and routes its progress, and the call subscribes to the send. The outcome is the first of: the routed response
 * ({@link #onResponse}, from any stream), the send failing ({@link #onError}), the deadline passing
 * ({@link #check}, from the {@link Deadlines} sweep), the caller cancelling ({@link #cancel}), the
 * session closing ({@link #closed}), or the connection that would carry the response being lost.
 * {@link #trySettle()} picks it exactly once; the winner removes the entry, stops the deadline and the
 * progress route, and (unless the send itself failed) cancels what remains of the send, all before the
 * outcome reaches the caller. A call with a progress listener delivers its outcome after every
 * progress notification that arrived before it.
 *
 * <p>Written as one subscriber rather than a chain of operators because it runs on every call: a
 * chain of {@code firstWithSignal}s, timers and {@code doOn*} stages cost several microseconds of CPU
 * per call (see {@code docs/benchmarks-history.md}).
 */
final class PendingCall<T> implements Subscription, CoreSubscriber<Void>, Deadlines.Watched {

    private static final Logger log = LoggerFactory.getLogger(PendingCall.class);

    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<PendingCall> SETTLED =
            AtomicIntegerFieldUpdater.newUpdater(PendingCall.class, "settled");
    @SuppressWarnings("rawtypes")
    private static final AtomicIntegerFieldUpdater<PendingCall> DELIVERY =
            AtomicIntegerFieldUpdater.newUpdater(PendingCall.class, "delivery");
    @SuppressWarnings("rawtypes")
    private static final AtomicReferenceFieldUpdater<PendingCall, Subscription> UPSTREAM =
            AtomicReferenceFieldUpdater.newUpdater(PendingCall.class, Subscription.class, "upstream");

    // delivery: the caller's demand and the result, whichever comes second emits
    private static final int REQUESTED = 1;
    private static final int HAS_RESULT = 2;
    private static final int DELIVERED = 3;

    private final CallContext context;
    private final CoreSubscriber<? super T> actual;
    private final Function<JsonNode, ? extends T> reader;
    private final String method;
    private final JsonNode params;
    private final RequestOptions options;
    private final Duration timeout;
    /** Where the call fails with {@link McpTimeoutException}; progress moves it when it restarts the timeout. */
    private volatile long deadline;
    /** Where the call fails with the maximum total timeout; meaningful only with one. */
    private final long totalDeadline;

    private volatile int settled;
    private volatile int delivery;
    private T result; // published by DELIVERY
    /** The send's subscription (with the gate before it, if the call waited); {@link Operators#cancelledSubscription()} once cut. */
    private volatile Subscription upstream;

    private volatile RequestId id;
    private volatile boolean sent;
    private volatile boolean waiting;
    /** Whether the request was sent again after its send failed ({@link #resend}; at most once). */
    private volatile boolean resent;
    private Disposable progressRoute;

    PendingCall(CallContext context, CoreSubscriber<? super T> actual, Function<JsonNode, ? extends T> reader,
            String method, JsonNode params, RequestOptions options, Duration timeout) {
        this.context = context;
        this.actual = actual;
        this.reader = reader;
        this.method = method;
        this.params = params;
        this.options = options;
        this.timeout = timeout;
        long now = System.nanoTime();
        this.deadline = now + timeout.toNanos();
        this.totalDeadline = options.maxTotalTimeout() == null ? 0 : now + options.maxTotalTimeout().toNanos();
    }

    // ------------------------------------------------------------------ the path of a call

    /** Starts the call: sent at once when the session is ready, else once it is (a lifecycle request never waits). */
    void start() {
        if (settled != 0) {
            return; // cancelled as it was subscribed
        }
        Deadlines.watch(this);
        if (options.lifecycle() || context.isReady()) {
            sendNow();
        } else {
            sendAfter(context.ready());
        }
    }

    private void sendNow() {
        Mono<Void> send = register();
        if (send != null) {
            send.subscribe(this);
        }
    }

    /**
     * Sends once {@code gate} completes, held meanwhile among the waiting calls (so that closing the
     * session fails it). Gate and send are one subscription: cancelling the call cuts whichever runs.
     */
    private void sendAfter(Mono<Void> gate) {
        waiting = true;
        context.calls().waiting(this);
        if (settled != 0) {
            // Settled (closed, cancelled) while being listed: the cleanup may have missed the entry.
            context.calls().doneWaiting(this);
            return;
        }
        gate.then(Mono.defer(() -> {
            Mono<Void> send = register();
            return send != null ? send : Mono.<Void>empty();
        })).subscribe(this);
    }

    /**
     * Registers the request and returns its send, or {@code null} when the call settled meanwhile:
     * the entry exists before any I/O, so no response can miss it.
     */
    private Mono<Void> register() {
        if (settled != 0) {
            return null;
        }
        if (options.guard() != null) {
            try {
                options.guard().run();
            } catch (RuntimeException e) {
                fail(e);
                return null;
            }
        }
        RequestId requestId = context.calls().register(this);
        id = requestId;
        if (options.wantsProgress()) {
            // Routed before any I/O, like the response: the first notification may come at once.
            progressRoute = context.routeProgress(requestId, options.progress() != null ? options.progress() : p -> { },
                    totalDeadline != 0 ? this::progressed : null);
        }
        JsonRpcRequest request = new JsonRpcRequest(requestId, method, options.params(params,
                options.wantsProgress() ? requestId : null, context.requestMeta()));
        if (waiting) {
            context.calls().doneWaiting(this);
        }
        if (settled != 0) {
            // Settled while registering: the winner's cleanup may have run before the entry existed.
            context.calls().remove(requestId, this);
            stopProgress();
            return null;
        }
        sent = true;
        return context.send(request, options.parameterHeaders());
    }

    /**
     * Sends the request once more after its send failed, when the failure allows it: a response stream
     * that broke before its response, with nothing else to bring it (the modern era), goes again at
     * once; a failure the lifecycle recovers from ({@link CallContext#recover}: the era found no longer
     * holds) goes again once the lifecycle is ready. Always as a new request with a new id, once per
     * call, within the same timeout. {@code false} when the failure stands.
     */
    private boolean resend(Throwable error) {
        if (resent || settled != 0) {
            return false;
        }
        boolean lost = error instanceof ResponseStreamLostException;
        Mono<Void> gate = lost ? null : context.recover(error);
        if (!lost && gate == null) {
            return false;
        }
        resent = true;
        RequestId lostId = id;
        log.debug("{} (id {}) goes again: {}", method, lostId, error.toString());
        if (lostId != null) {
            context.calls().remove(lostId, this);
        }
        stopProgress();
        if (gate != null) {
            sendAfter(gate);
        } else {
            sendNow();
        }
        return true;
    }

    /** The routed response; {@code false} when the call had already settled (the response is dropped). */
    boolean onResponse(JsonRpcResponse response) {
        if (!trySettle()) {
            return false;
        }
        cleanUp(true);
        if (response.isError()) {
            deliverError(new McpErrorException(method, response.error()));
            return true;
        }
        T value;
        try {
            value = reader.apply(response.result());
        } catch (RuntimeException e) {
            deliverError(e);
            return true;
        }
        deliverResult(value);
        return true;
    }

    /** Settles the call with {@code error}, unless it already settled. */
    void fail(Throwable error) {
        fail(error, true);
    }

    private void fail(Throwable error, boolean cancelSend) {
        if (!trySettle()) {
            log.debug("{} already settled; not failed again with: {}", method, error.toString());
            return;
        }
        cleanUp(cancelSend);
        if (!options.quiet()) {
            context.calls().failed(error);
        }
        if (error instanceof McpTimeoutException) {
            cancelOnServer("timeout");
        }
        deliverError(error);
    }

    /** The session closed: fails the call unless it settled. */
    void closed() {
        fail(new McpClientClosedException("the client was closed before " + method + " settled"));
    }

    /** Fails the call when a deadline passed at {@code now}. Called by the {@link Deadlines} sweep. */
    @Override
    public void check(long now) {
        if (settled != 0) {
            // Settled while it was being watched (the winner's cleanup ran first): stop watching.
            Deadlines.unwatch(this);
        } else if (totalDeadline != 0 && now - totalDeadline >= 0) {
            fail(new McpTimeoutException(method, options.maxTotalTimeout(), true));
        } else if (now - deadline >= 0) {
            fail(new McpTimeoutException(method, timeout));
        }
    }

    /** A progress notification of this call arrived: its timeout starts again. */
    private void progressed() {
        deadline = System.nanoTime() + timeout.toNanos();
    }

    private boolean trySettle() {
        return SETTLED.compareAndSet(this, 0, 1);
    }

    /** What the winner does before the outcome travels on: no caller sees its call still pending. */
    private void cleanUp(boolean cancelSend) {
        Deadlines.unwatch(this);
        RequestId requestId = id;
        if (requestId != null) {
            context.calls().remove(requestId, this);
        }
        if (waiting) {
            context.calls().doneWaiting(this);
        }
        stopProgress();
        if (cancelSend) {
            Subscription s = UPSTREAM.getAndSet(this, Operators.cancelledSubscription());
            if (s != null && s != Operators.cancelledSubscription()) {
                s.cancel();
            }
        }
    }

    private void stopProgress() {
        Disposable route = progressRoute;
        if (route != null) {
            route.dispose();
        }
    }

    /** Tells the server to stop working on this call, if it may know it (never for a lifecycle request). */
    private void cancelOnServer(String reason) {
        RequestId requestId = id;
        if (!options.lifecycle() && sent && requestId != null) {
            context.cancelOnServer(requestId, reason);
        }
    }

    // ------------------------------------------------------------------ towards the caller

    @Override
    public void request(long n) {
        if (n <= 0) {
            // Reactive Streams 3.9: a non-positive request fails the subscription.
            fail(Exceptions.nullOrNegativeRequestException(n));
            return;
        }
        arrive(REQUESTED);
    }

    @Override
    public void cancel() {
        if (trySettle()) {
            cleanUp(true);
            cancelOnServer("cancelled by the caller");
        }
    }

    private void deliverResult(T value) {
        result = value;
        afterProgress(() -> arrive(HAS_RESULT));
    }

    private void deliverError(Throwable error) {
        afterProgress(() -> actual.onError(error));
    }

    /** Runs {@code delivery} at once, or, for a call with a progress listener, after the progress already received. */
    private void afterProgress(Runnable delivery) {
        if (options.progress() != null) {
            context.afterNotifications(delivery);
        } else {
            delivery.run();
        }
    }

    /** The caller's demand or the result arrived ({@code mine}); whichever of the two comes second emits. */
    private void arrive(int mine) {
        int other = mine == REQUESTED ? HAS_RESULT : REQUESTED;
        for (;;) {
            int state = delivery;
            if (state == other) {
                if (DELIVERY.compareAndSet(this, other, DELIVERED)) {
                    if (result != null) {
                        actual.onNext(result);
                    }
                    actual.onComplete();
                    return;
                }
            } else if (state != 0 || DELIVERY.compareAndSet(this, 0, mine)) {
                return;
            }
        }
    }

    // ------------------------------------------------------------------ the send (after the gate, if any)

    @Override
    public void onSubscribe(Subscription s) {
        for (;;) {
            Subscription current = upstream;
            if (current == Operators.cancelledSubscription()) {
                s.cancel();
                return;
            }
            if (UPSTREAM.compareAndSet(this, current, s)) {
                s.request(Long.MAX_VALUE);
                return;
            }
        }
    }

    @Override
    public void onNext(Void unused) {
        // a Mono<Void> has no values
    }

    @Override
    public void onError(Throwable error) {
        // The send (or the session's start) failed: it settles the call unless a response (or anything else)
        // came first, or the request goes again (lost with its stream, or the era found stopped holding).
        if (resend(error)) {
            return;
        }
        fail(error, false);
    }

    @Override
    public void onComplete() {
        // A send that completes settles nothing: the response may come on any stream.
    }

    @Override
    public Context currentContext() {
        // The caller's context (a trace, an observation) goes along with the send.
        return actual.currentContext();
    }
}
