package dev.mcpclient.boot.autoconfigure.ai;

import org.springframework.ai.tool.definition.ToolDefinition;
import org.springframework.ai.tool.execution.ToolExecutionException;

/**
 * A call of an MCP tool that did not give a result (transport failure, timeout, closed client, a
 * JSON-RPC error, arguments that are not JSON, a non-blocking thread). Its message names the server
 * and the tool; Spring AI hands it to the model as the tool's answer, and the conversation goes on.
 */
final class McpToolExecutionException extends ToolExecutionException {

    private final String message;

    McpToolExecutionException(ToolDefinition definition, String server, String tool, RuntimeException cause) {
        super(definition, cause);
        this.message = "The tool '" + tool + "' of MCP server '" + server + "' failed: " + cause.getMessage();
    }

    @Override
    public String getMessage() {
        return message;
    }
}
