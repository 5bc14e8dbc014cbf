package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The result of a tool use, sent back to the assistant in a sampling message
 * ({@code "type": "tool_result"}, 2025-11-25).
 *
 * @param toolUseId the {@code id} of the {@link ToolUseContent} this answers
 * @param content the unstructured result, as in {@link CallToolResult#content()}; never {@code null}
 * @param structuredContent the structured result object, or {@code null}
 * @param isError whether the tool use failed; never {@code null} ({@code false} when absent)
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
@JsonPropertyOrder({"type"})
public record ToolResultContent(
        String toolUseId,
        List<Content> content,
        JsonNode structuredContent,
        Boolean isError,
        @JsonProperty("_meta") Map<String, Object> meta) implements SamplingContent {

    /** The type discriminator. */
    public static final String TYPE = "tool_result";

    public ToolResultContent {
        content = SchemaSupport.orEmpty(content);
        structuredContent = SchemaSupport.nullIfJsonNull(structuredContent);
        isError = Boolean.TRUE.equals(isError);
    }

    /** A successful result with unstructured content only. */
    public ToolResultContent(String toolUseId, List<Content> content) {
        this(toolUseId, content, null, false, null);
    }

    @Override
    @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
    public String type() {
        return TYPE;
    }
}
