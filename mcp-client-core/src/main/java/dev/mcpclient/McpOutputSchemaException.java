package dev.mcpclient;

import dev.mcpclient.schema.CallToolResult;
import java.util.List;

/**
 * A tool's result does not match the {@code outputSchema} the tool declared in {@code tools/list}:
 * its {@code structuredContent} is missing or fails JSON Schema validation.
 *
 * @since 0.2.0
 */
public class McpOutputSchemaException extends McpException {

    private final String toolName;
    private final List<String> messages;
    private final CallToolResult result;

    /**
     * @param toolName the tool that was called
     * @param messages what is wrong, one message per validation error
     * @param result the result as the server sent it
     */
    public McpOutputSchemaException(String toolName, List<String> messages, CallToolResult result) {
        super("the result of tool '" + toolName + "' does not match its outputSchema: " + String.join("; ", messages));
        this.toolName = toolName;
        this.messages = List.copyOf(messages);
        this.result = result;
    }

    /** The tool that was called. */
    public String toolName() {
        return toolName;
    }

    /** What is wrong, one message per validation error. */
    public List<String> messages() {
        return messages;
    }

    /** The result as the server sent it. */
    public CallToolResult result() {
        return result;
    }
}
