package dev.mcpclient;

import java.time.Instant;

/**
 * A snapshot of a client's connection, for health checks and dashboards.
 *
 * @param initialized whether a session is established (the {@code initialize} handshake finished)
 * @param protocolVersion the negotiated protocol version, or {@code null}
 * @param sessionActive whether the transport holds a server-assigned session
 * @param backgroundStreamOpen whether the background {@code GET} stream (or the HTTP+SSE event stream) is connected now
 * @param reconnects how many times a stream was reopened: request streams resumed, the background or
 *     HTTP+SSE stream reconnected
 * @param callsInFlight how many requests wait for their response
 * @param droppedResponses how many responses arrived that no request waited for (late, duplicate, unknown id)
 * @param lastError the last failure that was not the server's own JSON-RPC error, or {@code null}
 * @param lastErrorAt when it happened, or {@code null}
 */
public record McpClientStatus(
        boolean initialized,
        String protocolVersion,
        boolean sessionActive,
        boolean backgroundStreamOpen,
        long reconnects,
        int callsInFlight,
        long droppedResponses,
        Throwable lastError,
        Instant lastErrorAt) {
}
