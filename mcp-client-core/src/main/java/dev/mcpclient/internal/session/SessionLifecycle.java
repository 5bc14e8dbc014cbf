package dev.mcpclient.internal.session;

import dev.mcpclient.jsonrpc.JsonRpcMessage;
import java.time.Duration;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The era-specific part of a session: when requests may go out, how a session starts, and how a
 * send recovers from what the era can recover from. The initialize/session era (2024-11-05 ..
 * 2025-11-25) is {@link InitializeLifecycle}, the stateless era (2026-07-28) {@link StatelessLifecycle};
 * {@link EraLifecycle} picks between them. {@link McpSession}'s call path is the same for all.
 *
 * <p>A lifecycle does not know its session: the session hands it a {@link Handshake} when it needs
 * one, so the lifecycle is built first and the session is built with it.
 */
public interface SessionLifecycle {

    /** Completes when ordinary requests may be sent, starting a session through {@code handshake} if there is none. */
    Mono<Void> ready(Handshake handshake);

    /**
     * Whether ordinary requests may be sent now: when {@code true}, a call skips {@link #ready} (its
     * fast path). {@code false} is always safe.
     */
    boolean isReady();

    /**
     * Sends one message through the transport, with the tool parameters to mirror as headers (the
     * modern era; empty otherwise), recovering from what the era allows (an expired session: a new
     * one is started through {@code handshake}).
     */
    Mono<Void> send(JsonRpcMessage message, Map<String, String> parameterHeaders, Handshake handshake);

    /**
     * How a request whose send failed with {@code sendError} may go once more: a {@code Mono} that
     * completes when it may be sent again (as a new request, with the {@code _meta} of the era then
     * current), or fails with what fails the request; {@code null} when the failure stands (the default).
     * Asked on the error path only, so that a send costs nothing for it.
     */
    default Mono<Void> recover(Throwable sendError, Handshake handshake) {
        return null;
    }

    /**
     * What every request carries in its {@code _meta} (the modern era: protocol version, client info
     * and capabilities), shared and never modified; {@code null} for nothing (the default).
     */
    default ObjectNode requestMeta() {
        return null;
    }

    /** The messages a lifecycle sends to start a session: on the session's call path, never held for readiness. */
    interface Handshake {

        /** Sends a lifecycle request (never cancelled on the server) and returns its result. */
        Mono<JsonNode> request(String method, JsonNode params, Duration timeout);

        /**
         * Like {@link #request}, but its failure is not recorded as the client's last error: a probe
         * whose refusal may be an answer (the era probe). The lifecycle records, with {@link #failed},
         * what it decides is an error.
         */
        Mono<JsonNode> probe(String method, JsonNode params, Duration timeout);

        /** Records {@code error} as the client's last error. */
        void failed(Throwable error);

        /** Sends a lifecycle notification (e.g. {@code notifications/initialized}). */
        Mono<Void> notify(String method, JsonNode params);
    }
}
