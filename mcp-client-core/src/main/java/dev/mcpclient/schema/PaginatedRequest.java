package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The params of the list requests ({@code tools/list}, {@code resources/list},
 * {@code resources/templates/list}, {@code prompts/list}).
 *
 * @param cursor the opaque {@code nextCursor} of the previous page, or {@code null} for the first page
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record PaginatedRequest(String cursor, @JsonProperty("_meta") Map<String, Object> meta) {

    /** The request for the page after {@code cursor}; {@code null} asks for the first page. */
    public PaginatedRequest(String cursor) {
        this(cursor, null);
    }

    /** The request for the first page. */
    public static PaginatedRequest firstPage() {
        return new PaginatedRequest(null, null);
    }
}
