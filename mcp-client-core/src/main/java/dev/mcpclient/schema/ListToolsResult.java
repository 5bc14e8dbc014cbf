package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The server's answer to {@code tools/list}: one page of tools.
 *
 * @param tools the tools of this page; never {@code null}
 * @param nextCursor the cursor for the next page, or {@code null} if this is the last page
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record ListToolsResult(List<Tool> tools, String nextCursor, @JsonProperty("_meta") Map<String, Object> meta) {

    public ListToolsResult {
        tools = SchemaSupport.orEmpty(tools);
    }
}
