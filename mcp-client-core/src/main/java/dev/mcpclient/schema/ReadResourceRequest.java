package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The params of {@code resources/read}: which resource to read.
 *
 * @param uri the URI of the resource; the server decides how to interpret it
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record ReadResourceRequest(String uri, @JsonProperty("_meta") Map<String, Object> meta) {

    /** Without metadata. */
    public ReadResourceRequest(String uri) {
        this(uri, null);
    }
}
