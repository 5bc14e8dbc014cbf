package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The params of {@code initialize}, the first request of a session.
 *
 * @param protocolVersion the latest revision the client supports
 * @param capabilities the client's capabilities
 * @param clientInfo the client implementation
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record InitializeRequest(
        String protocolVersion,
        ClientCapabilities capabilities,
        Implementation clientInfo,
        @JsonProperty("_meta") Map<String, Object> meta) {

    /** An initialize request without metadata. */
    public InitializeRequest(String protocolVersion, ClientCapabilities capabilities, Implementation clientInfo) {
        this(protocolVersion, capabilities, clientInfo, null);
    }
}
