package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientClosedException;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.transport.http.ReconnectPolicy;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import reactor.core.Disposable;
import reactor.core.Disposables;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;

/**
 * Connects every client when the application starts and closes them when it stops.
 *
 * <p>A {@code required} server is connected before startup goes on (it fails the startup when it
 * cannot be); every other one is connected in the background, retried with backoff until it is
 * up, so startup never waits for it. A call made before its session is ready waits for it within
 * the call's timeout.
 *
 * <p>Stopping closes every client at once: pending calls fail, each session ends with an HTTP
 * {@code DELETE}. It runs in a late phase, after the web server stopped taking requests, so requests
 * in progress can still use the clients.
 */
public class McpClientLifecycle implements SmartLifecycle {

    /** The phase: after (started before, stopped after) the web server's graceful shutdown and stop. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Logger log = LoggerFactory.getLogger(McpClientLifecycle.class);

    private final McpClientRegistry registry;
    private final McpServers servers;
    private final Disposable.Composite connecting = Disposables.composite();
    private final AtomicBoolean running = new AtomicBoolean();

    /**
     * @param registry the clients to connect and close
     * @param servers their settings: which are required, how they are shown, how often connecting is
     *     retried (a client of a server without settings is connected in the background with the
     *     default {@link ReconnectPolicy})
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
        registry.clients().forEach((name, client) -> servers.find(name).filter(McpServerSettings::required)
                .ifPresent(server -> required.add(connectNow(server, client))));
        // The required servers first, all at once: when one fails, startup fails and nothing was left running.
        if (!required.isEmpty()) {
            Flux.merge(required).then().block();
        }
        registry.clients().forEach((name, client) -> {
            Optional<McpServerSettings> server = servers.find(name);
            if (server.isEmpty() || !server.get().required()) {
                connecting.add(connectInBackground(name, server, client));
            }
        });
        running.set(true);
    }

    private Mono<InitializeResult> connectNow(McpServerSettings server, McpClient client) {
        return client.reactive().initialize()
                .doOnNext(result -> log.info("Connected to MCP server '{}' at {} ({})", server.name(),
                        server.displayUrl(), describe(result)))
                .onErrorMap(e -> new McpServerUnavailableException(server.name(), server.displayUrl(),
                        server.redact(e.getMessage()), e));
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
                .subscribe(result -> log.info("Connected to MCP server '{}' at {} ({})", name, url, describe(result)),
                        e -> log.debug("Stopped connecting to MCP server '{}': {}", name, redact.apply(e.toString())));
    }

    private static String describe(InitializeResult result) {
        String server = result.serverInfo() == null ? "an unnamed server"
                : result.serverInfo().name() + " " + result.serverInfo().version();
        return server + ", protocol " + result.protocolVersion();
    }

    @Override
    public void stop() {
        closeAll().block();
    }

    @Override
    public void stop(Runnable callback) {
        closeAll().doFinally(signal -> callback.run()).subscribe();
    }

    /** Stops connecting and closes every client at once; each close is bounded by its close timeout. */
    private Mono<Void> closeAll() {
        return Mono.defer(() -> {
            connecting.dispose();
            return Flux.fromIterable(registry.clients().entrySet()).flatMap(this::close).then();
        }).doFinally(signal -> running.set(false));
    }

    private Mono<Void> close(Map.Entry<String, McpClient> client) {
        return client.getValue().reactive().closeGracefully()
                .doOnSuccess(done -> log.debug("Closed the MCP client of '{}'", client.getKey()))
                .onErrorResume(e -> {
                    log.warn("Closing the MCP client of '{}' failed: {}", client.getKey(), e.toString());
                    return Mono.empty();
                });
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
