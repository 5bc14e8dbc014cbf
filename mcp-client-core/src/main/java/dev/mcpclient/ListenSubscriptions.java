package dev.mcpclient;

import dev.mcpclient.internal.session.EraLifecycle;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.ServerCapabilities;
import dev.mcpclient.transport.McpTransport;
import java.util.Set;
import java.util.TreeSet;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What the client listens to in the modern era, kept open as one {@code subscriptions/listen} stream
 * by the transport: the list changes the server announces (when something listens: a listener, the
 * Spring events) and the resources subscribed to. Opened only when there is something to listen to,
 * changed when the subscribed resources change, closed with the client. Its notifications feed the
 * same caches, listeners and events as the handshake era's {@code GET} stream.
 */
final class ListenSubscriptions {

    private final McpTransport transport;
    private final EraLifecycle lifecycle;
    private final boolean listens;
    private final Set<String> resources = new TreeSet<>();
    private ObjectNode open;
    private boolean closed;

    /**
     * @param listens whether something listens to list changes (so the stream is wanted for them)
     */
    ListenSubscriptions(McpTransport transport, EraLifecycle lifecycle, boolean listens) {
        this.transport = transport;
        this.lifecycle = lifecycle;
        this.listens = listens;
    }

    /** Adds {@code uri} to the resources listened to; {@code guard} (if any) first checks the server offers it. */
    synchronized void subscribe(String uri, Runnable guard) {
        if (guard != null) {
            guard.run();
        }
        if (resources.add(uri)) {
            update();
        }
    }

    synchronized void unsubscribe(String uri) {
        if (resources.remove(uri)) {
            update();
        }
    }

    /** Opens, changes or closes the stream to match what is wanted now (the modern era only). */
    synchronized void update() {
        if (closed || !lifecycle.isModern()) {
            return;
        }
        ObjectNode filter = filter(lifecycle.initializeResult());
        ObjectNode wanted = filter.isEmpty() ? null : params(filter);
        if (wanted == null ? open == null : wanted.equals(open)) {
            return;
        }
        open = wanted;
        transport.listen(wanted);
    }

    synchronized void close() {
        closed = true;
        if (open != null) {
            open = null;
            transport.listen(null);
        }
    }

    private ObjectNode filter(InitializeResult server) {
        ObjectNode filter = McpJson.mapper().createObjectNode();
        ServerCapabilities declared = server == null ? null : server.capabilities();
        if (listens && declared != null) {
            if (declared.tools() != null && Boolean.TRUE.equals(declared.tools().listChanged())) {
                filter.put("toolsListChanged", true);
            }
            if (declared.prompts() != null && Boolean.TRUE.equals(declared.prompts().listChanged())) {
                filter.put("promptsListChanged", true);
            }
            if (declared.resources() != null && Boolean.TRUE.equals(declared.resources().listChanged())) {
                filter.put("resourcesListChanged", true);
            }
        }
        if (!resources.isEmpty()) {
            ArrayNode uris = filter.putArray("resourceSubscriptions");
            resources.forEach(uris::add);
        }
        return filter;
    }

    private ObjectNode params(ObjectNode filter) {
        ObjectNode params = McpJson.mapper().createObjectNode();
        ObjectNode meta = lifecycle.requestMeta();
        if (meta != null) {
            params.set("_meta", meta);
        }
        params.set("notifications", filter);
        return params;
    }
}
