package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * A request from the assistant to call a tool, inside a sampling message ({@code "type": "tool_use"},
 * 2025-11-25).
 *
 * @param id identifies this tool use; the matching {@link ToolResultContent} carries it as {@code toolUseId}
 * @param name the tool to call
 * @param input the arguments, conforming to the tool's input schema
 * @param meta protocol-reserved metadata ({@code _meta}), to be preserved in later requests, or {@code null}
 * @since 0.2.0
 */
@JsonPropertyOrder({"type"})
public record ToolUseContent(
        String id, String name, Map<String, Object> input, @JsonProperty("_meta") Map<String, Object> meta)
        implements SamplingContent {

    /** The type discriminator. */
    public static final String TYPE = "tool_use";

    /** A tool use without metadata. */
    public ToolUseContent(String id, String name, Map<String, Object> input) {
        this(id, name, input, null);
    }

    @Override
    @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
    public String type() {
        return TYPE;
    }
}
