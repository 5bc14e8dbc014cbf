package dev.mcpclient.schema;

import java.util.List;

/**
 * Optional hints attached to content, resources and templates, telling the client how the data is
 * meant to be used or displayed.
 *
 * @param audience who the data is intended for, or {@code null}
 * @param priority importance from 0 (entirely optional) to 1 (effectively required), or {@code null}
 * @param lastModified ISO 8601 time of the last modification, e.g. {@code "2025-01-12T15:00:58Z"}, or {@code null}
 * @since 0.2.0
 */
public record Annotations(List<Role> audience, Double priority, String lastModified) {
}
