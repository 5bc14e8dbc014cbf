package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A resource the server can read, as listed by {@code resources/list}.
 *
 * @param uri the resource URI
 * @param name programmatic name
 * @param title human-readable display name, or {@code null}
 * @param description what the resource is, a hint for the model, or {@code null}
 * @param mimeType the MIME type, if known, or {@code null}
 * @param annotations hints for the client, or {@code null}
 * @param size the raw size in bytes (before base64 encoding), if known, or {@code null}
 * @param icons icons to display, or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record Resource(
        String uri,
        String name,
        String title,
        String description,
        String mimeType,
        Annotations annotations,
        Long size,
        List<Icon> icons,
        @JsonProperty("_meta") Map<String, Object> meta) {

    /** A resource with only a URI and a name. */
    public Resource(String uri, String name) {
        this(uri, name, null, null, null, null, null, null, null);
    }
}
