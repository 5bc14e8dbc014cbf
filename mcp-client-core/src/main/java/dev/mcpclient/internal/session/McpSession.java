package dev.mcpclient.internal.session;

import dev.mcpclient.McpCapabilityException;
import dev.mcpclient.McpClientClosedException;
import dev.mcpclient.McpErrorException;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcNotification;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.transport.McpTransport;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.CoreSubscriber;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One JSON-RPC session with an MCP server: the call path of every request, and the routing of every
 * inbound message.
 *
 * <p>A request settles on the first of: its routed response (from any stream), its send failing,
 * its timeout, the caller's cancellation, or the session closing. The response winning cancels what
 * remains of that request's send and nothing else; a send that completes normally settles nothing.
 * The pending entry is registered before any I/O and removed exactly once. One request's path is
 * {@link PendingCall}.
 */
public final class McpSession {

    private static final Logger log = LoggerFactory.getLogger(McpSession.class);

    /** How often open calls' deadlines are checked: a call times out at most this late. */
    static final Duration DEADLINE_TICK = Duration.ofMillis(50);

    private final McpTransport transport;
    private final Duration defaultTimeout;
    private final PendingRequests pending = new PendingRequests();
    private final InboundDispatcher dispatcher;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Set<PendingCall<?>> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean sweeping = new AtomicBoolean();
    private volatile boolean closed;
    private volatile SessionLifecycle lifecycle;
    private volatile Failure lastFailure;

    /**
     * @param transport the transport to the server
     * @param defaultTimeout the timeout of a request that names none
     * @param dispatcher handles the server's requests and notifications
     */
    public McpSession(McpTransport transport, Duration defaultTimeout, InboundDispatcher dispatcher) {
        this.transport = Objects.requireNonNull(transport, "transport");
        this.defaultTimeout = Objects.requireNonNull(defaultTimeout, "defaultTimeout");
        this.dispatcher = Objects.requireNonNull(dispatcher, "dispatcher");
    }

    /** Binds the era's lifecycle and starts receiving. Called once. */
    public void start(SessionLifecycle lifecycle) {
        this.lifecycle = Objects.requireNonNull(lifecycle, "lifecycle");
        transport.start(this::receive, this::connectionLost);
    }

    /** The transport under this session. */
    public McpTransport transport() {
        return transport;
    }

    /**
     * Sends a request and returns its result; fails with {@link McpErrorException} when the server
     * answers with an error. Nothing happens until the returned {@code Mono} is subscribed.
     */
    public Mono<JsonNode> request(String method, JsonNode params, RequestOptions options) {
        return request(method, params, options, Function.identity());
    }

    /**
     * Like {@link #request(String, JsonNode, RequestOptions)}, and reads the result with {@code reader}
     * as the call settles (on the thread the response arrived on): what it throws fails the call.
     * The reading is part of the call rather than an operator after it, because it runs on every call.
     */
    public <T> Mono<T> request(String method, JsonNode params, RequestOptions options, Function<JsonNode, ? extends T> reader) {
        Duration timeout = options.timeout() != null ? options.timeout() : defaultTimeout;
        return new Mono<>() {
            @Override
            public void subscribe(CoreSubscriber<? super T> actual) {
                if (closed) {
                    Operators.error(actual, new McpClientClosedException("the client is closed; " + method + " was not sent"));
                    return;
                }
                PendingCall<T> call = new PendingCall<>(McpSession.this, actual, reader, method, params, options, timeout);
                actual.onSubscribe(call);
                call.start();
                watchDeadlines();
                if (closed) {
                    // Closed while starting: close() may have looked before this call was listed.
                    call.closed();
                }
            }
        };
    }

    /** Sends a notification (after the session is ready). */
    public Mono<Void> notify(String method, JsonNode params) {
        return lifecycle.ready().then(Mono.defer(() -> lifecycle.send(new JsonRpcNotification(method, params))));
    }

    /** Sends a lifecycle notification ({@code notifications/initialized}) without waiting for readiness. */
    public Mono<Void> notifyNow(String method, JsonNode params) {
        return Mono.defer(() -> transport.send(new JsonRpcNotification(method, params)));
    }

    // ------------------------------------------------------------------ what a PendingCall uses

    SessionLifecycle lifecycle() {
        return lifecycle;
    }

    InboundDispatcher dispatcher() {
        return dispatcher;
    }

    PendingRequests pending() {
        return pending;
    }

    RequestId nextId() {
        return RequestId.of(nextId.getAndIncrement());
    }

    /** Lists a call held until the session is ready (so that its deadline and close reach it). */
    void waitForReady(PendingCall<?> call) {
        waiting.add(call);
    }

    void stopWaiting(PendingCall<?> call) {
        waiting.remove(call);
    }

    void recordFailure(Throwable error) {
        if (!(error instanceof McpCapabilityException)) {
            lastFailure = new Failure(error, java.time.Instant.now());
        }
    }

    /** Tells the server to stop working on a call it received (never for {@code initialize}). */
    void cancelOnServer(PendingCall<?> call, String reason) {
        RequestId id = call.id();
        if (call.lifecycle() || !call.sent() || id == null) {
            return;
        }
        ObjectNode params = McpJson.mapper().createObjectNode();
        if (id.value() instanceof Long l) {
            params.put("requestId", l);
        } else {
            params.put("requestId", (String) id.value());
        }
        params.put("reason", reason);
        transport.send(new JsonRpcNotification("notifications/cancelled", params))
                .subscribe(null, e -> log.debug("Could not send notifications/cancelled for {}: {}", id, e.toString()));
    }

    // ------------------------------------------------------------------ deadlines

    /**
     * Makes sure the sweep runs while calls are open. A sweep every {@link #DEADLINE_TICK} checks
     * every open call's deadline, instead of a timer per call: setting and cancelling a timer on a
     * {@code ScheduledThreadPoolExecutor} for each call costs more than the call's own bookkeeping,
     * and a deadline here is a field that progress can move. A call times out at most one tick late,
     * never early.
     */
    private void watchDeadlines() {
        if (!sweeping.get() && sweeping.compareAndSet(false, true)) {
            scheduleSweep();
        }
    }

    private void scheduleSweep() {
        try {
            Schedulers.parallel().schedule(this::sweep, DEADLINE_TICK.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            sweeping.set(false);
            log.warn("Cannot watch call deadlines: Reactor's parallel scheduler is shut down");
        }
    }

    private void sweep() {
        long now = System.nanoTime();
        try {
            pending.forEach(call -> call.checkDeadline(now));
            waiting.forEach(call -> call.checkDeadline(now));
        } catch (RuntimeException e) {
            log.warn("Checking call deadlines failed", e);
        }
        if (!pending.isEmpty() || !waiting.isEmpty()) {
            scheduleSweep();
            return;
        }
        sweeping.set(false);
        // A call listed after the check above saw the sweep still running and did not start one.
        if ((!pending.isEmpty() || !waiting.isEmpty()) && sweeping.compareAndSet(false, true)) {
            scheduleSweep();
        }
    }

    /** Every inbound message, from any stream. Runs on I/O threads: fast, never blocks, never throws. */
    private void receive(JsonRpcMessage message) {
        try {
            if (message instanceof JsonRpcResponse response) {
                pending.complete(response);
            } else if (message instanceof JsonRpcRequest request) {
                dispatcher.onRequest(request, this::respond);
            } else if (message instanceof JsonRpcNotification notification) {
                dispatcher.onNotification(notification);
            }
        } catch (RuntimeException e) {
            log.error("Failed to handle inbound message {}", message, e);
        }
    }

    /**
     * The transport lost what would carry the responses of the requests sent so far (a process
     * exited, a stream ended): every request waiting for its response fails with {@code cause} now.
     */
    private void connectionLost(Throwable cause) {
        int failed = pending.failAll(cause);
        log.debug("Connection lost; failed {} pending request(s): {}", failed, cause.toString());
    }

    private void respond(JsonRpcResponse response) {
        transport.send(response).subscribe(null,
                e -> log.warn("Could not send the response to the server's request {}: {}", response.id(), e.toString()));
    }

    /** Fails every call that has not settled with a closed-client error; later calls fail the same way. */
    public void close() {
        closed = true;
        pending.forEach(PendingCall::closed);
        waiting.forEach(PendingCall::closed);
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed;
    }

    /** How many requests wait for their response. */
    public int pendingRequests() {
        return pending.size();
    }

    /** How many responses were dropped because no request waited for them (late, duplicate, unknown id). */
    public long droppedResponses() {
        return pending.droppedResponses();
    }

    /** The last call that failed for a reason other than the server's JSON-RPC error, or {@code null}. */
    public Failure lastFailure() {
        return lastFailure;
    }

    /**
     * A failure and when it happened.
     *
     * @param error the failure
     * @param at when
     */
    public record Failure(Throwable error, java.time.Instant at) {
    }
}
