package dev.mcpclient.interop.report;

/**
 * A column of the interop table: a real peer over one transport, in the order the table shows them.
 */
public enum Peer {
    EVERYTHING_HTTP("server-everything", "@modelcontextprotocol/server-everything", "Streamable HTTP"),
    EVERYTHING_STDIO("server-everything", "@modelcontextprotocol/server-everything", "stdio"),
    EVERYTHING_SSE("server-everything", "@modelcontextprotocol/server-everything", "HTTP+SSE"),
    JAVA_SDK_HTTP("Java SDK", "io.modelcontextprotocol.sdk:mcp", "Streamable HTTP"),
    JAVA_SDK_SSE("Java SDK", "io.modelcontextprotocol.sdk:mcp", "HTTP+SSE"),
    TS_SDK_HTTP("TypeScript SDK", "@modelcontextprotocol/server", "Streamable HTTP"),
    /** The Java SDK's stateless server ({@code io.modelcontextprotocol.modern}): 2026-07-28 only. */
    JAVA_SDK_MODERN_HTTP("Java SDK, modern server", "io.modelcontextprotocol.sdk:mcp (modern)", "Streamable HTTP, 2026-07-28"),
    /** The TypeScript SDK's server serving 2026-07-28 and the handshake era on one endpoint. */
    TS_SDK_DUAL_ERA_HTTP("TypeScript SDK, dual-era server", "@modelcontextprotocol/server",
            "Streamable HTTP, 2026-07-28 and handshake"),
    CONFORMANCE("conformance suite", "@modelcontextprotocol/conformance", "Streamable HTTP");

    private final String shortName;
    private final String artifact;
    private final String transport;

    Peer(String shortName, String artifact, String transport) {
        this.shortName = shortName;
        this.artifact = artifact;
        this.transport = transport;
    }

    /** The peer's name in the table's header. */
    public String shortName() {
        return shortName;
    }

    /** The npm package or Maven artifact of the peer. */
    public String artifact() {
        return artifact;
    }

    /** The transport between our client and the peer. */
    public String transport() {
        return transport;
    }
}
