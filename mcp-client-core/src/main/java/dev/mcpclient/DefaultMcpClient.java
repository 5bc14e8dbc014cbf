package dev.mcpclient;

import dev.mcpclient.schema.CallToolRequest;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.CompleteRequest;
import dev.mcpclient.schema.CompleteResult;
import dev.mcpclient.schema.GetPromptRequest;
import dev.mcpclient.schema.GetPromptResult;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.ListPromptsResult;
import dev.mcpclient.schema.ListResourceTemplatesResult;
import dev.mcpclient.schema.ListResourcesResult;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.schema.LoggingLevel;
import dev.mcpclient.schema.ReadResourceRequest;
import dev.mcpclient.schema.ReadResourceResult;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/** The blocking twin: each call waits for its reactive counterpart, off the event loop only. */
final class DefaultMcpClient implements McpClient {

    private final ReactiveMcpClient reactive;

    DefaultMcpClient(ReactiveMcpClient reactive) {
        this.reactive = reactive;
    }

    @Override
    public InitializeResult initialize() {
        return await(reactive.initialize());
    }

    @Override
    public InitializeResult initializeResult() {
        return reactive.initializeResult();
    }

    @Override
    public McpClientStatus status() {
        return reactive.status();
    }

    @Override
    public void ping() {
        await(reactive.ping());
    }

    @Override
    public void ping(CallOptions options) {
        await(reactive.ping(options));
    }

    @Override
    public ListToolsResult listTools() {
        return await(reactive.listTools());
    }

    @Override
    public ListToolsResult listTools(CallOptions options) {
        return await(reactive.listTools(options));
    }

    @Override
    public ListToolsResult listTools(String cursor, CallOptions options) {
        return await(reactive.listTools(cursor, options));
    }

    @Override
    public CallToolResult callTool(String name, Map<String, ?> arguments) {
        return await(reactive.callTool(name, arguments));
    }

    @Override
    public CallToolResult callTool(String name, Map<String, ?> arguments, CallOptions options) {
        return await(reactive.callTool(name, arguments, options));
    }

    @Override
    public CallToolResult callTool(CallToolRequest request, CallOptions options) {
        return await(reactive.callTool(request, options));
    }

    @Override
    public ListResourcesResult listResources() {
        return await(reactive.listResources());
    }

    @Override
    public ListResourcesResult listResources(CallOptions options) {
        return await(reactive.listResources(options));
    }

    @Override
    public ListResourcesResult listResources(String cursor, CallOptions options) {
        return await(reactive.listResources(cursor, options));
    }

    @Override
    public ListResourceTemplatesResult listResourceTemplates() {
        return await(reactive.listResourceTemplates());
    }

    @Override
    public ListResourceTemplatesResult listResourceTemplates(CallOptions options) {
        return await(reactive.listResourceTemplates(options));
    }

    @Override
    public ListResourceTemplatesResult listResourceTemplates(String cursor, CallOptions options) {
        return await(reactive.listResourceTemplates(cursor, options));
    }

    @Override
    public ReadResourceResult readResource(String uri) {
        return await(reactive.readResource(uri));
    }

    @Override
    public ReadResourceResult readResource(ReadResourceRequest request, CallOptions options) {
        return await(reactive.readResource(request, options));
    }

    @Override
    public void subscribeResource(String uri) {
        await(reactive.subscribeResource(uri));
    }

    @Override
    public void subscribeResource(String uri, CallOptions options) {
        await(reactive.subscribeResource(uri, options));
    }

    @Override
    public void unsubscribeResource(String uri) {
        await(reactive.unsubscribeResource(uri));
    }

    @Override
    public void unsubscribeResource(String uri, CallOptions options) {
        await(reactive.unsubscribeResource(uri, options));
    }

    @Override
    public ListPromptsResult listPrompts() {
        return await(reactive.listPrompts());
    }

    @Override
    public ListPromptsResult listPrompts(CallOptions options) {
        return await(reactive.listPrompts(options));
    }

    @Override
    public ListPromptsResult listPrompts(String cursor, CallOptions options) {
        return await(reactive.listPrompts(cursor, options));
    }

    @Override
    public GetPromptResult getPrompt(String name, Map<String, String> arguments) {
        return await(reactive.getPrompt(name, arguments));
    }

    @Override
    public GetPromptResult getPrompt(GetPromptRequest request, CallOptions options) {
        return await(reactive.getPrompt(request, options));
    }

    @Override
    public CompleteResult complete(CompleteRequest request) {
        return await(reactive.complete(request));
    }

    @Override
    public CompleteResult complete(CompleteRequest request, CallOptions options) {
        return await(reactive.complete(request, options));
    }

    @Override
    public void setLoggingLevel(LoggingLevel level) {
        await(reactive.setLoggingLevel(level));
    }

    @Override
    public void setLoggingLevel(LoggingLevel level, CallOptions options) {
        await(reactive.setLoggingLevel(level, options));
    }

    @Override
    public void rootsListChanged() {
        await(reactive.rootsListChanged());
    }

    @Override
    public JsonNode request(String method, Object params, CallOptions options) {
        return await(reactive.request(method, params, options));
    }

    @Override
    public ReactiveMcpClient reactive() {
        return reactive;
    }

    @Override
    public void close() {
        await(reactive.closeGracefully());
    }

    private static <T> T await(Mono<T> call) {
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException("The blocking McpClient was called on a non-blocking thread ("
                    + Thread.currentThread().getName() + "); use McpClient.reactive() there");
        }
        return call.block();
    }
}
