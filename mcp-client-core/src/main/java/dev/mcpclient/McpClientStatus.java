package dev.mcpclient;

import dev.mcpclient.schema.ProtocolVersions;
import java.time.Instant;

/**
 * A snapshot of a client's connection, for health checks and dashboards.
 *
 * @param initialized whether the client is connected: the {@code initialize} handshake finished
 *     (legacy era), or {@code server/discover} answered (modern era); it stays {@code true} after the
 *     client is closed, which {@code closed} tells
 * @param closed whether the client was closed ({@link McpClient#close()},
 *     {@link ReactiveMcpClient#closeGracefully()}): its calls fail with {@link McpClientClosedException}
 * @param protocolVersion the protocol version spoken (negotiated in the handshake, or chosen from
 *     the server's supported versions in the modern era), or {@code null}
 * @param sessionActive whether the transport holds a server-assigned session
 * @param backgroundStreamOpen whether the background {@code GET} stream (or the HTTP+SSE event stream) is connected now
 * @param reconnects how many times a stream was reopened: request streams resumed, the background or
 *     HTTP+SSE stream reconnected
 * @param callsInFlight how many requests wait for their response
 * @param droppedResponses how many responses arrived that no request waited for (late, duplicate, unknown id)
 * @param lastError the last failure that was not the server's own JSON-RPC error, or {@code null}
 * @param lastErrorAt when it happened, or {@code null}
 * @since 0.2.0
 */
public record McpClientStatus(
        boolean initialized,
        boolean closed,
        String protocolVersion,
        boolean sessionActive,
        boolean backgroundStreamOpen,
        long reconnects,
        int callsInFlight,
        long droppedResponses,
        Throwable lastError,
        Instant lastErrorAt) {

    /** The era of {@link #protocolVersion()}, or {@code null} before the client found it. */
    public ProtocolEra era() {
        if (protocolVersion == null) {
            return null;
        }
        return ProtocolVersions.isModern(protocolVersion) ? ProtocolEra.MODERN : ProtocolEra.LEGACY;
    }

    /** The two eras of MCP revisions, as the specification names them. */
    public enum ProtocolEra {
        /** 2026-07-28 and later: stateless, every request carries its version, identity and capabilities. */
        MODERN,
        /** 2024-11-05 to 2025-11-25: the {@code initialize} handshake opens a session. */
        LEGACY
    }
}
