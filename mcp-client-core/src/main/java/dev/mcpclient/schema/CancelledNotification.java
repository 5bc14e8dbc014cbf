package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The params of {@code notifications/cancelled}: the sender cancels a request it issued earlier.
 *
 * @param requestId the id of the request: a {@link String} or a number (integral numbers are
 *     normalised to {@link Long}); {@code null} only for task cancellation, which uses {@code tasks/cancel}
 * @param reason why, for logs or the user, or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record CancelledNotification(Object requestId, String reason, @JsonProperty("_meta") Map<String, Object> meta) {

    public CancelledNotification {
        requestId = SchemaSupport.normalizeId(requestId);
    }

    /** A cancellation without metadata. */
    public CancelledNotification(Object requestId, String reason) {
        this(requestId, reason, null);
    }
}
