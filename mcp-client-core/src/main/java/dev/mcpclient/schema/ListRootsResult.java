package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The client's answer to {@code roots/list}.
 *
 * @param roots the roots; never {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record ListRootsResult(List<Root> roots, @JsonProperty("_meta") Map<String, Object> meta) {

    public ListRootsResult {
        roots = SchemaSupport.orEmpty(roots);
    }

    /** A result without metadata. */
    public ListRootsResult(List<Root> roots) {
        this(roots, null);
    }
}
