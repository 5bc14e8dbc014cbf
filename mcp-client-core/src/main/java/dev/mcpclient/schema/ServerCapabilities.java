package dev.mcpclient.schema;

import java.util.Map;

/**
 * The features a server declares in its {@code initialize} result; an absent (null) member means
 * the feature is not offered.
 *
 * @param experimental non-standard capabilities, by name, or {@code null}
 * @param logging present (an empty object) if the server sends log messages, or {@code null}
 * @param completions present (an empty object) if the server offers argument completion, or {@code null}
 * @param prompts present if the server offers prompts, or {@code null}
 * @param resources present if the server offers resources, or {@code null}
 * @param tools present if the server offers tools, or {@code null}
 * @param tasks task-augmented request support (2025-11-25), kept as raw JSON, or {@code null}
 * @since 0.2.0
 */
public record ServerCapabilities(
        Map<String, Object> experimental,
        Map<String, Object> logging,
        Map<String, Object> completions,
        PromptsCapability prompts,
        ResourcesCapability resources,
        ToolsCapability tools,
        Map<String, Object> tasks) {

    /**
     * Prompt support.
     *
     * @param listChanged whether the server sends {@code notifications/prompts/list_changed}, or {@code null}
     */
    public record PromptsCapability(Boolean listChanged) {
    }

    /**
     * Resource support.
     *
     * @param subscribe whether the server accepts {@code resources/subscribe}, or {@code null}
     * @param listChanged whether the server sends {@code notifications/resources/list_changed}, or {@code null}
     */
    public record ResourcesCapability(Boolean subscribe, Boolean listChanged) {
    }

    /**
     * Tool support.
     *
     * @param listChanged whether the server sends {@code notifications/tools/list_changed}, or {@code null}
     */
    public record ToolsCapability(Boolean listChanged) {
    }
}
