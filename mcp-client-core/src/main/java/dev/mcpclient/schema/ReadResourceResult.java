package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The server's answer to {@code resources/read}.
 *
 * @param contents the contents of the resource and its sub-resources, text or blob; never {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record ReadResourceResult(List<ResourceContents> contents, @JsonProperty("_meta") Map<String, Object> meta) {

    public ReadResourceResult {
        contents = SchemaSupport.orEmpty(contents);
    }
}
