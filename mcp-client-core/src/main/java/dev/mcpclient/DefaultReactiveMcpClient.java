package dev.mcpclient;

import dev.mcpclient.schema.CallToolRequest;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.PaginatedRequest;
import dev.mcpclient.schema.Tool;
import dev.mcpclient.session.InboundDispatcher;
import dev.mcpclient.session.InitializeLifecycle;
import dev.mcpclient.session.McpSession;
import dev.mcpclient.session.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/** The client's calls, each one a typed request on the session. */
final class DefaultReactiveMcpClient implements ReactiveMcpClient {

    private final McpSession session;
    private final InitializeLifecycle lifecycle;
    private final InboundDispatcher dispatcher;
    private final McpCallInterceptor interceptor;
    private final AtomicBoolean closed = new AtomicBoolean();

    DefaultReactiveMcpClient(McpSession session, InitializeLifecycle lifecycle, InboundDispatcher dispatcher,
            McpCallInterceptor interceptor) {
        this.session = session;
        this.lifecycle = lifecycle;
        this.dispatcher = dispatcher;
        this.interceptor = interceptor;
    }

    @Override
    public McpClientStatus status() {
        InitializeResult result = lifecycle.initializeResult();
        McpSession.Failure failure = session.lastFailure();
        return new McpClientStatus(result != null, result == null ? null : result.protocolVersion(),
                session.transport().sessionId() != null, session.transport().isBackgroundStreamOpen(),
                session.pendingRequests(), session.droppedResponses(),
                failure == null ? null : failure.error(), failure == null ? null : failure.at());
    }

    @Override
    public Mono<InitializeResult> initialize() {
        return lifecycle.initialize();
    }

    @Override
    public InitializeResult initializeResult() {
        return lifecycle.initializeResult();
    }

    @Override
    public Mono<Void> ping(CallOptions options) {
        return request("ping", null, options).then();
    }

    @Override
    public Mono<ListToolsResult> listTools(CallOptions options) {
        return listTools(null, options)
                .expand(page -> page.nextCursor() == null ? Mono.empty() : listTools(page.nextCursor(), options))
                .collectList()
                .map(pages -> {
                    List<Tool> tools = new ArrayList<>();
                    pages.forEach(page -> tools.addAll(page.tools()));
                    return new ListToolsResult(List.copyOf(tools), null, null);
                });
    }

    @Override
    public Mono<ListToolsResult> listTools(String cursor, CallOptions options) {
        return typed("tools/list", cursor == null ? null : new PaginatedRequest(cursor), options, ListToolsResult.class);
    }

    @Override
    public Mono<CallToolResult> callTool(CallToolRequest request, CallOptions options) {
        return typed("tools/call", request, options, CallToolResult.class);
    }

    @Override
    public Mono<JsonNode> request(String method, Object params, CallOptions options) {
        return interceptor.intercept(new McpCallInterceptor.McpCall(method, targetOf(params)),
                session.request(method, McpJson.toTree(params),
                        RequestOptions.timeout(options.timeout()).withProgress(options.progress())));
    }

    private static String targetOf(Object params) {
        if (params instanceof CallToolRequest call) {
            return call.name();
        }
        return null;
    }

    private <T> Mono<T> typed(String method, Object params, CallOptions options, Class<T> type) {
        return request(method, params, options).handle((result, sink) -> {
            try {
                sink.next(McpJson.fromTree(result, type));
            } catch (RuntimeException e) {
                sink.error(new McpProtocolException("the result of " + method + " is not a valid "
                        + type.getSimpleName() + ": " + e.getMessage(), e));
            }
        });
    }

    /** The session, for the blocking twin and for tests. */
    McpSession session() {
        return session;
    }

    @Override
    public Mono<Void> closeGracefully() {
        return Mono.defer(() -> {
            if (!closed.compareAndSet(false, true)) {
                return Mono.empty();
            }
            session.close();
            dispatcher.dispose();
            return session.transport().closeGracefully();
        });
    }
}
