package dev.mcpclient;

import dev.mcpclient.jsonrpc.JsonRpcNotification;
import dev.mcpclient.schema.ElicitationCompleteNotification;
import dev.mcpclient.schema.LoggingMessageNotification;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.McpMethods;
import dev.mcpclient.schema.ResourceUpdatedNotification;
import dev.mcpclient.internal.session.InboundDispatcher;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;

/**
 * What the client does with the server's notifications: list changes drop the matching cache and,
 * when listeners exist, fetch the list again at once and hand it to them; resource updates, log
 * messages and elicitation completions go to the listeners; log messages also go to the SLF4J logger
 * {@code dev.mcpclient.server.<server name>}.
 *
 * <p>A list change drops its cache on arrival (on the receiving thread, without blocking); the rest
 * runs on the dispatcher's notification thread (never an I/O thread), one notification at a time, in
 * arrival order.
 */
final class ServerNotifications {

    /** The prefix of the loggers that receive the servers' log messages. */
    static final String LOGGER_PREFIX = "dev.mcpclient.server.";

    private static final Logger log = LoggerFactory.getLogger(ServerNotifications.class);

    private final List<McpClientListener> listeners;
    private final InboundDispatcher dispatcher;
    private final Supplier<String> serverName;

    ServerNotifications(List<McpClientListener> listeners, InboundDispatcher dispatcher, Supplier<String> serverName) {
        this.listeners = List.copyOf(listeners);
        this.dispatcher = dispatcher;
        this.serverName = serverName;
    }

    /** Registers the handling of every server notification; {@code client} refreshes the lists. */
    void registerOn(DefaultReactiveMcpClient client) {
        onListChanged(McpMethods.NOTIFICATION_TOOLS_LIST_CHANGED, client.toolsCache(),
                () -> client.listTools(CallOptions.defaults()).map(r -> r.tools()), McpClientListener::onToolsListChanged);
        onListChanged(McpMethods.NOTIFICATION_RESOURCES_LIST_CHANGED, client.resourcesCache(),
                () -> client.listResources(CallOptions.defaults()).map(r -> r.resources()),
                McpClientListener::onResourcesListChanged);
        onListChanged(McpMethods.NOTIFICATION_PROMPTS_LIST_CHANGED, client.promptsCache(),
                () -> client.listPrompts(CallOptions.defaults()).map(r -> r.prompts()),
                McpClientListener::onPromptsListChanged);
        dispatcher.onNotification(McpMethods.NOTIFICATION_RESOURCES_UPDATED, typed(ResourceUpdatedNotification.class,
                n -> each(l -> l.onResourceUpdated(n))));
        dispatcher.onNotification(McpMethods.NOTIFICATION_MESSAGE, typed(LoggingMessageNotification.class, m -> {
            logToSlf4j(m);
            each(l -> l.onLoggingMessage(m));
        }));
        dispatcher.onNotification(McpMethods.NOTIFICATION_ELICITATION_COMPLETE,
                typed(ElicitationCompleteNotification.class, n -> each(l -> l.onElicitationComplete(n))));
    }

    private <T> void onListChanged(String method, ListCache<?> cache, Supplier<Mono<List<T>>> fetch,
            BiConsumer<McpClientListener, List<T>> deliver) {
        // On arrival, on the receiving thread: a listing made after the notification was received is fresh.
        dispatcher.onNotificationArrival(method, notification -> {
            long generation = cache.invalidate();
            if (listeners.isEmpty()) {
                return; // fetched again on the next listing
            }
            fetch.get().subscribe(list -> {
                // Only the newest refresh is delivered: a later list_changed supersedes this one.
                if (cache.generation() == generation) {
                    dispatcher.runListener(() -> each(l -> deliver.accept(l, list)), "Delivering " + method);
                }
            }, e -> {
                if (e instanceof McpClientClosedException) {
                    log.debug("The client closed before the list was fetched again after {}", method);
                } else {
                    log.warn("Could not fetch the list again after {} from {}: {}", method, serverName.get(), e.toString());
                }
            });
        });
    }

    private void each(Consumer<McpClientListener> call) {
        for (McpClientListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                log.warn("An MCP client listener of {} failed", serverName.get(), e);
            }
        }
    }

    private static <T> Consumer<JsonRpcNotification> typed(Class<T> type, Consumer<T> handler) {
        return notification -> {
            T value;
            try {
                value = McpJson.fromTree(notification.params() == null ? McpJson.mapper().createObjectNode()
                        : notification.params(), type);
            } catch (RuntimeException e) {
                log.debug("Ignoring a malformed {}: {}", notification.method(), e.toString());
                return;
            }
            handler.accept(value);
        };
    }

    /** The server's log message, at the matching SLF4J level, on the server's logger. */
    private void logToSlf4j(LoggingMessageNotification message) {
        Logger logger = LoggerFactory.getLogger(LOGGER_PREFIX + serverName.get());
        String data = message.data() == null ? "" : message.data().isString() ? message.data().asString()
                : message.data().toString();
        String text = message.logger() == null ? data : "[" + message.logger() + "] " + data;
        switch (message.level() == null ? dev.mcpclient.schema.LoggingLevel.INFO : message.level()) {
            case DEBUG:
                logger.debug("{}", text);
                break;
            case INFO:
            case NOTICE:
                logger.info("{}", text);
                break;
            case WARNING:
                logger.warn("{}", text);
                break;
            default:
                logger.error("{}", text);
                break;
        }
    }
}
