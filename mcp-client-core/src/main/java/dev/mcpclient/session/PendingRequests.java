package dev.mcpclient.session;

import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * The requests sent and not yet settled, by id: each is a one-shot sink that the first routed
 * response completes.
 *
 * <p>An entry leaves the map exactly once: either {@link #complete} takes it out to deliver the
 * response, or the call that registered it removes it when it settles some other way. A response
 * whose id has no entry (unknown, late, or a duplicate) is dropped quietly and counted.
 */
final class PendingRequests {

    private static final Logger log = LoggerFactory.getLogger(PendingRequests.class);

    private final Map<RequestId, Sinks.One<JsonRpcResponse>> pending = new ConcurrentHashMap<>();
    private final LongAdder dropped = new LongAdder();

    /** Registers a request before any of its I/O; returns the response to come. */
    Mono<JsonRpcResponse> register(RequestId id) {
        Sinks.One<JsonRpcResponse> sink = Sinks.one();
        if (pending.putIfAbsent(id, sink) != null) {
            throw new IllegalStateException("request id " + id + " is already pending");
        }
        return sink.asMono();
    }

    /** Removes the entry of a call that settled without its response (timeout, send failure, cancel). */
    void remove(RequestId id) {
        pending.remove(id);
    }

    /**
     * Routes a response to its pending request.
     *
     * @return whether a pending request took it
     */
    boolean complete(JsonRpcResponse response) {
        Sinks.One<JsonRpcResponse> sink = pending.remove(response.id());
        if (sink == null || sink.tryEmitValue(response).isFailure()) {
            dropped.increment();
            log.debug("Dropped a response for id {}: no request is waiting for it (unknown, late or duplicate)",
                    response.id());
            return false;
        }
        return true;
    }

    /** Fails every pending request with {@code cause}, removing its entry; returns how many there were. */
    int failAll(Throwable cause) {
        int failed = 0;
        for (RequestId id : pending.keySet()) {
            Sinks.One<JsonRpcResponse> sink = pending.remove(id);
            if (sink != null && sink.tryEmitError(cause).isSuccess()) {
                failed++;
            }
        }
        return failed;
    }

    /** How many requests wait for a response. */
    int size() {
        return pending.size();
    }

    /** How many responses were dropped because no request waited for them. */
    long droppedResponses() {
        return dropped.sum();
    }
}
