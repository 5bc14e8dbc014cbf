package dev.mcpclient.internal.session;

import dev.mcpclient.McpErrorException;
import dev.mcpclient.jsonrpc.JsonRpcError;
import dev.mcpclient.jsonrpc.JsonRpcNotification;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.McpMethods;
import dev.mcpclient.schema.ProgressNotification;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
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
 * notifications (handed to listeners).
 *
 * <p>{@code ping} is answered at once. Other request handlers and all listeners are user code that
 * may block, so they run on a scheduler for blocking work, never on an I/O thread.
 */
public final class InboundDispatcher {

    private static final Logger log = LoggerFactory.getLogger(InboundDispatcher.class);

    private final Map<String, Function<JsonRpcRequest, Mono<JsonNode>>> requestHandlers = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<JsonRpcNotification>>> listeners = new ConcurrentHashMap<>();
    private final Map<String, List<Consumer<JsonRpcNotification>>> arrivalHooks = new ConcurrentHashMap<>();
    private final Map<Object, ProgressRoute> progressListeners = new ConcurrentHashMap<>();
    private final Scheduler handlerScheduler;
    private final Scheduler.Worker notificationWorker;

    /** A dispatcher that runs handlers on Reactor's bounded elastic scheduler. */
    public InboundDispatcher() {
        this(Schedulers.boundedElastic());
    }

    /** A dispatcher that runs handlers and listeners on the given scheduler. */
    public InboundDispatcher(Scheduler handlerScheduler) {
        this.handlerScheduler = handlerScheduler;
        this.notificationWorker = handlerScheduler.createWorker();
    }

    /** Answers the server's requests for {@code method}; the handler may block. */
    public void onRequest(String method, Function<JsonRpcRequest, Mono<JsonNode>> handler) {
        requestHandlers.put(method, handler);
    }

    /** Adds a listener for the server's notifications of {@code method}; it may block. */
    public void onNotification(String method, Consumer<JsonRpcNotification> listener) {
        listeners.computeIfAbsent(method, m -> new CopyOnWriteArrayList<>()).add(listener);
    }

    /**
     * Runs {@code hook} on the receiving thread as each notification of {@code method} arrives, before
     * any listener is scheduled: for the client's own bookkeeping (dropping a cache), which must be
     * fast and never block.
     */
    public void onNotificationArrival(String method, Consumer<JsonRpcNotification> hook) {
        arrivalHooks.computeIfAbsent(method, m -> new CopyOnWriteArrayList<>()).add(hook);
    }

    /**
     * Hands every {@code notifications/progress} whose token equals {@code progressToken} to
     * {@code listener} (in arrival order, off the I/O threads) until the returned handle is disposed.
     */
    public Disposable onProgress(Object progressToken, Consumer<ProgressNotification> listener) {
        return onProgress(progressToken, listener, null);
    }

    /**
     * As {@link #onProgress(Object, Consumer)}, and runs {@code onArrival} (if not {@code null}) on the
     * receiving thread as each notification arrives, before the listener: it must be fast and never block.
     */
    public Disposable onProgress(Object progressToken, Consumer<ProgressNotification> listener, Runnable onArrival) {
        ProgressRoute route = new ProgressRoute(Objects.requireNonNull(listener, "listener"), onArrival);
        progressListeners.put(Objects.requireNonNull(progressToken, "progressToken"), route);
        return () -> progressListeners.remove(progressToken, route);
    }

    /**
     * Runs {@code task} after every notification listener already scheduled, on the same thread as
     * the listeners: for work that must keep their order (e.g. delivering a refreshed list).
     */
    public void runInOrder(Runnable task) {
        try {
            notificationWorker.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.warn("A listener task failed", e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("Not run: the dispatcher is disposed (the client is closed)");
        }
    }

    /** Whether a handler answers {@code method}. */
    public boolean handles(String method) {
        return requestHandlers.containsKey(method);
    }

    void onRequest(JsonRpcRequest request, Consumer<JsonRpcResponse> reply) {
        if ("ping".equals(request.method())) {
            reply.accept(JsonRpcResponse.result(request.id(), McpJson.mapper().createObjectNode()));
            return;
        }
        Function<JsonRpcRequest, Mono<JsonNode>> handler = requestHandlers.get(request.method());
        if (handler == null) {
            log.debug("The server sent a request this client does not handle: {}", request.method());
            reply.accept(JsonRpcResponse.error(request.id(),
                    new JsonRpcError(JsonRpcError.METHOD_NOT_FOUND, "Method not found: " + request.method(), null)));
            return;
        }
        Mono.defer(() -> handler.apply(request))
                .subscribeOn(handlerScheduler)
                .map(result -> JsonRpcResponse.result(request.id(), result))
                .defaultIfEmpty(JsonRpcResponse.result(request.id(), McpJson.mapper().createObjectNode()))
                .onErrorResume(e -> Mono.just(JsonRpcResponse.error(request.id(), toError(request, e))))
                .subscribe(reply);
    }

    void onNotification(JsonRpcNotification notification) {
        List<Consumer<JsonRpcNotification>> hooks = arrivalHooks.get(notification.method());
        if (hooks != null) {
            for (Consumer<JsonRpcNotification> hook : hooks) {
                try {
                    hook.accept(notification);
                } catch (RuntimeException e) {
                    log.warn("Handling {} failed", notification.method(), e);
                }
            }
        }
        boolean routed = routeProgress(notification) || hooks != null;
        List<Consumer<JsonRpcNotification>> forMethod = listeners.get(notification.method());
        if (forMethod == null) {
            if (!routed) {
                log.debug("No listener for the server's notification {}", notification.method());
            }
            return;
        }
        for (Consumer<JsonRpcNotification> listener : forMethod) {
            // One worker runs tasks one at a time in order: listeners see notifications in arrival order.
            notificationWorker.schedule(() -> {
                try {
                    listener.accept(notification);
                } catch (RuntimeException e) {
                    log.warn("A listener for {} failed", notification.method(), e);
                }
            });
        }
    }

    /** Hands a progress notification to the listener of its token's request; whether there was one. */
    private boolean routeProgress(JsonRpcNotification notification) {
        if (!McpMethods.NOTIFICATION_PROGRESS.equals(notification.method()) || progressListeners.isEmpty()
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
        ProgressRoute route = progress.progressToken() == null ? null
                : progressListeners.get(progress.progressToken());
        if (route == null) {
            return false;
        }
        if (route.onArrival() != null) {
            route.onArrival().run();
        }
        notificationWorker.schedule(() -> {
            try {
                route.listener().accept(progress);
            } catch (RuntimeException e) {
                log.warn("A progress listener failed", e);
            }
        });
        return true;
    }

    /** Stops delivering notifications. */
    public void dispose() {
        notificationWorker.dispose();
    }

    /** Where one request's progress goes. */
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
