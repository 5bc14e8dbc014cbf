package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The params of {@code resources/unsubscribe}: stop the updates asked for by a previous subscribe.
 *
 * @param uri the URI of the resource no longer to watch
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record UnsubscribeRequest(String uri, @JsonProperty("_meta") Map<String, Object> meta) {

    /** Without metadata. */
    public UnsubscribeRequest(String uri) {
        this(uri, null);
    }
}
