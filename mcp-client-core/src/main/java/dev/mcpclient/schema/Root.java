package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A directory or file the server may operate on, offered by the client in {@code roots/list}.
 *
 * @param uri the root's URI; must be a {@code file://} URI for now
 * @param name a human-readable name, or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record Root(String uri, String name, @JsonProperty("_meta") Map<String, Object> meta) {

    /** A root without metadata. */
    public Root(String uri, String name) {
        this(uri, name, null);
    }
}
