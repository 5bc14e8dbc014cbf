package dev.mcpclient.schema;

/**
 * Execution properties of a tool (2025-11-25).
 *
 * @param taskSupport {@code "forbidden"} (the default), {@code "optional"} or {@code "required"}:
 *     whether the tool can run as a task, or {@code null}
 * @since 0.2.0
 */
public record ToolExecution(String taskSupport) {
}
