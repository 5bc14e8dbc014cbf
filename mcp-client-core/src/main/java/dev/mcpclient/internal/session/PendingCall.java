package dev.mcpclient.internal.session;

import dev.mcpclient.McpClientClosedException;
import dev.mcpclient.McpErrorException;
import dev.mcpclient.McpTimeoutException;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.McpJson;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.function.Function;
import org.reactivestreams.Subscription;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.Disposable;
import reactor.core.Exceptions;
import reactor.core.publisher.Operators;
import reactor.util.context.Context;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.POJONode;

/**
 * One request, from the caller's subscription to its single outcome: the caller's subscription, the
 * subscriber of the request's send, and the request's entry among the pending requests, in one object.
 * The result is read (into the caller's type) as the call settles; what the reading throws fails the call.
 *
 * <p>The outcome is the first of: the routed response (from any stream), the send failing, the
 * deadline passing (found by the session's sweep), the caller cancelling, the session closing, or the
 * connection that would carry the response being lost. {@link #trySettle()} picks it exactly once; the
 * winner removes the pending entry and stops the progress route before the outcome reaches the caller,
 * and, unless the send itself failed, cancels what remains of the send.
 *
 * <p>Written as one subscriber rather than a chain of operators because it runs on every call: a
 * chain of {@code firstWithSignal}s, timers and {@code doOn*} stages cost several microseconds of CPU
 * per call (see {@code docs/benchmarks.md}).
 */
final class PendingCall<T> implements Subscription, CoreSubscriber<Void> {

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

    // delivery: the caller's demand and the result, whichever comes second delivers
    private static final int REQUESTED = 1;
    private static final int HAS_RESULT = 2;
    private static final int DELIVERED = 3;

    private final McpSession session;
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
    /** The gate's subscription, then the send's; {@link Operators#cancelledSubscription()} once cut. */
    private volatile Subscription upstream;

    private volatile RequestId id;
    private volatile boolean sent;
    private volatile boolean waiting;
    private Disposable progressRoute;

    PendingCall(McpSession session, CoreSubscriber<? super T> actual, Function<JsonNode, ? extends T> reader, String method,
            JsonNode params, RequestOptions options, Duration timeout) {
        this.session = session;
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

    /** Starts the call: at once when the session is ready, else once it is (a lifecycle request never waits). */
    void start() {
        if (options.lifecycle() || session.lifecycle().isReady()) {
            send();
            return;
        }
        waiting = true;
        session.waitForReady(this);
        if (settled != 0) {
            // Settled (closed, cancelled) while being added: the cleanup may have missed the entry.
            session.stopWaiting(this);
            return;
        }
        session.lifecycle().ready().subscribe(new Gate());
    }

    /** Registers the request, then sends it: the entry exists before any I/O, so no response can miss it. */
    private void send() {
        if (settled != 0) {
            return;
        }
        if (options.guard() != null) {
            try {
                options.guard().run();
            } catch (RuntimeException e) {
                fail(e);
                return;
            }
        }
        RequestId requestId = session.nextId();
        boolean wantsProgress = options.progress() != null || totalDeadline != 0;
        if (wantsProgress) {
            // Routed before any I/O, like the response: the first notification may come at once.
            progressRoute = session.dispatcher().onProgress(requestId.value(),
                    options.progress() != null ? options.progress() : p -> { },
                    totalDeadline != 0 ? this::progressed : null);
        }
        JsonRpcRequest request = new JsonRpcRequest(requestId, method,
                withMeta(params, options.meta(), wantsProgress ? requestId : null));
        id = requestId;
        session.pending().register(requestId, this);
        if (waiting) {
            session.stopWaiting(this);
        }
        if (settled != 0) {
            // Settled while registering: the winner's cleanup may have run before the entry existed.
            session.pending().remove(requestId, this);
            stopProgress();
            return;
        }
        sent = true;
        session.lifecycle().send(request).subscribe(this);
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
        session.recordFailure(error);
        if (error instanceof McpTimeoutException) {
            session.cancelOnServer(this, "timeout");
        }
        deliverError(error);
    }

    /** The session closed: fails the call unless it settled. */
    void closed() {
        fail(new McpClientClosedException("the client was closed before " + method + " settled"));
    }

    /** Fails the call when a deadline passed at {@code now}. Called by the session's sweep. */
    void checkDeadline(long now) {
        if (totalDeadline != 0 && now - totalDeadline >= 0) {
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
        RequestId requestId = id;
        if (requestId != null) {
            session.pending().remove(requestId, this);
        }
        if (waiting) {
            session.stopWaiting(this);
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

    // ------------------------------------------------------------------ towards the caller

    @Override
    public void request(long n) {
        if (n <= 0) {
            // Reactive Streams 3.9: a non-positive request fails the subscription.
            fail(Exceptions.nullOrNegativeRequestException(n));
            return;
        }
        for (;;) {
            int state = delivery;
            if (state == HAS_RESULT) {
                if (DELIVERY.compareAndSet(this, HAS_RESULT, DELIVERED)) {
                    emit();
                    return;
                }
            } else if (state != 0 || DELIVERY.compareAndSet(this, 0, REQUESTED)) {
                return;
            }
        }
    }

    @Override
    public void cancel() {
        if (trySettle()) {
            cleanUp(true);
            session.cancelOnServer(this, "cancelled by the caller");
        }
    }

    private void deliverResult(T value) {
        result = value;
        for (;;) {
            int state = delivery;
            if (state == REQUESTED) {
                if (DELIVERY.compareAndSet(this, REQUESTED, DELIVERED)) {
                    emit();
                    return;
                }
            } else if (state != 0 || DELIVERY.compareAndSet(this, 0, HAS_RESULT)) {
                return;
            }
        }
    }

    private void emit() {
        if (result != null) {
            actual.onNext(result);
        }
        actual.onComplete();
    }

    private void deliverError(Throwable error) {
        actual.onError(error);
    }

    // ------------------------------------------------------------------ the send (the gate's in Gate)

    @Override
    public void onSubscribe(Subscription s) {
        if (bind(s)) {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(Void unused) {
        // a Mono<Void> has no values
    }

    @Override
    public void onError(Throwable error) {
        // The send failed: it settles the call unless a response (or anything else) came first.
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

    /** Takes {@code s} as the current upstream, or cancels it when the call already cut its upstream. */
    private boolean bind(Subscription s) {
        for (;;) {
            Subscription current = upstream;
            if (current == Operators.cancelledSubscription()) {
                s.cancel();
                return false;
            }
            if (UPSTREAM.compareAndSet(this, current, s)) {
                return true;
            }
        }
    }

    /** Waits for the session to be ready, then sends; subscribed and bound like the send. */
    private final class Gate implements CoreSubscriber<Void> {

        @Override
        public void onSubscribe(Subscription s) {
            PendingCall.this.onSubscribe(s);
        }

        @Override
        public void onNext(Void unused) {
        }

        @Override
        public void onError(Throwable error) {
            fail(error, false);
        }

        @Override
        public void onComplete() {
            send();
        }

        @Override
        public Context currentContext() {
            return PendingCall.this.currentContext();
        }
    }

    // ------------------------------------------------------------------ for the session

    String method() {
        return method;
    }

    /** The request's id once it was registered, else {@code null}. */
    RequestId id() {
        return id;
    }

    /** Whether the request was handed to the transport (so the server may know it). */
    boolean sent() {
        return sent;
    }

    boolean lifecycle() {
        return options.lifecycle();
    }

    /**
     * {@code params}, or a copy whose {@code _meta} also holds {@code meta} and, when {@code progressToken}
     * is not {@code null}, {@code progressToken}: the request id, unique among active requests.
     */
    private static JsonNode withMeta(JsonNode params, Map<String, Object> meta, RequestId progressToken) {
        if ((meta == null || meta.isEmpty()) && progressToken == null) {
            return params;
        }
        JsonNode tree = params instanceof POJONode ? McpJson.toTree(params) : params;
        ObjectNode copy = tree instanceof ObjectNode object ? object.deepCopy() : McpJson.mapper().createObjectNode();
        ObjectNode target = copy.get("_meta") instanceof ObjectNode existing ? existing : copy.putObject("_meta");
        if (meta != null) {
            meta.forEach((key, value) -> target.set(key, McpJson.mapper().valueToTree(value)));
        }
        if (progressToken == null) {
            return copy;
        }
        if (progressToken.value() instanceof Long l) {
            target.put("progressToken", l);
        } else {
            target.put("progressToken", (String) progressToken.value());
        }
        return copy;
    }
}
