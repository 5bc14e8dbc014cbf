package dev.mcpclient.boot.autoconfigure.ai;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.schema.CallToolRequest;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.Tool;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.ai.chat.model.ToolContext;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.definition.DefaultToolDefinition;
import org.springframework.ai.tool.definition.ToolDefinition;
import reactor.core.scheduler.Schedulers;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One tool of one MCP server as a Spring AI {@link ToolCallback}, made by {@link McpToolCallbackProvider}.
 *
 * <p>Its definition carries the tool's description (its title or name when it has none) and its
 * input schema as the server sent it, under a name unique in the provider's set. A call goes through
 * the server's {@link McpClient}, with its timeout, interceptors and observations, and must run on a
 * thread that may block (Spring AI runs tools on such threads). The result becomes the text the model
 * reads: text blocks joined, {@code structuredContent} as JSON, other blocks described; a result the
 * tool marked as an error is returned as {@code Error: <its text>}. A call that gives no result
 * (transport failure, timeout, closed client, a JSON-RPC error) throws a
 * {@link org.springframework.ai.tool.execution.ToolExecutionException} whose message names the server and
 * the tool, which Spring AI hands to the model as the tool's answer.
 *
 * @since 0.2.0
 */
public final class McpToolCallback implements ToolCallback {

    private static final String EMPTY_SCHEMA = "{\"type\":\"object\",\"properties\":{}}";

    private final String server;
    private final McpClient client;
    private final Tool tool;
    private final ToolDefinition definition;
    private final Predicate<String> metaKeys;

    McpToolCallback(String server, McpClient client, Tool tool, String name, Predicate<String> metaKeys) {
        this.server = server;
        this.client = client;
        this.tool = tool;
        this.metaKeys = metaKeys;
        this.definition = new DefaultToolDefinition(name, description(tool, name), schema(tool.inputSchema()));
    }

    /** The name of the server that offers the tool (under {@code mcp.client.servers}). */
    public String server() {
        return server;
    }

    /** The tool as the server listed it; its {@link Tool#name()} is the name the server knows it by. */
    public Tool tool() {
        return tool;
    }

    @Override
    public ToolDefinition getToolDefinition() {
        return definition;
    }

    @Override
    public String call(String toolInput) {
        return call(toolInput, null);
    }

    /**
     * Calls the tool with {@code toolInput} (a JSON object) as its arguments; the {@code toolContext}
     * entries whose keys are configured ({@code mcp.client.spring-ai.tool-context-keys}) go along as
     * the request's {@code _meta}.
     */
    @Override
    public String call(String toolInput, ToolContext toolContext) {
        if (Schedulers.isInNonBlockingThread()) {
            throw failure(new IllegalStateException("it was called on a non-blocking thread ("
                    + Thread.currentThread().getName() + "), where waiting for the server is not allowed"));
        }
        Map<String, Object> arguments = arguments(toolInput);
        Map<String, Object> meta = meta(toolContext);
        CallOptions options = meta.isEmpty() ? CallOptions.defaults() : CallOptions.defaults().meta(meta);
        CallToolResult result;
        try {
            result = client.callTool(new CallToolRequest(tool.name(), arguments), options);
        } catch (RuntimeException e) {
            if (e.getCause() instanceof InterruptedException) {
                Thread.currentThread().interrupt(); // the wait was interrupted (and the call cancelled): tell the caller
            }
            throw failure(e);
        }
        return ToolResults.toText(result);
    }

    private Map<String, Object> arguments(String toolInput) {
        if (toolInput == null || toolInput.isBlank()) {
            return Map.of();
        }
        JsonNode tree;
        try {
            tree = McpJson.mapper().readTree(toolInput);
        } catch (JacksonException e) {
            throw failure(new IllegalArgumentException("its arguments are not valid JSON (" + e.getOriginalMessage() + ")"));
        }
        if (!tree.isObject()) {
            throw failure(new IllegalArgumentException("its arguments must be a JSON object, not " + tree.getNodeType()));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = McpJson.mapper().convertValue(tree, LinkedHashMap.class);
        return arguments;
    }

    private Map<String, Object> meta(ToolContext toolContext) {
        Map<String, Object> meta = new LinkedHashMap<>();
        if (toolContext != null) {
            toolContext.getContext().forEach((key, value) -> {
                if (value != null && metaKeys.test(key)) {
                    meta.put(key, value);
                }
            });
        }
        return meta;
    }

    private McpToolExecutionException failure(RuntimeException cause) {
        return new McpToolExecutionException(definition, server, tool.name(), cause);
    }

    private static String description(Tool tool, String name) {
        if (tool.description() != null && !tool.description().isBlank()) {
            return tool.description();
        }
        return tool.title() != null && !tool.title().isBlank() ? tool.title() : name;
    }

    private static String schema(JsonNode inputSchema) {
        return inputSchema == null || inputSchema.isNull() ? EMPTY_SCHEMA
                : McpJson.mapper().writeValueAsString(inputSchema);
    }

    @Override
    public String toString() {
        return "McpToolCallback[" + definition.name() + " = tool '" + tool.name() + "' of server '" + server + "']";
    }
}
