package dev.mcpclient.internal.session;

import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcNotification;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.CancelledNotification;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.McpMethods;
import dev.mcpclient.schema.ProgressNotification;
import dev.mcpclient.transport.McpTransport;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the calls of one session share, and all a {@link PendingCall} uses of its session: the
 * lifecycle's gate and way out, the list of open calls, the routes of progress notifications, and
 * the way to tell the server a call was cancelled.
 */
final class CallContext {

    private static final Logger log = LoggerFactory.getLogger(CallContext.class);

    private final SessionLifecycle lifecycle;
    private final SessionLifecycle.Handshake handshake;
    private final OpenCalls calls;
    private final InboundDispatcher inbound;
    private final McpTransport transport;

    CallContext(SessionLifecycle lifecycle, SessionLifecycle.Handshake handshake, OpenCalls calls,
            InboundDispatcher inbound, McpTransport transport) {
        this.lifecycle = lifecycle;
        this.handshake = handshake;
        this.calls = calls;
        this.inbound = inbound;
        this.transport = transport;
    }

    /** Whether ordinary requests may go out now (the fast path: no waiting). */
    boolean isReady() {
        return lifecycle.isReady();
    }

    /** Completes when ordinary requests may go out, starting the session if there is none. */
    Mono<Void> ready() {
        return lifecycle.ready(handshake);
    }

    /** Sends a request the way the era sends (recovering from an expired session where it can). */
    Mono<Void> send(JsonRpcMessage message, Map<String, String> parameterHeaders) {
        return lifecycle.send(message, parameterHeaders, handshake);
    }

    /**
     * How a request whose send failed may go once more: completes when it may, or {@code null} when
     * the failure stands ({@link SessionLifecycle#recover}).
     */
    Mono<Void> recover(Throwable sendError) {
        return lifecycle.recover(sendError, handshake);
    }

    /** What every request carries in {@code _meta} for the era (shared, read-only), or {@code null}. */
    ObjectNode requestMeta() {
        return lifecycle.requestMeta();
    }

    /** The session's open calls. */
    OpenCalls calls() {
        return calls;
    }

    /**
     * Hands the progress notifications of {@code token} to {@code listener} (in order, off the I/O
     * threads) and runs {@code onArrival} (if not {@code null}) as each arrives, until disposed.
     */
    Disposable routeProgress(RequestId token, Consumer<ProgressNotification> listener, Runnable onArrival) {
        return inbound.onProgress(token.value(), listener, onArrival);
    }

    /** Runs {@code task} after the notification listeners already scheduled (progress included), in their order. */
    void afterNotifications(Runnable task) {
        inbound.afterNotifications(task);
    }

    /**
     * Tells the server to stop working on request {@code id}; a failure to say so is only logged. Not
     * sent where closing the request's stream (which the cancelled send did) is the cancellation.
     */
    void cancelOnServer(RequestId id, String reason) {
        if (transport.cancelsByClosingStream()) {
            return;
        }
        JsonRpcNotification cancelled = new JsonRpcNotification(McpMethods.NOTIFICATION_CANCELLED,
                McpJson.toTree(new CancelledNotification(id.value(), reason)));
        transport.send(cancelled)
                .subscribe(null, e -> log.debug("Could not send notifications/cancelled for {}: {}", id, e.toString()));
    }
}
