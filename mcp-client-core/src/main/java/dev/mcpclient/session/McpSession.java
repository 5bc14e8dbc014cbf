package dev.mcpclient.session;

import dev.mcpclient.McpCapabilityException;
import dev.mcpclient.McpClientClosedException;
import dev.mcpclient.McpErrorException;
import dev.mcpclient.McpTimeoutException;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcNotification;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.ProgressNotification;
import dev.mcpclient.transport.McpTransport;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One JSON-RPC session with an MCP server: the call path of every request, and the routing of every
 * inbound message.
 *
 * <p>A request settles on the first of: its routed response (from any stream), its send failing,
 * its timeout, the caller's cancellation, or the session closing. The response winning cancels what
 * remains of that request's send and nothing else; a send that completes normally settles nothing.
 * The pending entry is registered before any I/O and removed exactly once.
 */
public final class McpSession {

    private static final Logger log = LoggerFactory.getLogger(McpSession.class);

    private final McpTransport transport;
    private final Duration defaultTimeout;
    private final PendingRequests pending = new PendingRequests();
    private final InboundDispatcher dispatcher;
    private final AtomicLong nextId = new AtomicLong(1);
    private final Sinks.Empty<Void> closed = Sinks.empty();
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
     * answers with an error.
     */
    public Mono<JsonNode> request(String method, JsonNode params, RequestOptions options) {
        return call(method, params, options).flatMap(response -> response.isError()
                ? Mono.error(new McpErrorException(method, response.error()))
                : Mono.just(response.result()));
    }

    /** Sends a notification (after the session is ready). */
    public Mono<Void> notify(String method, JsonNode params) {
        return lifecycle.ready().then(Mono.defer(() -> lifecycle.send(new JsonRpcNotification(method, params))));
    }

    /** Sends a lifecycle notification ({@code notifications/initialized}) without waiting for readiness. */
    public Mono<Void> notifyNow(String method, JsonNode params) {
        return Mono.defer(() -> transport.send(new JsonRpcNotification(method, params)));
    }

    private Mono<JsonRpcResponse> call(String method, JsonNode params, RequestOptions options) {
        Duration timeout = options.timeout() != null ? options.timeout() : defaultTimeout;
        Duration maxTotal = options.maxTotalTimeout();
        return Mono.defer(() -> {
            if (isClosed()) {
                return Mono.error(new McpClientClosedException("the client is closed; " + method + " was not sent"));
            }
            Call call = new Call(method, options, timeout);
            Mono<Void> gate = options.lifecycle() ? Mono.empty() : lifecycle.ready();
            Mono<Void> guarded = options.guard() == null ? gate : gate.then(Mono.fromRunnable(options.guard()));
            Mono<JsonRpcResponse> exchange = guarded.then(Mono.defer(() -> exchange(call, params)));
            Mono<JsonRpcResponse> closing = closed.asMono()
                    .then(Mono.error(() -> new McpClientClosedException("the client was closed before " + method + " settled")));
            Mono<JsonRpcResponse> settled = maxTotal == null
                    ? Mono.firstWithSignal(exchange, timer(call), closing)
                    : Mono.firstWithSignal(exchange, timer(call), closing, Mono.delay(maxTotal)
                            .then(Mono.error(() -> new McpTimeoutException(method, maxTotal, true))));
            return settled
                    .doOnError(e -> {
                        if (!(e instanceof McpCapabilityException)) {
                            lastFailure = new Failure(e, java.time.Instant.now());
                        }
                    })
                    .doOnError(McpTimeoutException.class, e -> cancelOnServer(call, "timeout"))
                    .doOnCancel(() -> cancelOnServer(call, "cancelled by the caller"));
        });
    }

    /**
     * Fails the call when its deadline passes. Without a maximum total timeout the deadline is fixed;
     * with one, each progress notification of the call moves it (see {@link Call#progressed()}), and
     * the timer, on waking, waits again for whatever is left.
     */
    private Mono<JsonRpcResponse> timer(Call call) {
        return Mono.defer(() -> {
            long left = call.deadline - System.nanoTime();
            if (left <= 0) {
                return Mono.error(new McpTimeoutException(call.method, call.timeout));
            }
            return Mono.delay(Duration.ofNanos(left)).then(timer(call));
        });
    }

    /** Steps 1-4 of the call path: register, send, settle on the first of response or send failure. */
    private Mono<JsonRpcResponse> exchange(Call call, JsonNode params) {
        RequestId id = RequestId.of(nextId.getAndIncrement());
        call.id = id;
        Disposable progress = Disposables.disposed();
        boolean wantsProgress = call.progress != null || call.resetsOnProgress;
        if (wantsProgress) {
            // Routed before any I/O, like the response: the first notification may come at once.
            progress = dispatcher.onProgress(id.value(), call.progress != null ? call.progress : p -> { },
                    call.resetsOnProgress ? call::progressed : null);
        }
        params = withMeta(params, call.meta, wantsProgress ? id : null);
        Disposable progressRoute = progress;
        Mono<JsonRpcResponse> response = pending.register(id);
        Mono<JsonRpcResponse> sendFailure = lifecycle.send(new JsonRpcRequest(id, call.method, params))
                .doOnSubscribe(s -> call.sent = true)
                .then(Mono.never());
        // Removed before the signal travels on (not in doFinally, which runs after it): a caller that
        // sees its call settle never finds it still counted in pendingRequests().
        return Mono.firstWithSignal(response, sendFailure)
                .doOnTerminate(() -> settled(id, progressRoute))
                .doOnCancel(() -> settled(id, progressRoute));
    }

    /** Removes a settled call's pending entry and stops routing its progress. */
    private void settled(RequestId id, Disposable progressRoute) {
        pending.remove(id);
        progressRoute.dispose();
    }

    /**
     * {@code params}, or a copy whose {@code _meta} also holds {@code meta} and, when {@code progressToken}
     * is not {@code null}, {@code progressToken}: the request id, unique among active requests.
     */
    private static JsonNode withMeta(JsonNode params, Map<String, Object> meta, RequestId progressToken) {
        if ((meta == null || meta.isEmpty()) && progressToken == null) {
            return params;
        }
        ObjectNode copy = params instanceof ObjectNode object ? object.deepCopy() : McpJson.mapper().createObjectNode();
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

    private void cancelOnServer(Call call, String reason) {
        if (call.lifecycle || !call.sent || call.id == null) {
            return;
        }
        ObjectNode params = McpJson.mapper().createObjectNode();
        if (call.id.value() instanceof Long l) {
            params.put("requestId", l);
        } else {
            params.put("requestId", (String) call.id.value());
        }
        params.put("reason", reason);
        transport.send(new JsonRpcNotification("notifications/cancelled", params))
                .subscribe(null, e -> log.debug("Could not send notifications/cancelled for {}: {}", call.id, e.toString()));
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
        closed.tryEmitEmpty();
    }

    /** Whether {@link #close()} was called. */
    public boolean isClosed() {
        return closed.scan(reactor.core.Scannable.Attr.TERMINATED) == Boolean.TRUE;
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

    /** The state of one call, written by its own pipeline and read by its cancellation and timer. */
    private static final class Call {
        final String method;
        final boolean lifecycle;
        final Consumer<ProgressNotification> progress;
        final Map<String, Object> meta;
        final Duration timeout;
        final boolean resetsOnProgress;
        volatile long deadline;
        volatile RequestId id;
        volatile boolean sent;

        Call(String method, RequestOptions options, Duration timeout) {
            this.method = method;
            this.lifecycle = options.lifecycle();
            this.progress = options.progress();
            this.meta = options.meta();
            this.timeout = timeout;
            this.resetsOnProgress = options.maxTotalTimeout() != null;
            this.deadline = System.nanoTime() + timeout.toNanos();
        }

        /** A progress notification of this call arrived: its timeout starts again. */
        void progressed() {
            deadline = System.nanoTime() + timeout.toNanos();
        }
    }
}
