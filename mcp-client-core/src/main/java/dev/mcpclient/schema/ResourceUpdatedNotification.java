package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The params of {@code notifications/resources/updated}: a subscribed resource changed and may be read again.
 *
 * @param uri the URI of the changed resource, possibly a sub-resource of the subscribed one
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record ResourceUpdatedNotification(String uri, @JsonProperty("_meta") Map<String, Object> meta) {

    /** Without metadata. */
    public ResourceUpdatedNotification(String uri) {
        this(uri, null);
    }
}
