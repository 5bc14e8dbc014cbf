package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The server's answer to {@code resources/templates/list}: one page of resource templates.
 *
 * @param resourceTemplates the templates of this page; never {@code null}
 * @param nextCursor the cursor for the next page, or {@code null} if this is the last page
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record ListResourceTemplatesResult(
        List<ResourceTemplate> resourceTemplates,
        String nextCursor,
        @JsonProperty("_meta") Map<String, Object> meta) {

    public ListResourceTemplatesResult {
        resourceTemplates = SchemaSupport.orEmpty(resourceTemplates);
    }
}
