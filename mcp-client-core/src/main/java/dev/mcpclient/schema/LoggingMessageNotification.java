package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The params of {@code notifications/message}: a log message from the server.
 *
 * @param level the severity
 * @param logger the name of the logger, or {@code null}
 * @param data the logged data: any JSON value, such as a string or an object
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record LoggingMessageNotification(
        LoggingLevel level, String logger, JsonNode data, @JsonProperty("_meta") Map<String, Object> meta) {
}
