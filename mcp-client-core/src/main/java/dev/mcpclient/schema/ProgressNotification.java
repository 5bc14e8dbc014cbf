package dev.mcpclient.schema;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * The params of {@code notifications/progress}: progress of a long-running request that asked for
 * it with a {@code progressToken} in its {@code _meta}.
 *
 * @param progressToken the token of the request: a {@link String} or a number (integral numbers are
 *     normalised to {@link Long})
 * @param progress the progress so far; increases with every notification
 * @param total the total progress required, if known, or {@code null}
 * @param message a description of the current progress, or {@code null}
 * @param meta protocol-reserved metadata ({@code _meta}), or {@code null}
 * @since 0.2.0
 */
public record ProgressNotification(
        Object progressToken,
        double progress,
        Double total,
        String message,
        @JsonProperty("_meta") Map<String, Object> meta) {

    public ProgressNotification {
        progressToken = SchemaSupport.normalizeId(progressToken);
    }

    /** A notification without total, message or metadata. */
    public ProgressNotification(Object progressToken, double progress) {
        this(progressToken, progress, null, null, null);
    }
}
