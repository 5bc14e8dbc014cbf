package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * A result that only signals success: the answer to {@code ping}, {@code logging/setLevel},
 * {@code resources/subscribe} and {@code resources/unsubscribe}.
 *
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record EmptyResult(@JsonProperty("_meta") Map<String, Object> meta) {

    /** An empty result without metadata. */
    public EmptyResult() {
        this(null);
    }
}
