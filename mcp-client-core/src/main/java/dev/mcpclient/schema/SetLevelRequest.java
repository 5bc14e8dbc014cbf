package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The params of {@code logging/setLevel}.
 *
 * @param level the least severe level the server should send as {@code notifications/message}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record SetLevelRequest(LoggingLevel level, @JsonProperty("_meta") Map<String, Object> meta) {

    /** A request without metadata. */
    public SetLevelRequest(LoggingLevel level) {
        this(level, null);
    }
}
