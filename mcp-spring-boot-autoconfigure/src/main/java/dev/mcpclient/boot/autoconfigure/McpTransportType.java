package dev.mcpclient.boot.autoconfigure;

import java.util.Locale;

/**
 * The transports a server can be reached by ({@code mcp.client.servers.<name>.transport}).
 *
 * @since 0.2.0
 */
public enum McpTransportType {

    /**
     * Streamable HTTP (MCP 2025-03-26 and later); falls back to SSE when the server rejects the
     * initialize POST with 400, 404 or 405, unless legacy-sse-fallback is false.
     */
    STREAMABLE_HTTP,

    /** The HTTP+SSE transport of MCP 2024-11-05: 'url' is the server's event stream. */
    SSE,

    /** A local server process started with 'command' and 'args', spoken to over its stdin and stdout. */
    STDIO;

    /** The value as it is written in the configuration: {@code streamable-http}, {@code sse} or {@code stdio}. */
    public String propertyValue() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
