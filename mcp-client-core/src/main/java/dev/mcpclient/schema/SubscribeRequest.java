package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The params of {@code resources/subscribe}: ask for {@code notifications/resources/updated} whenever the resource changes.
 *
 * @param uri the URI of the resource to watch
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record SubscribeRequest(String uri, @JsonProperty("_meta") Map<String, Object> meta) {

    /** Without metadata. */
    public SubscribeRequest(String uri) {
        this(uri, null);
    }
}
