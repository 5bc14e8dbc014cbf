package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Map;

/**
 * Image data provided to or from an LLM ({@code "type": "image"}).
 *
 * @param data the base64-encoded image data
 * @param mimeType the MIME type of the image
 * @param annotations hints for the client, or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
@JsonPropertyOrder({"type"})
public record ImageContent(
        String data, String mimeType, Annotations annotations, @JsonProperty("_meta") Map<String, Object> meta)
        implements Content, SamplingContent {

    /** The type discriminator. */
    public static final String TYPE = "image";

    /** Image data without annotations. */
    public ImageContent(String data, String mimeType) {
        this(data, mimeType, null, null);
    }

    @Override
    @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
    public String type() {
        return TYPE;
    }
}
