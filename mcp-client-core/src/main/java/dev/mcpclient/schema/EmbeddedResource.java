package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * The contents of a resource embedded into a tool or prompt result ({@code "type": "resource"}).
 *
 * @param resource the text or blob contents
 * @param annotations hints for the client, or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
@JsonPropertyOrder({"type"})
public record EmbeddedResource(
        ResourceContents resource, Annotations annotations, @JsonProperty("_meta") Map<String, Object> meta)
        implements Content {

    /** The type discriminator. */
    public static final String TYPE = "resource";

    /** Embedded contents without annotations. */
    public EmbeddedResource(ResourceContents resource) {
        this(resource, null, null);
    }

    @Override
    @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
    public String type() {
        return TYPE;
    }
}
