package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Identifies a resource or resource template for completion ({@code "type": "ref/resource"}; named
 * {@code ResourceReference} before 2025-06-18).
 *
 * @param uri the URI or URI template
 * @since 0.2.0
 */
@JsonPropertyOrder({"type"})
public record ResourceTemplateReference(String uri) implements CompleteReference {

    /** The type discriminator. */
    public static final String TYPE = "ref/resource";

    @Override
    @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
    public String type() {
        return TYPE;
    }
}
