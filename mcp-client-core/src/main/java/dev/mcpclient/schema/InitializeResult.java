package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The server's answer to {@code initialize}.
 *
 * @param protocolVersion the revision the server chose; the client must disconnect if it does not support it
 * @param capabilities the server's capabilities
 * @param serverInfo the server implementation
 * @param instructions how to use the server, e.g. as a hint for the system prompt, or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record InitializeResult(
        String protocolVersion,
        ServerCapabilities capabilities,
        Implementation serverInfo,
        String instructions,
        @JsonProperty("_meta") Map<String, Object> meta) {
}
