package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The contents of a binary resource.
 *
 * @param uri the URI of the resource
 * @param mimeType the MIME type, if known, or {@code null}
 * @param blob the base64-encoded bytes
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record BlobResourceContents(
        String uri, String mimeType, String blob, @JsonProperty("_meta") Map<String, Object> meta)
        implements ResourceContents {

    /** Binary contents without metadata. */
    public BlobResourceContents(String uri, String mimeType, String blob) {
        this(uri, mimeType, blob, null);
    }
}
