package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * A parameterised family of resources, as listed by {@code resources/templates/list}.
 *
 * @param uriTemplate an RFC 6570 URI template that builds resource URIs
 * @param name programmatic name
 * @param title human-readable display name, or {@code null}
 * @param description what the template is for, or {@code null}
 * @param mimeType the MIME type of every matching resource, if they share one, or {@code null}
 * @param annotations hints for the client, or {@code null}
 * @param icons icons to display, or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record ResourceTemplate(
        String uriTemplate,
        String name,
        String title,
        String description,
        String mimeType,
        Annotations annotations,
        List<Icon> icons,
        @JsonProperty("_meta") Map<String, Object> meta) {
}
