package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * A link to a resource the server can read, returned in a tool or prompt result
 * ({@code "type": "resource_link"}, 2025-06-18). It need not appear in {@code resources/list}.
 *
 * @param uri the resource URI
 * @param name programmatic name
 * @param title human-readable display name, or {@code null}
 * @param description what the resource is, or {@code null}
 * @param mimeType the MIME type, if known, or {@code null}
 * @param annotations hints for the client, or {@code null}
 * @param size the raw size in bytes (before base64 encoding), if known, or {@code null}
 * @param icons icons to display, or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
@JsonPropertyOrder({"type"})
public record ResourceLink(
        String uri,
        String name,
        String title,
        String description,
        String mimeType,
        Annotations annotations,
        Long size,
        List<Icon> icons,
        @JsonProperty("_meta") Map<String, Object> meta) implements Content {

    /** The type discriminator. */
    public static final String TYPE = "resource_link";

    /** A link with only a URI and a name. */
    public ResourceLink(String uri, String name) {
        this(uri, name, null, null, null, null, null, null, null);
    }

    @Override
    @JsonProperty(value = "type", access = JsonProperty.Access.READ_ONLY)
    public String type() {
        return TYPE;
    }
}
