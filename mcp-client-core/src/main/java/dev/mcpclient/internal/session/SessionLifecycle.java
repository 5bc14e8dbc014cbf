package dev.mcpclient.internal.session;

import dev.mcpclient.jsonrpc.JsonRpcMessage;
import reactor.core.publisher.Mono;

/**
 * The era-specific part of a session: when requests may go out, and how a send recovers from what
 * the era can recover from. The initialize/session era (2025-03-26 .. 2025-11-25) is
 * {@link InitializeLifecycle}; a stateless era would be another implementation beside it, leaving
 * {@link McpSession}'s call path untouched.
 */
public interface SessionLifecycle {

    /** Completes when ordinary requests may be sent, starting the session if there is none. */
    Mono<Void> ready();

    /**
     * Whether ordinary requests may be sent now: when {@code true}, the session skips {@link #ready()}
     * (a call's fast path). {@code false} is always safe.
     */
    boolean isReady();

    /** Sends one message through the transport, recovering from an expired session where the era allows. */
    Mono<Void> send(JsonRpcMessage message);
}
