package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Identifies a prompt for completion ({@code "type": "ref/prompt"}).
 *
 * @param name the prompt's name
 * @param title human-readable display name, or {@code null}
 * @since 0.2.0
 */
@JsonPropertyOrder({"type"})
public record PromptReference(String name, String title) implements CompleteReference {

    /** The type discriminator. */
    public static final String TYPE = "ref/prompt";

    /** A reference by name. */
    public PromptReference(String name) {
        this(name, null);
    }

    @Override
    @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
    public String type() {
        return TYPE;
    }
}
