package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The server's answer to {@code prompts/list}: one page of prompts.
 *
 * @param prompts the prompts of this page; never {@code null}
 * @param nextCursor the cursor for the next page, or {@code null} if this is the last page
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record ListPromptsResult(List<Prompt> prompts, String nextCursor, @JsonProperty("_meta") Map<String, Object> meta) {

    public ListPromptsResult {
        prompts = SchemaSupport.orEmpty(prompts);
    }
}
