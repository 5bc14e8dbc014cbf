package dev.mcpclient.internal.session;

import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The requests sent and not yet settled, by id.
 *
 * <p>An entry leaves the map exactly once: either {@link #complete} takes it out to deliver the
 * response, or the call removes it when it settles some other way. A response whose id has no entry
 * (unknown, late, or a duplicate) is dropped quietly and counted.
 */
final class PendingRequests {

    private static final Logger log = LoggerFactory.getLogger(PendingRequests.class);

    private final Map<RequestId, PendingCall<?>> pending = new ConcurrentHashMap<>();
    private final LongAdder dropped = new LongAdder();

    /** Registers a request before any of its I/O. */
    void register(RequestId id, PendingCall<?> call) {
        if (pending.putIfAbsent(id, call) != null) {
            throw new IllegalStateException("request id " + id + " is already pending");
        }
    }

    /** Removes the entry of a call that settled without its response (timeout, send failure, cancel). */
    void remove(RequestId id, PendingCall<?> call) {
        pending.remove(id, call);
    }

    /**
     * Routes a response to its pending request.
     *
     * @return whether a pending request took it
     */
    boolean complete(JsonRpcResponse response) {
        PendingCall<?> call = pending.remove(response.id());
        if (call == null || !call.onResponse(response)) {
            dropped.increment();
            log.debug("Dropped a response for id {}: no request is waiting for it (unknown, late or duplicate)",
                    response.id());
            return false;
        }
        return true;
    }

    /** Fails every pending request with {@code cause}; returns how many there were. */
    int failAll(Throwable cause) {
        int failed = 0;
        for (PendingCall<?> call : pending.values()) {
            call.fail(cause);
            failed++;
        }
        return failed;
    }

    /** Runs {@code action} for every pending request (weakly consistent: one added meanwhile may be left out). */
    void forEach(Consumer<PendingCall<?>> action) {
        pending.values().forEach(action);
    }

    /** How many requests wait for a response. */
    int size() {
        return pending.size();
    }

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** How many responses were dropped because no request waited for them. */
    long droppedResponses() {
        return dropped.sum();
    }
}
