package dev.mcpclient.schema;

/**
 * Execution properties of a tool (2025-11-25).
 *
 * @param taskSupport {@code "forbidden"} (the default), {@code "optional"} or {@code "required"}:
 *     whether the tool can run as a task, or {@code null}
 */
public record ToolExecution(String taskSupport) {
}
