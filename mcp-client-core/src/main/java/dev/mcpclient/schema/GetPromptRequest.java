package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The params of {@code prompts/get}.
 *
 * @param name the prompt or prompt template
 * @param arguments string values for the template's arguments, or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record GetPromptRequest(
        String name, Map<String, String> arguments, @JsonProperty("_meta") Map<String, Object> meta) {

    /** A request without metadata. */
    public GetPromptRequest(String name, Map<String, String> arguments) {
        this(name, arguments, null);
    }
}
