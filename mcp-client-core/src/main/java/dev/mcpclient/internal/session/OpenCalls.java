package dev.mcpclient.internal.session;

import dev.mcpclient.McpCapabilityException;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The calls of one session that have not settled: those sent, by request id, and those still waiting
 * for the session to be ready; with what became of calls (responses nobody waited for, the last failure).
 *
 * <p>A sent call leaves the map exactly once: either {@link #complete} takes it out to deliver the
 * response, or the call removes itself when it settles some other way. A response whose id has no
 * entry (unknown, late, or a duplicate) is dropped quietly and counted.
 */
final class OpenCalls {

    private static final Logger log = LoggerFactory.getLogger(OpenCalls.class);

    private final Map<RequestId, PendingCall<?>> sent = new ConcurrentHashMap<>();
    private final Set<PendingCall<?>> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicLong nextId = new AtomicLong(1);
    private final LongAdder dropped = new LongAdder();
    /** The last failure (other than a refusal before sending) and when it happened; replaced together. */
    private volatile Failure lastFailure;

    /** Lists a call that waits for the session to be ready, so that closing reaches it. */
    void waiting(PendingCall<?> call) {
        waiting.add(call);
    }

    /** The call no longer waits (it is being sent, or it settled). */
    void doneWaiting(PendingCall<?> call) {
        waiting.remove(call);
    }

    /** Registers a call before any of its I/O, under a fresh id (never reused in the session). */
    RequestId register(PendingCall<?> call) {
        RequestId id = RequestId.of(nextId.getAndIncrement());
        sent.put(id, call);
        return id;
    }

    /** Removes the entry of a call that settled without its response (timeout, send failure, cancel). */
    void remove(RequestId id, PendingCall<?> call) {
        sent.remove(id, call);
    }

    /**
     * Routes a response to its call.
     *
     * @return whether a call took it
     */
    boolean complete(JsonRpcResponse response) {
        PendingCall<?> call = sent.remove(response.id());
        if (call == null || !call.onResponse(response)) {
            dropped.increment();
            log.debug("Dropped a response for id {}: no request is waiting for it (unknown, late or duplicate)",
                    response.id());
            return false;
        }
        return true;
    }

    /** Fails every sent call with {@code cause} (what would carry their responses is gone); returns how many. */
    int failSent(Throwable cause) {
        int failed = 0;
        for (PendingCall<?> call : sent.values()) {
            call.fail(cause);
            failed++;
        }
        return failed;
    }

    /** Fails every call, sent or waiting, as closed. */
    void closeAll() {
        sent.values().forEach(PendingCall::closed);
        waiting.forEach(PendingCall::closed);
    }

    /** Remembers a call's failure, unless it is a refusal before anything was sent. */
    void failed(Throwable error) {
        if (!(error instanceof McpCapabilityException)) {
            lastFailure = new Failure(error, Instant.now());
        }
    }

    /** How many calls wait for their response. */
    int size() {
        return sent.size();
    }

    /** How many responses were dropped because no call waited for them. */
    long droppedResponses() {
        return dropped.sum();
    }

    /** The last failure other than a refusal before sending, or {@code null}. */
    Throwable lastError() {
        Failure failure = lastFailure;
        return failure == null ? null : failure.error();
    }

    /** When {@link #lastError()} happened, or {@code null}. */
    Instant lastErrorAt() {
        Failure failure = lastFailure;
        return failure == null ? null : failure.at();
    }

    private record Failure(Throwable error, Instant at) {
    }
}
