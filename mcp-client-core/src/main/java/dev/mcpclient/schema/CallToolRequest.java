package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The params of {@code tools/call}.
 *
 * @param name the tool to call
 * @param arguments the arguments, conforming to the tool's input schema, or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), e.g. a {@code progressToken}, or {@code null}
 * @since 0.2.0
 */
public record CallToolRequest(
        String name, Map<String, Object> arguments, @JsonProperty("_meta") Map<String, Object> meta) {

    /** A call without metadata. */
    public CallToolRequest(String name, Map<String, Object> arguments) {
        this(name, arguments, null);
    }
}
