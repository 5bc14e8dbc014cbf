package dev.mcpclient;

import dev.mcpclient.schema.CallToolRequest;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.ListToolsResult;
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
