package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A tool the server offers, as listed by {@code tools/list}.
 *
 * @param name programmatic name, used in {@code tools/call}
 * @param title human-readable display name, or {@code null}
 * @param description what the tool does, a hint for the model, or {@code null}
 * @param inputSchema the JSON Schema (an object schema) of the arguments
 * @param outputSchema the JSON Schema of {@link CallToolResult#structuredContent()} (2025-06-18), or {@code null}
 * @param annotations behaviour hints, or {@code null}
 * @param execution execution properties (2025-11-25), or {@code null}
 * @param icons icons to display, or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record Tool(
        String name,
        String title,
        String description,
        JsonNode inputSchema,
        JsonNode outputSchema,
        ToolAnnotations annotations,
        ToolExecution execution,
        List<Icon> icons,
        @JsonProperty("_meta") Map<String, Object> meta) {

    public Tool {
        outputSchema = SchemaSupport.nullIfJsonNull(outputSchema);
    }

    /** A tool with a name, a description and an input schema only. */
    public Tool(String name, String description, JsonNode inputSchema) {
        this(name, null, description, inputSchema, null, null, null, null, null);
    }
}
