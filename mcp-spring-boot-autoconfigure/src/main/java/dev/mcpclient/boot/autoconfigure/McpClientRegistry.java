package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClient;
import dev.mcpclient.ReactiveMcpClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Every server's client, by the server's name: the configured servers in configuration order, then
 * those added since, in the order added. The registry is live: servers can be {@link #add added} and
 * {@link #remove removed} while the application runs, and {@link #refresh()} applies a changed
 * {@code mcp.client} configuration. Each read ({@link #clients()}, {@link #names()}) is a snapshot;
 * every method may be called from any thread.
 *
 * <pre>{@code
 * for (String server : registry.names()) {
 *     registry.client(server).listTools();
 * }
 * }</pre>
 *
 * <p>The health contributor {@code mcp}, the meters and the {@link McpServerAddedEvent} and
 * {@link McpServerRemovedEvent} follow every change. A server added at run time has no beans; one
 * configured at startup keeps its beans even when a refresh removes or replaces it (they then hold
 * its closed client): code that must follow the changes asks the registry each time.
 *
 * @since 0.2.0
 */
public class McpClientRegistry {

    /**
     * Told of every change, in the thread that made it, one change at a time and in order, after the
     * registry shows it. A server replaced by {@link #refresh()} is told as removed (its old client)
     * and then added (its new one). Keep it short: it holds up the next change.
     */
    public interface Listener {

        /** Server {@code server} was added, with this client (connecting in the background, or connected when {@code required}). */
        default void serverAdded(String server, McpClient client) {
        }

        /** Server {@code server} was removed; its client is being closed. */
        default void serverRemoved(String server, McpClient client) {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(McpClientRegistry.class);

    /** One server: its client, its settings ({@code null} when unknown), and whether it is configured. */
    private record Entry(McpClient client, McpServerSettings settings, boolean configured) {
    }

    /** What the registry holds at one moment; replaced as a whole by every change. */
    private record State(Map<String, Entry> entries, Map<String, McpClient> clients) {

        static State of(Map<String, Entry> entries) {
            Map<String, McpClient> clients = new LinkedHashMap<>();
            entries.forEach((name, entry) -> clients.put(name, entry.client()));
            return new State(Collections.unmodifiableMap(new LinkedHashMap<>(entries)),
                    Collections.unmodifiableMap(clients));
        }
    }

    private final McpServerFactory factory;
    private final Object changes = new Object();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private final Set<Mono<Void>> closing = ConcurrentHashMap.newKeySet();
    private volatile State state;
    private boolean closed;

    /**
     * A registry of these clients, by server name. It can {@link #remove} them, but not
     * {@link #add} or {@link #refresh()}: it has no means of building clients.
     */
    public McpClientRegistry(Map<String, ? extends McpClient> clients) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        clients.forEach((name, client) -> entries.put(name, new Entry(client, null, true)));
        this.state = State.of(entries);
        this.factory = null;
    }

    /** The configured servers' clients, with their settings, and the means to add servers. */
    McpClientRegistry(McpServers servers, Map<String, McpClient> clients, McpServerFactory factory) {
        Map<String, Entry> entries = new LinkedHashMap<>();
        clients.forEach((name, client) -> entries.put(name, new Entry(client, servers.find(name).orElse(null), true)));
        this.state = State.of(entries);
        this.factory = factory;
    }

    /** The servers' names, now. */
    public Set<String> names() {
        return state.clients().keySet();
    }

    /** Every client by server name, now. */
    public Map<String, McpClient> clients() {
        return state.clients();
    }

    /** The client of {@code server}, if there is one. */
    public Optional<McpClient> find(String server) {
        return Optional.ofNullable(state.clients().get(server));
    }

    /**
     * The client of {@code server}.
     *
     * @throws NoSuchElementException when there is no such server
     */
    public McpClient client(String server) {
        McpClient client = state.clients().get(server);
        if (client == null) {
            throw new NoSuchElementException("No MCP server named '" + server + "'; there are: " + names()
                    + " (configured under " + McpClientProperties.PREFIX + ".servers, or added at run time)");
        }
        return client;
    }

    /**
     * The reactive client of {@code server}.
     *
     * @throws NoSuchElementException when there is no such server
     */
    public ReactiveMcpClient reactiveClient(String server) {
        return client(server).reactive();
    }

    /** The settings {@code server}'s client was built from, if it was built by the starter. */
    public Optional<McpServerSettings> settings(String server) {
        return Optional.ofNullable(state.entries().get(server)).map(Entry::settings);
    }

    /**
     * Adds server {@code name}: its settings are checked and resolved as a configured server's are
     * (with the defaults {@code mcp.client} has now), and its client is built as theirs are (handlers,
     * listeners, customizers, observations). It is connected in the background, like a configured
     * server that is not required; a {@code required} one is connected before this returns.
     *
     * @return the new client
     * @throws McpClientConfigurationException when the settings are invalid, or a server of that name
     *     exists; nothing was added
     * @throws McpServerUnavailableException when a {@code required} server cannot be connected; nothing
     *     was added
     * @throws IllegalStateException when the application is shutting down, or {@code required} is set
     *     and this is a non-blocking thread (connecting is waited for)
     * @throws UnsupportedOperationException when this registry was built from a fixed set of clients
     */
    public McpClient add(String name, McpServerProperties properties) {
        McpServerFactory factory = factory("add a server");
        absent(state.entries(), name);
        McpServerSettings settings = factory.settings(name, properties);
        McpClient client = factory.client(settings);
        try {
            connectRequired(List.of(settings), Map.of(name, client));
            synchronized (changes) {
                open();
                absent(state.entries(), name);
                Map<String, Entry> entries = new LinkedHashMap<>(state.entries());
                entries.put(name, new Entry(client, settings, false));
                state = State.of(entries);
                added(name, client);
            }
        } catch (RuntimeException e) {
            closeInBackground(name, client);
            throw e;
        }
        log.info("Added MCP server '{}' at {}", name, settings.displayUrl());
        return client;
    }

    /**
     * Removes server {@code server} and closes its client: calls in flight and later calls fail with
     * {@link dev.mcpclient.McpClientClosedException}; the session ends ({@code DELETE}, a process
     * stopped) in the background, bounded by the server's {@code close-timeout}, which this does not
     * wait for.
     *
     * @return whether there was such a server
     */
    public boolean remove(String server) {
        McpClient client;
        synchronized (changes) {
            Entry entry = state.entries().get(server);
            if (entry == null) {
                return false;
            }
            Map<String, Entry> entries = new LinkedHashMap<>(state.entries());
            entries.remove(server);
            state = State.of(entries);
            client = entry.client();
            removed(server, client);
        }
        closeInBackground(server, client);
        log.info("Removed MCP server '{}'", server);
        return true;
    }

    /**
     * Reads {@code mcp.client} from the environment again and applies it to the configured servers: a
     * new server is added, one removed or disabled is removed, one whose {@link McpServerSettings}
     * changed is replaced (its name keeps working: the registry switches to the new client at once,
     * then the old one is closed). Servers added with {@link #add} are left alone. All or nothing:
     * when the configuration is invalid, or a new {@code required} server cannot be connected, nothing
     * changes. A new {@code required} server is connected before anything changes, which holds up
     * other changes meanwhile. With {@code spring-cloud-context}, this runs on every change of
     * {@code mcp.client.*} ({@code EnvironmentChangeEvent}).
     *
     * @return the servers added, replaced or removed
     * @throws McpClientConfigurationException when the configuration is invalid, or names a server added
     *     at run time
     * @throws McpServerUnavailableException when a new {@code required} server cannot be connected
     * @throws UnsupportedOperationException when this registry was built from a fixed set of clients
     */
    public Set<String> refresh() {
        McpServers next = factory("refresh the servers").configured();
        List<Map.Entry<String, McpClient>> retired = new ArrayList<>();
        McpServersDiff diff;
        synchronized (changes) {
            open();
            Map<String, Entry> before = state.entries();
            diff = McpServersDiff.of(configuredSettings(before), next, name -> before.containsKey(name));
            if (diff.isEmpty()) {
                return Set.of();
            }
            Map<String, McpClient> built = new LinkedHashMap<>();
            try {
                diff.build().forEach(settings -> built.put(settings.name(), factory.client(settings)));
                connectRequired(diff.build(), built);
            } catch (RuntimeException e) {
                built.forEach(this::closeInBackground);
                throw e;
            }
            Map<String, Entry> entries = new LinkedHashMap<>(before);
            diff.removed().forEach(entries::remove);
            // A replaced server keeps its place; a new one goes last, in configuration order.
            diff.build().forEach(settings -> entries.put(settings.name(),
                    new Entry(built.get(settings.name()), settings, true)));
            state = State.of(entries);
            for (String name : diff.removed()) {
                retired.add(Map.entry(name, before.get(name).client()));
                removed(name, before.get(name).client());
            }
            for (McpServerSettings settings : diff.build()) {
                Entry old = before.get(settings.name());
                if (old != null) {
                    retired.add(Map.entry(settings.name(), old.client()));
                    removed(settings.name(), old.client());
                }
                added(settings.name(), built.get(settings.name()));
            }
        }
        log.info("Refreshed the MCP servers: {}", diff);
        retired.forEach(entry -> closeInBackground(entry.getKey(), entry.getValue()));
        return diff.names();
    }

    /** The settings of the configured servers among {@code entries}. */
    private static Map<String, McpServerSettings> configuredSettings(Map<String, Entry> entries) {
        Map<String, McpServerSettings> configured = new LinkedHashMap<>();
        entries.forEach((name, entry) -> {
            if (entry.configured()) {
                configured.put(name, entry.settings());
            }
        });
        return configured;
    }

    /** Adds a listener of every change to come. */
    public void addListener(Listener listener) {
        listeners.add(listener);
    }

    /** Removes a listener added with {@link #addListener}. */
    public void removeListener(Listener listener) {
        listeners.remove(listener);
    }

    /**
     * Closes every client, and waits for those being closed after a removal; no server can be added
     * afterwards. Each close is bounded by its server's close timeout; a failure is logged.
     */
    Mono<Void> close() {
        return Mono.defer(() -> {
            Map<String, Entry> entries;
            synchronized (changes) {
                closed = true;
                entries = state.entries();
            }
            return Flux.fromIterable(entries.entrySet()).flatMap(e -> close(e.getKey(), e.getValue().client()))
                    .mergeWith(Flux.fromIterable(closing).flatMap(pending -> pending)).then();
        });
    }

    /** Whether servers can be added here (a registry built from a fixed set of clients cannot). */
    boolean changeable() {
        return factory != null;
    }

    private McpServerFactory factory(String what) {
        if (factory == null) {
            throw new UnsupportedOperationException("Cannot " + what + ": this McpClientRegistry was built from a "
                    + "fixed set of clients; the starter's own registry can");
        }
        return factory;
    }

    private void open() {
        if (closed) {
            throw new IllegalStateException("The MCP clients are closed: the application is shutting down");
        }
    }

    private static void absent(Map<String, Entry> entries, String name) {
        if (entries.containsKey(name)) {
            String property = McpClientProperties.PREFIX + ".servers." + name;
            throw new McpClientConfigurationException(List.of(property), "an MCP server named '" + name
                    + "' exists already", "Remove it first (McpClientRegistry.remove), or give the new server another name.");
        }
    }

    /** Connects the {@code required} ones of {@code servers} now, all at once; the first failure fails them all. */
    private static void connectRequired(List<McpServerSettings> servers, Map<String, McpClient> clients) {
        List<McpServerSettings> required = servers.stream().filter(McpServerSettings::required).toList();
        if (required.isEmpty()) {
            return;
        }
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException("The required MCP server '" + required.get(0).name() + "' is connected "
                    + "before it is added, which cannot be waited for on a non-blocking thread ("
                    + Thread.currentThread().getName() + "); add it from another thread, or with required=false");
        }
        Flux.fromIterable(required).flatMap(server -> McpServerFactory.connect(server, clients.get(server.name())))
                .then().block();
    }

    private void added(String server, McpClient client) {
        for (Listener listener : listeners) {
            try {
                listener.serverAdded(server, client);
            } catch (RuntimeException e) {
                log.warn("An MCP client registry listener failed on server '{}' added", server, e);
            }
        }
    }

    private void removed(String server, McpClient client) {
        for (Listener listener : listeners) {
            try {
                listener.serverRemoved(server, client);
            } catch (RuntimeException e) {
                log.warn("An MCP client registry listener failed on server '{}' removed", server, e);
            }
        }
    }

    /** Starts closing {@code client} (which fails its calls at once); {@link #close()} waits for it. */
    private void closeInBackground(String server, McpClient client) {
        Mono<Void> close = close(server, client).cache();
        closing.add(close);
        close.doFinally(signal -> closing.remove(close)).subscribe();
    }

    private static Mono<Void> close(String server, McpClient client) {
        return client.reactive().closeGracefully()
                .doOnSuccess(done -> log.debug("Closed the MCP client of '{}'", server))
                .onErrorResume(e -> {
                    log.warn("Closing the MCP client of '{}' failed: {}", server, e.toString());
                    return Mono.empty();
                });
    }

    @Override
    public String toString() {
        return "McpClientRegistry" + names();
    }
}
