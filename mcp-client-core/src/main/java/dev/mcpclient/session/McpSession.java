package dev.mcpclient.session;

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
        return Mono.defer(() -> {
            if (isClosed()) {
                return Mono.error(new McpClientClosedException("the client is closed; " + method + " was not sent"));
            }
            Call call = new Call(method, options.lifecycle(), options.progress());
            Mono<Void> gate = options.lifecycle() ? Mono.empty() : lifecycle.ready();
            Mono<JsonRpcResponse> exchange = gate.then(Mono.defer(() -> exchange(call, params)));
            Mono<JsonRpcResponse> timer = Mono.delay(timeout)
                    .then(Mono.error(() -> new McpTimeoutException(method, timeout)));
            Mono<JsonRpcResponse> closing = closed.asMono()
                    .then(Mono.error(() -> new McpClientClosedException("the client was closed before " + method + " settled")));
            return Mono.firstWithSignal(exchange, timer, closing)
                    .doOnError(e -> lastFailure = new Failure(e, java.time.Instant.now()))
                    .doOnError(McpTimeoutException.class, e -> cancelOnServer(call, "timeout"))
                    .doOnCancel(() -> cancelOnServer(call, "cancelled by the caller"));
        });
    }

    /** Steps 1-4 of the call path: register, send, settle on the first of response or send failure. */
    private Mono<JsonRpcResponse> exchange(Call call, JsonNode params) {
        RequestId id = RequestId.of(nextId.getAndIncrement());
        call.id = id;
        Disposable progress = Disposables.disposed();
        if (call.progress != null) {
            // Routed before any I/O, like the response: the first notification may come at once.
            progress = dispatcher.onProgress(id.value(), call.progress);
            params = withProgressToken(params, id);
        }
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

    /** A copy of {@code params} whose {@code _meta.progressToken} is the request id: unique among active requests. */
    private static JsonNode withProgressToken(JsonNode params, RequestId id) {
        ObjectNode copy = params instanceof ObjectNode object ? object.deepCopy() : McpJson.mapper().createObjectNode();
        ObjectNode meta = copy.get("_meta") instanceof ObjectNode existing ? existing : copy.putObject("_meta");
        if (id.value() instanceof Long l) {
            meta.put("progressToken", l);
        } else {
            meta.put("progressToken", (String) id.value());
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

    /** The state of one call, written by its own pipeline and read by its cancellation. */
    private static final class Call {
        final String method;
        final boolean lifecycle;
        final Consumer<ProgressNotification> progress;
        volatile RequestId id;
        volatile boolean sent;

        Call(String method, boolean lifecycle, Consumer<ProgressNotification> progress) {
            this.method = method;
            this.lifecycle = lifecycle;
            this.progress = progress;
        }
    }
}
