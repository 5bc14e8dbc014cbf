package dev.mcpclient.schema;

import java.util.List;

/**
 * The MCP protocol revisions this client knows: the modern (stateless) revision, carried in every
 * request's {@code _meta}, and the legacy revisions, exchanged in {@code protocolVersion} during
 * the {@code initialize} handshake.
 *
 * @since 0.2.0
 */
public final class ProtocolVersions {

    /**
     * Revision 2026-07-28, the first modern one: stateless (no {@code initialize}, no session), every
     * request carries its version, client info and capabilities; {@code server/discover}, multi
     * round-trip requests, {@code subscriptions/listen}.
     */
    public static final String V2026_07_28 = "2026-07-28";
    /** Revision 2025-11-25: URL elicitation, sampling with tools, tasks, icons. */
    public static final String V2025_11_25 = "2025-11-25";
    /** Revision 2025-06-18: structured tool output, form elicitation, resource links, titles. */
    public static final String V2025_06_18 = "2025-06-18";
    /** Revision 2025-03-26: Streamable HTTP, tool annotations, audio content, completions. */
    public static final String V2025_03_26 = "2025-03-26";
    /**
     * Revision 2024-11-05, the first one: accepted only over its own HTTP+SSE transport (see
     * {@code McpTransport.protocolVersions()}), never over Streamable HTTP.
     */
    public static final String V2024_11_05 = "2024-11-05";

    /** The newest revision the client speaks: the one it tries first. */
    public static final String LATEST = V2026_07_28;

    /** The legacy revision the client asks for in {@code initialize}. */
    public static final String LATEST_HANDSHAKE = V2025_11_25;

    /** The modern revisions the client speaks, newest first. */
    public static final List<String> MODERN = List.of(V2026_07_28);

    /**
     * The legacy revisions the client accepts from a server in the {@code initialize} handshake over
     * Streamable HTTP and stdio, newest first.
     */
    public static final List<String> SUPPORTED = List.of(V2025_11_25, V2025_06_18, V2025_03_26);

    private ProtocolVersions() {
    }

    /** Whether the client can speak {@code version} in the handshake; {@code false} for {@code null}. */
    public static boolean isSupported(String version) {
        return version != null && SUPPORTED.contains(version);
    }

    /** Whether {@code version} is a modern (stateless) revision this client speaks; {@code false} for {@code null}. */
    public static boolean isModern(String version) {
        return version != null && MODERN.contains(version);
    }
}
