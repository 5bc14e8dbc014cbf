package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The server's answer to {@code tools/call}.
 *
 * <p>A failure of the tool itself is reported here with {@code isError} true, not as a JSON-RPC
 * error, so that the model can see it.
 *
 * @param content the unstructured result; never {@code null}
 * @param structuredContent the structured result object (2025-06-18), conforming to the tool's
 *     {@code outputSchema} if it has one, or {@code null}
 * @param isError whether the tool call ended in an error; never {@code null} ({@code false} when absent)
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record CallToolResult(
        List<Content> content,
        JsonNode structuredContent,
        Boolean isError,
        @JsonProperty("_meta") Map<String, Object> meta) {

    public CallToolResult {
        content = SchemaSupport.orEmpty(content);
        structuredContent = SchemaSupport.nullIfJsonNull(structuredContent);
        isError = Boolean.TRUE.equals(isError);
    }

    /** A successful result with unstructured content only. */
    public CallToolResult(List<Content> content) {
        this(content, null, false, null);
    }
}
