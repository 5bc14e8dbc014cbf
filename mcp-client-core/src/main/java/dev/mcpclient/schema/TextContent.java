package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * Text provided to or from an LLM ({@code "type": "text"}).
 *
 * @param text the text
 * @param annotations hints for the client, or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
@JsonPropertyOrder({"type"})
public record TextContent(String text, Annotations annotations, @JsonProperty("_meta") Map<String, Object> meta)
        implements Content, SamplingContent {

    /** The type discriminator. */
    public static final String TYPE = "text";

    /** Plain text without annotations. */
    public TextContent(String text) {
        this(text, null, null);
    }

    @Override
    @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
    public String type() {
        return TYPE;
    }
}
