package dev.mcpclient.schema;

import java.util.List;

/**
 * The MCP protocol revisions this client knows, as exchanged in {@code protocolVersion} during
 * initialization.
 */
public final class ProtocolVersions {

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

    /** The revision the client asks for. */
    public static final String LATEST = V2025_11_25;

    /** The revisions the client accepts from a server over Streamable HTTP and stdio, newest first. */
    public static final List<String> SUPPORTED = List.of(V2025_11_25, V2025_06_18, V2025_03_26);

    private ProtocolVersions() {
    }

    /** Whether the client can speak {@code version}; {@code false} for {@code null}. */
    public static boolean isSupported(String version) {
        return version != null && SUPPORTED.contains(version);
    }
}
