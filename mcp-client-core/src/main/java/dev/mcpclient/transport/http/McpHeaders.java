package dev.mcpclient.transport.http;

/** The HTTP headers the MCP specification names. */
final class McpHeaders {

    /** The session id (Streamable HTTP). */
    static final String SESSION_ID = "Mcp-Session-Id";
    /** The negotiated protocol version (2025-06-18 and later). */
    static final String PROTOCOL_VERSION = "MCP-Protocol-Version";
    /** Where a resumed stream starts again (SSE). */
    static final String LAST_EVENT_ID = "Last-Event-ID";

    private McpHeaders() {
    }
}
