package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientClosedException;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.transport.http.ReconnectPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Connects every client when the application starts, and every client added while it runs; closes
 * them all when it stops.
 *
 * <p>A {@code required} server is connected before startup goes on (it fails the startup when it
 * cannot be); every other one is connected in the background, retried with backoff until it is
 * up, so startup never waits for it. A call made before its session is ready waits for it within
 * the call's timeout. A server added to the {@link McpClientRegistry} later is connected the same way
 * (a {@code required} one was connected by the registry before it was added); connecting a removed
 * one stops.
 *
 * <p>Stopping closes every client at once: pending calls fail, each session ends with an HTTP
 * {@code DELETE}. It runs in a late phase, after the web server stopped taking requests, so requests
 * in progress can still use the clients.
 *
 * @since 0.2.0
 */
public class McpClientLifecycle implements SmartLifecycle {

    /** The phase: after (started before, stopped after) the web server's graceful shutdown and stop. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(McpClientLifecycle.class);

    private final McpClientRegistry registry;
    private final McpServers servers;
    private final Map<McpClient, Disposable> connecting = new ConcurrentHashMap<>();
    private final McpClientRegistry.Listener changes = new McpClientRegistry.Listener() {

        @Override
        public void serverAdded(String server, McpClient client) {
            if (!required(server)) {
                connect(server, client);
            }
        }

        @Override
        public void serverRemoved(String server, McpClient client) {
            Disposable connect = connecting.remove(client);
            if (connect != null) {
                connect.dispose();
            }
        }
    };
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * @param registry the clients to connect and close
     * @param servers the settings of the configured servers, for a registry that has none
     *     ({@link McpClientRegistry#settings}): which are required, how they are shown, how often
     *     connecting is retried (a client of a server without settings is connected in the background
     *     with the default {@link ReconnectPolicy})
     */
    public McpClientLifecycle(McpClientRegistry registry, McpServers servers) {
        this.registry = registry;
        this.servers = servers;
    }

    @Override
    public void start() {
        if (running.get()) {
            return;
        }
        List<Mono<InitializeResult>> required = new ArrayList<>();
        registry.clients().forEach((name, client) -> settings(name).filter(McpServerSettings::required)
                .ifPresent(server -> required.add(McpServerFactory.connect(server, client))));
        // The required servers first, all at once: when one fails, startup fails and nothing was left running.
        if (!required.isEmpty()) {
            Flux.merge(required).then().block();
        }
        // Listening first: a server added meanwhile is in the snapshot, or told, or both (connected once).
        registry.addListener(changes);
        registry.clients().forEach((name, client) -> {
            if (!required(name)) {
                connect(name, client);
            }
        });
        running.set(true);
    }

    private Optional<McpServerSettings> settings(String server) {
        return registry.settings(server).or(() -> servers.find(server));
    }

    private boolean required(String server) {
        return settings(server).map(McpServerSettings::required).orElse(false);
    }

    /** Connects {@code client} in the background, unless that is under way. */
    private void connect(String name, McpClient client) {
        connecting.computeIfAbsent(client, c -> connectInBackground(name, settings(name), c));
    }

    private Disposable connectInBackground(String name, Optional<McpServerSettings> server, McpClient client) {
        String url = server.map(McpServerSettings::displayUrl).orElse("(a URL of the application's own)");
        Function<String, String> redact = text -> server.map(s -> s.redact(text)).orElse(text);
        ReconnectPolicy reconnect = server.map(McpServerSettings::reconnect).orElse(ReconnectPolicy.DEFAULT);
        AtomicBoolean warned = new AtomicBoolean();
        return Mono.defer(() -> client.reactive().initialize())
                .doOnError(e -> {
                    String reason = redact.apply(e.getMessage());
                    if (warned.compareAndSet(false, true)) {
                        log.warn("MCP server '{}' at {} is not reachable yet ({}); retrying in the background", name, url,
                                reason);
                    } else {
                        log.debug("MCP server '{}' at {} is still not reachable: {}", name, url, reason);
                    }
                })
                .retryWhen(Retry.backoff(Long.MAX_VALUE, reconnect.initialDelay())
                        .maxBackoff(reconnect.maxDelay())
                        .filter(e -> !(e instanceof McpClientClosedException)))
                .subscribe(result -> log.info("Connected to MCP server '{}' at {} ({})", name, url,
                                McpServerFactory.describe(result)),
                        e -> log.debug("Stopped connecting to MCP server '{}': {}", name, redact.apply(e.toString())));
    }

    @Override
    public void stop() {
        closeAll().block();
    }

    @Override
    public void stop(Runnable callback) {
        closeAll().doFinally(signal -> callback.run()).subscribe();
    }

    /**
     * Stops connecting and closes every client at once, those being closed after a removal included;
     * each close is bounded by its close timeout.
     */
    private Mono<Void> closeAll() {
        return Mono.defer(() -> {
            registry.removeListener(changes);
            connecting.values().forEach(Disposable::dispose);
            connecting.clear();
            return registry.close();
        }).doFinally(signal -> running.set(false));
    }

    @Override
    public boolean isRunning() {
        return running.get();
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
