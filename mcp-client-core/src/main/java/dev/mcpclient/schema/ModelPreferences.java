package dev.mcpclient.schema;

import java.util.List;

/**
 * The server's advisory preferences for choosing a model in sampling; priorities range from 0
 * (unimportant) to 1 (most important).
 *
 * @param hints model name hints, to be evaluated in order, or {@code null}
 * @param costPriority how much low cost matters, or {@code null}
 * @param speedPriority how much low latency matters, or {@code null}
 * @param intelligencePriority how much capability matters, or {@code null}
 * @since 0.2.0
 */
public record ModelPreferences(
        List<ModelHint> hints, Double costPriority, Double speedPriority, Double intelligencePriority) {
}
