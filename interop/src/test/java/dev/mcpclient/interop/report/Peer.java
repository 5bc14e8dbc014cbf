package dev.mcpclient.interop.report;

/**
 * A column of the interop table: a real peer over one transport, in the order the table shows them, and
 * the protocol eras it serves there (the eras our client is tested in are those of the test classes,
 * {@link Against#era()}).
 */
public enum Peer {
    EVERYTHING_HTTP("server-everything", "@modelcontextprotocol/server-everything", "Streamable HTTP", Serves.LEGACY),
    EVERYTHING_STDIO("server-everything", "@modelcontextprotocol/server-everything", "stdio", Serves.LEGACY),
    EVERYTHING_SSE("server-everything", "@modelcontextprotocol/server-everything", "HTTP+SSE", Serves.LEGACY),
    JAVA_SDK_HTTP("Java SDK", "io.modelcontextprotocol.sdk:mcp", "Streamable HTTP", Serves.LEGACY),
    JAVA_SDK_SSE("Java SDK", "io.modelcontextprotocol.sdk:mcp", "HTTP+SSE", Serves.LEGACY_SSE),
    /** A server of the TypeScript SDK's {@code createMcpHandler}: 2026-07-28, and the handshake era statelessly. */
    TS_SDK_HTTP("TypeScript SDK", "@modelcontextprotocol/server", "Streamable HTTP",
            "2026-07-28 and the handshake era (stateless)"),
    /** The Java SDK's stateless server ({@code io.modelcontextprotocol.modern}): 2026-07-28 only. */
    JAVA_SDK_MODERN_HTTP("Java SDK, modern server", "io.modelcontextprotocol.sdk:mcp (modern)", "Streamable HTTP",
            "2026-07-28 only"),
    /** The TypeScript SDK's server serving 2026-07-28 and the handshake era on one endpoint. */
    TS_SDK_DUAL_ERA_HTTP("TypeScript SDK, dual-era server", "@modelcontextprotocol/server", "Streamable HTTP",
            "2026-07-28 and the handshake era (2025-11-25, 2025-06-18, 2025-03-26, with sessions) on one endpoint"),
    CONFORMANCE("conformance suite", "@modelcontextprotocol/conformance", "Streamable HTTP", "the scenario's");

    private final String shortName;
    private final String artifact;
    private final String transport;
    private final String serves;

    Peer(String shortName, String artifact, String transport, String serves) {
        this.shortName = shortName;
        this.artifact = artifact;
        this.transport = transport;
        this.serves = serves;
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

    /** The protocol revisions the peer serves over {@link #transport()}. */
    public String serves() {
        return serves;
    }

    private static final class Serves {
        static final String LEGACY = "the handshake era only";
        static final String LEGACY_SSE = "the handshake era only (2024-11-05)";
    }
}
