package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A prompt or prompt template the server offers, as listed by {@code prompts/list}.
 *
 * @param name programmatic name, used in {@code prompts/get}
 * @param title human-readable display name, or {@code null}
 * @param description what the prompt provides, or {@code null}
 * @param arguments the arguments for templating, or {@code null}
 * @param icons icons to display, or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record Prompt(
        String name,
        String title,
        String description,
        List<PromptArgument> arguments,
        List<Icon> icons,
        @JsonProperty("_meta") Map<String, Object> meta) {
}
