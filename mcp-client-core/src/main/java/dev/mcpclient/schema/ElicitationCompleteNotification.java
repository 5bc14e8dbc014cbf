package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The params of {@code notifications/elicitation/complete}: a URL-mode elicitation finished out of
 * band (2025-11-25).
 *
 * @param elicitationId the {@code elicitationId} of the {@link ElicitRequest}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record ElicitationCompleteNotification(String elicitationId, @JsonProperty("_meta") Map<String, Object> meta) {
}
