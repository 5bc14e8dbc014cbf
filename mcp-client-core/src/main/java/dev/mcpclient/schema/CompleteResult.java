package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/**
 * The server's answer to {@code completion/complete}.
 *
 * @param completion the completion values
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record CompleteResult(Completion completion, @JsonProperty("_meta") Map<String, Object> meta) {

    /**
     * Completion values.
     *
     * @param values at most 100 values; never {@code null}
     * @param total the number of options available, possibly more than sent, or {@code null}
     * @param hasMore whether more options exist than those sent, or {@code null}
     */
    public record Completion(List<String> values, Integer total, Boolean hasMore) {

        public Completion {
            values = SchemaSupport.orEmpty(values);
        }
    }
}
