package dev.mcpclient.internal.session;

import dev.mcpclient.McpErrorException;
import dev.mcpclient.jsonrpc.JsonRpcError;
import dev.mcpclient.jsonrpc.JsonRpcNotification;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.McpMethods;
import dev.mcpclient.schema.ProgressNotification;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * Handles what the server sends on its own initiative: requests (answered through the session) and
 * notifications (one handler per method, and the progress of each call).
 *
 * <p>Request handlers and notification handlers are user code that may block, so they run on a
 * scheduler for blocking work, never on an I/O thread. Notification handlers and progress listeners
 * run one at a time, in arrival order; the work waiting for them is counted in the session's
 * {@link InboundBacklog}, which makes the transport stop reading while too much waits, and past whose
 * hard limit notifications are dropped (logged once).
 */
public final class InboundDispatcher {

    private static final Logger log = LoggerFactory.getLogger(InboundDispatcher.class);

    private final Map<String, Function<JsonRpcRequest, Mono<JsonNode>>> requestHandlers = new ConcurrentHashMap<>();
    private final Map<String, Consumer<JsonRpcNotification>> handlers = new ConcurrentHashMap<>();
    private final Map<String, Consumer<JsonRpcNotification>> arrivalHooks = new ConcurrentHashMap<>();
    private final Map<Object, ProgressRoute> progressRoutes = new ConcurrentHashMap<>();
    private final Scheduler handlerScheduler;
    /** What runs in arrival order, one task at a time: notification handlers, progress listeners, deliveries after them. */
    private final Queue<Runnable> inOrder = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inOrderWip = new AtomicInteger();
    /** What waits to be handled: notification work here, the server's requests in the session's answering. */
    private final InboundBacklog backlog = new InboundBacklog();
    private final AtomicBoolean droppingLogged = new AtomicBoolean();
    private final LongAdder dropped = new LongAdder();
    private volatile boolean disposed;

    /** A dispatcher that runs handlers on Reactor's bounded elastic scheduler. */
    public InboundDispatcher() {
        this(Schedulers.boundedElastic());
    }

    /** A dispatcher that runs handlers on the given scheduler. */
    public InboundDispatcher(Scheduler handlerScheduler) {
        this.handlerScheduler = handlerScheduler;
    }

    /** Answers the server's requests for {@code method}; the handler may block. */
    public void onRequest(String method, Function<JsonRpcRequest, Mono<JsonNode>> handler) {
        requestHandlers.put(method, Objects.requireNonNull(handler, "handler"));
    }

    /** Handles the server's notifications of {@code method}, in arrival order; the handler may block. */
    public void onNotification(String method, Consumer<JsonRpcNotification> handler) {
        handlers.put(method, Objects.requireNonNull(handler, "handler"));
    }

    /**
     * Runs {@code hook} on the receiving thread as each notification of {@code method} arrives, before
     * any handler is scheduled: for the client's own bookkeeping (dropping a cache), which must be
     * fast and never block.
     */
    public void onNotificationArrival(String method, Consumer<JsonRpcNotification> hook) {
        arrivalHooks.put(method, Objects.requireNonNull(hook, "hook"));
    }

    /**
     * Hands every {@code notifications/progress} whose token equals {@code progressToken} to
     * {@code listener} (in arrival order, off the I/O threads), and runs {@code onArrival} (if not
     * {@code null}) on the receiving thread as each arrives, until the returned handle is disposed.
     * {@code onArrival} must be fast and never block.
     */
    public Disposable onProgress(Object progressToken, Consumer<ProgressNotification> listener, Runnable onArrival) {
        ProgressRoute route = new ProgressRoute(Objects.requireNonNull(listener, "listener"), onArrival);
        progressRoutes.put(Objects.requireNonNull(progressToken, "progressToken"), route);
        return () -> progressRoutes.remove(progressToken, route);
    }

    /**
     * Runs {@code task} after every notification handler and progress listener already scheduled, in
     * their order, off the I/O threads: for work that must keep their order (a call's outcome after
     * its progress). It runs even once the dispatcher is disposed.
     */
    public void afterNotifications(Runnable task) {
        backlog.notifications.force();
        inOrder(task, "A task after the notifications");
    }

    /**
     * Runs {@code listener}, user code, in arrival order with the notification handlers: like them, it
     * is skipped once the dispatcher is disposed (the client closed).
     */
    public void runListener(Runnable listener, String what) {
        backlog.notifications.force();
        listen(listener, what);
    }

    /** Like {@link #runListener}, for work already counted in the backlog. */
    private void listen(Runnable listener, String what) {
        inOrder(() -> {
            if (!disposed) {
                listener.run();
            }
        }, what);
    }

    /** The session's count of what waits to be handled; its flow tells the transport when to stop reading. */
    InboundBacklog backlog() {
        return backlog;
    }

    /** Whether a handler answers the server's requests for {@code method}. */
    public boolean handles(String method) {
        return requestHandlers.containsKey(method);
    }

    /**
     * The client's answer to {@code request}, from the handler registered for its method (run on the
     * handler scheduler): its result, or an error response (the handler failed, or there is none:
     * {@code -32601}). Used for the server's requests of the handshake era and for the input requests
     * of a modern {@code InputRequiredResult} alike.
     */
    public Mono<JsonRpcResponse> answer(JsonRpcRequest request) {
        Function<JsonRpcRequest, Mono<JsonNode>> handler = requestHandlers.get(request.method());
        if (handler == null) {
            log.debug("The server sent a request this client does not handle: {}", request.method());
            return Mono.just(JsonRpcResponse.error(request.id(),
                    new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, "Method not found: " + request.method(), null)));
        }
        return Mono.defer(() -> handler.apply(request))
                .subscribeOn(handlerScheduler)
                .map(result -> JsonRpcResponse.result(request.id(), result))
                .defaultIfEmpty(JsonRpcResponse.result(request.id(), McpJson.mapper().createObjectNode()))
                .onErrorResume(e -> Mono.just(JsonRpcResponse.error(request.id(), toError(request, e))));
    }

    void onNotification(JsonRpcNotification notification) {
        Consumer<JsonRpcNotification> hook = arrivalHooks.get(notification.method());
        if (hook != null) {
            try {
                hook.accept(notification);
            } catch (RuntimeException e) {
                log.warn("Handling {} failed", notification.method(), e);
            }
        }
        Consumer<JsonRpcNotification> handler = handlers.get(notification.method());
        if (handler != null) {
            if (room(notification)) {
                listen(() -> handler.accept(notification), "The handler of " + notification.method());
            }
        } else if (!routeProgress(notification) && hook == null) {
            log.debug("No handler for the server's notification {}", notification.method());
        }
    }

    /** Counts the work of {@code notification} in the backlog; false (dropped, logged once) past its hard limit. */
    private boolean room(JsonRpcNotification notification) {
        if (backlog.notifications.add()) {
            return true;
        }
        dropped.increment();
        if (droppingLogged.compareAndSet(false, true)) {
            log.warn("Dropping the server's notifications (first: {}): {} wait to be handled already, as the server "
                    + "sends them faster than their handlers take them and its transport does not stop reading; "
                    + "this is logged once", notification.method(), InboundBacklog.NOTIFICATIONS_HARD_LIMIT);
        } else {
            log.debug("Dropped the server's notification {}: too many wait to be handled", notification.method());
        }
        return false;
    }

    /** How many of the server's notifications were dropped because too many waited to be handled. */
    long droppedNotifications() {
        return dropped.sum();
    }

    /** Hands a progress notification to the listener of its token's call; whether there was one. */
    private boolean routeProgress(JsonRpcNotification notification) {
        if (!McpMethods.NOTIFICATION_PROGRESS.equals(notification.method()) || progressRoutes.isEmpty()
                || notification.params() == null) {
            return false;
        }
        ProgressNotification progress;
        try {
            progress = McpJson.fromTree(notification.params(), ProgressNotification.class);
        } catch (RuntimeException e) {
            log.debug("Ignoring a malformed progress notification: {}", e.toString());
            return false;
        }
        ProgressRoute route = progress.progressToken() == null ? null : progressRoutes.get(progress.progressToken());
        if (route == null) {
            return false;
        }
        if (route.onArrival() != null) {
            route.onArrival().run();
        }
        if (room(notification)) {
            listen(() -> route.listener().accept(progress), "A progress listener");
        }
        return true;
    }

    /**
     * Runs {@code task} after every task given before, one at a time, on the handler scheduler (on
     * this thread when that is shut down); what it throws is logged.
     */
    private void inOrder(Runnable task, String what) {
        inOrder.offer(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("{} failed", what, e);
            }
        });
        if (inOrderWip.getAndIncrement() != 0) {
            return; // a drain is running and will take it
        }
        try {
            handlerScheduler.schedule(this::drainInOrder);
        } catch (RejectedExecutionException e) {
            drainInOrder();
        }
    }

    private void drainInOrder() {
        int missed = 1;
        do {
            for (Runnable task = inOrder.poll(); task != null; task = inOrder.poll()) {
                task.run();
                backlog.notifications.remove();
            }
            missed = inOrderWip.addAndGet(-missed);
        } while (missed != 0);
    }

    /** Stops handling notifications and progress (a call's outcome is still delivered). */
    public void dispose() {
        disposed = true;
    }

    /** Where one call's progress goes. */
    private record ProgressRoute(Consumer<ProgressNotification> listener, Runnable onArrival) {
    }

    private static JsonRpcError toError(JsonRpcRequest request, Throwable e) {
        if (e instanceof McpErrorException error) {
            return error.error();
        }
        log.warn("The handler for the server's {} request failed", request.method(), e);
        return new JsonRpcError(JsonRpcError.INTERNAL_ERROR, String.valueOf(e.getMessage()), null);
    }
}
