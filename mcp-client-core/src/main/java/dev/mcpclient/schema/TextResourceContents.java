package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The contents of a resource that can be represented as text.
 *
 * @param uri the URI of the resource
 * @param mimeType the MIME type, if known, or {@code null}
 * @param text the text
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record TextResourceContents(
        String uri, String mimeType, String text, @JsonProperty("_meta") Map<String, Object> meta)
        implements ResourceContents {

    /** Text contents without metadata. */
    public TextResourceContents(String uri, String mimeType, String text) {
        this(uri, mimeType, text, null);
    }
}
