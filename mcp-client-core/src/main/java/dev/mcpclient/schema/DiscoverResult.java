package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The server's answer to {@code server/discover} (MCP 2026-07-28): what it speaks, offers and is.
 *
 * @param supportedVersions the protocol versions the server supports
 * @param capabilities the server's capabilities
 * @param instructions how to use the server, e.g. as a hint for the system prompt, or {@code null}
 * @param ttlMs how long the result may be considered fresh, in milliseconds, or {@code null}
 * @param cacheScope {@code "public"} or {@code "private"}, or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}): the server's identity is under
 *     {@code io.modelcontextprotocol/serverInfo}
 * @since 0.2.0
 */
public record DiscoverResult(
        List<String> supportedVersions,
        ServerCapabilities capabilities,
        String instructions,
        Long ttlMs,
        String cacheScope,
        @JsonProperty("_meta") Map<String, Object> meta) {

    /** The {@code _meta} key of the server's identity in every modern result. */
    public static final String SERVER_INFO_META = "io.modelcontextprotocol/serverInfo";

    /**
     * The server's identity from {@code _meta}, or {@code null}.
     */
    public Implementation serverInfo() {
        Object info = meta == null ? null : meta.get(SERVER_INFO_META);
        return info == null ? null : McpJson.mapper().convertValue(info, Implementation.class);
    }

    /**
     * This result as the {@link InitializeResult} a legacy server would have given, on
     * {@code protocolVersion}: the client's status, capability checks and server name read it in both eras.
     */
    public InitializeResult asInitializeResult(String protocolVersion) {
        return new InitializeResult(protocolVersion, capabilities,
                serverInfo(), instructions, meta);
    }
}
