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
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.McpMethods;
import dev.mcpclient.schema.PaginatedRequest;
import dev.mcpclient.schema.ReadResourceRequest;
import dev.mcpclient.schema.ReadResourceResult;
import dev.mcpclient.schema.SetLevelRequest;
import dev.mcpclient.schema.SubscribeRequest;
import dev.mcpclient.schema.Tool;
import dev.mcpclient.schema.UnsubscribeRequest;
import dev.mcpclient.internal.session.InboundDispatcher;
import dev.mcpclient.internal.session.InitializeLifecycle;
import dev.mcpclient.internal.session.McpSession;
import dev.mcpclient.internal.session.RequestOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The client's calls, each one a typed request on the session; the session's cached lists; the
 * check of tool results against their output schema.
 *
 * <p>Full listings ({@code listTools()}, {@code listResources()}, {@code listPrompts()}) are cached
 * per session and dropped when the server announces a change (see {@link ServerNotifications});
 * listings of one page by cursor always ask the server.
 */
final class DefaultReactiveMcpClient implements ReactiveMcpClient {

    private final McpSession session;
    private final InitializeLifecycle lifecycle;
    private final InboundDispatcher dispatcher;
    private final InterceptorChain interceptors;
    private final CapabilityGuard guard;
    private final ToolOutputValidator outputValidator;
    private final boolean hasRoots;
    private final ListCache<ListToolsResult> tools;
    private final ListCache<ListResourcesResult> resources;
    private final ListCache<ListPromptsResult> prompts;
    private final AtomicBoolean closed = new AtomicBoolean();

    /**
     * @param serverName the configured name of the server, or {@code null} for its {@code serverInfo.name}
     * @param outputValidator checks tool results, or {@code null} to not check them
     */
    DefaultReactiveMcpClient(McpSession session, InitializeLifecycle lifecycle, InboundDispatcher dispatcher,
            InterceptorChain interceptors, String serverName, ToolOutputValidator outputValidator, boolean hasRoots) {
        this.session = session;
        this.lifecycle = lifecycle;
        this.dispatcher = dispatcher;
        this.interceptors = interceptors;
        this.guard = new CapabilityGuard(lifecycle::initializeResult, () -> serverName(serverName));
        this.outputValidator = outputValidator;
        this.hasRoots = hasRoots;
        this.tools = new ListCache<>(lifecycle::initializeResult);
        this.resources = new ListCache<>(lifecycle::initializeResult);
        this.prompts = new ListCache<>(lifecycle::initializeResult);
    }

    /** The configured name, else the server's own name, else {@code "unknown"}. */
    String serverName(String configured) {
        if (configured != null) {
            return configured;
        }
        InitializeResult result = lifecycle.initializeResult();
        return result != null && result.serverInfo() != null && result.serverInfo().name() != null
                ? result.serverInfo().name() : "unknown";
    }

    @Override
    public McpClientStatus status() {
        return session.status(lifecycle.initializeResult());
    }

    @Override
    public Mono<InitializeResult> initialize() {
        return session.ready().then(Mono.fromSupplier(lifecycle::initializeResult));
    }

    @Override
    public InitializeResult initializeResult() {
        return lifecycle.initializeResult();
    }

    @Override
    public Mono<Void> ping(CallOptions options) {
        return request(McpMethods.PING, null, options).then();
    }

    // ---------------------------------------------------------------- tools

    @Override
    public Mono<ListToolsResult> listTools(CallOptions options) {
        return tools.get(() -> allPages(cursor -> listTools(cursor, options), ListToolsResult::nextCursor,
                pages -> new ListToolsResult(concat(pages, ListToolsResult::tools), null, null)));
    }

    @Override
    public Mono<ListToolsResult> listTools(String cursor, CallOptions options) {
        return typed(McpMethods.TOOLS_LIST, page(cursor), options, ListToolsResult.class);
    }

    @Override
    public Mono<CallToolResult> callTool(CallToolRequest request, CallOptions options) {
        if (outputValidator == null) {
            return typed(McpMethods.TOOLS_CALL, request, options, CallToolResult.class);
        }
        ListToolsResult listed = tools.peek();
        if (listed != null) {
            // The common case: the tool is known, so the result is checked as it is read, in the call.
            return call(McpMethods.TOOLS_CALL, request, options, tree -> {
                CallToolResult result = read(McpMethods.TOOLS_CALL, tree, CallToolResult.class);
                if (result.isError()) {
                    return result;
                }
                ListToolsResult latest = tools.peek();
                return outputValidator.check(toolNamed(latest != null ? latest : listed, request.name()), result);
            });
        }
        // The tool list is fetched for the check, inside the call as interceptors see it: a mismatch is the call's failure.
        CallOptions listing = options.timeout() == null ? CallOptions.defaults() : CallOptions.withTimeout(options.timeout());
        Mono<CallToolResult> checked = send(McpMethods.TOOLS_CALL, request, options,
                tree -> read(McpMethods.TOOLS_CALL, tree, CallToolResult.class))
                .flatMap(result -> result.isError() ? Mono.just(result)
                        : listTools(listing).map(list -> outputValidator.check(toolNamed(list, request.name()), result)));
        return intercepted(McpMethods.TOOLS_CALL, request, checked);
    }

    /** The tool of that name in the list, or {@code null} when the server does not list it. */
    private static Tool toolNamed(ListToolsResult list, String name) {
        for (Tool tool : list.tools()) {
            if (Objects.equals(tool.name(), name)) {
                return tool;
            }
        }
        return null;
    }

    // ---------------------------------------------------------------- resources

    @Override
    public Mono<ListResourcesResult> listResources(CallOptions options) {
        return resources.get(() -> allPages(cursor -> listResources(cursor, options), ListResourcesResult::nextCursor,
                pages -> new ListResourcesResult(concat(pages, ListResourcesResult::resources), null, null)));
    }

    @Override
    public Mono<ListResourcesResult> listResources(String cursor, CallOptions options) {
        return typed(McpMethods.RESOURCES_LIST, page(cursor), options, ListResourcesResult.class);
    }

    @Override
    public Mono<ListResourceTemplatesResult> listResourceTemplates(CallOptions options) {
        return allPages(cursor -> listResourceTemplates(cursor, options), ListResourceTemplatesResult::nextCursor,
                pages -> new ListResourceTemplatesResult(
                        concat(pages, ListResourceTemplatesResult::resourceTemplates), null, null));
    }

    @Override
    public Mono<ListResourceTemplatesResult> listResourceTemplates(String cursor, CallOptions options) {
        return typed(McpMethods.RESOURCES_TEMPLATES_LIST, page(cursor), options, ListResourceTemplatesResult.class);
    }

    @Override
    public Mono<ReadResourceResult> readResource(ReadResourceRequest request, CallOptions options) {
        return typed(McpMethods.RESOURCES_READ, request, options, ReadResourceResult.class);
    }

    @Override
    public Mono<Void> subscribeResource(String uri, CallOptions options) {
        return request(McpMethods.RESOURCES_SUBSCRIBE, new SubscribeRequest(Objects.requireNonNull(uri, "uri")), options)
                .then();
    }

    @Override
    public Mono<Void> unsubscribeResource(String uri, CallOptions options) {
        return request(McpMethods.RESOURCES_UNSUBSCRIBE, new UnsubscribeRequest(Objects.requireNonNull(uri, "uri")),
                options).then();
    }

    // ---------------------------------------------------------------- prompts, completion, logging

    @Override
    public Mono<ListPromptsResult> listPrompts(CallOptions options) {
        return prompts.get(() -> allPages(cursor -> listPrompts(cursor, options), ListPromptsResult::nextCursor,
                pages -> new ListPromptsResult(concat(pages, ListPromptsResult::prompts), null, null)));
    }

    @Override
    public Mono<ListPromptsResult> listPrompts(String cursor, CallOptions options) {
        return typed(McpMethods.PROMPTS_LIST, page(cursor), options, ListPromptsResult.class);
    }

    @Override
    public Mono<GetPromptResult> getPrompt(GetPromptRequest request, CallOptions options) {
        return typed(McpMethods.PROMPTS_GET, request, options, GetPromptResult.class);
    }

    @Override
    public Mono<CompleteResult> complete(CompleteRequest request, CallOptions options) {
        return typed(McpMethods.COMPLETION_COMPLETE, request, options, CompleteResult.class);
    }

    @Override
    public Mono<Void> setLoggingLevel(LoggingLevel level, CallOptions options) {
        return request(McpMethods.LOGGING_SET_LEVEL, new SetLevelRequest(Objects.requireNonNull(level, "level")), options)
                .then();
    }

    // ---------------------------------------------------------------- roots

    @Override
    public Mono<Void> rootsListChanged() {
        if (!hasRoots) {
            return Mono.error(new IllegalStateException(
                    "no roots provider is registered (McpClientBuilder.roots), so the client declared no roots capability"));
        }
        return session.notify(McpMethods.NOTIFICATION_ROOTS_LIST_CHANGED, null);
    }

    // ---------------------------------------------------------------- any request

    @Override
    public Mono<JsonNode> request(String method, Object params, CallOptions options) {
        return call(method, params, options, Function.identity());
    }

    /** One request through the interceptors, its result read by {@code reader} as the call settles. */
    private <T> Mono<T> call(String method, Object params, CallOptions options, Function<JsonNode, ? extends T> reader) {
        return intercepted(method, params, send(method, params, options, reader));
    }

    /** The request on the session, its capability checked once the session is ready. */
    private <T> Mono<T> send(String method, Object params, CallOptions options, Function<JsonNode, ? extends T> reader) {
        RequestOptions requestOptions = new RequestOptions(options.timeout(), false, options.progress(),
                options.maxTotalTimeout(), options.meta(), guard.forMethod(method));
        return session.request(method, McpJson.toParams(params), requestOptions, reader);
    }

    /** {@code execution}, the call of {@code method}, as the interceptors wrap it. */
    private <T> Mono<T> intercepted(String method, Object params, Mono<T> execution) {
        return interceptors.intercept(new McpCallInterceptor.McpCall(method, targetOf(params)), execution);
    }

    private static String targetOf(Object params) {
        if (params instanceof CallToolRequest call) {
            return call.name();
        }
        if (params instanceof GetPromptRequest prompt) {
            return prompt.name();
        }
        if (params instanceof ReadResourceRequest read) {
            return read.uri();
        }
        if (params instanceof SubscribeRequest subscribe) {
            return subscribe.uri();
        }
        if (params instanceof UnsubscribeRequest unsubscribe) {
            return unsubscribe.uri();
        }
        return null;
    }

    private <T> Mono<T> typed(String method, Object params, CallOptions options, Class<T> type) {
        return call(method, params, options, tree -> read(method, tree, type));
    }

    /** The result of {@code method} as {@code type}; fails with {@link McpProtocolException} when it is not one. */
    private static <T> T read(String method, JsonNode result, Class<T> type) {
        T value;
        try {
            value = McpJson.fromTree(result, type);
        } catch (RuntimeException e) {
            throw new McpProtocolException("the result of " + method + " is not a valid "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        }
        if (value == null) {
            throw new McpProtocolException("the result of " + method + " is not a valid " + type.getSimpleName() + ": null");
        }
        return value;
    }

    private static PaginatedRequest page(String cursor) {
        return cursor == null ? null : new PaginatedRequest(cursor);
    }

    /** Every page, following {@code nextCursor}, joined into one result. */
    private static <P> Mono<P> allPages(Function<String, Mono<P>> page, Function<P, String> nextCursor,
            Function<List<P>, P> join) {
        return page.apply(null)
                .expand(p -> nextCursor.apply(p) == null ? Mono.empty() : page.apply(nextCursor.apply(p)))
                .collectList()
                .map(join);
    }

    private static <P, I> List<I> concat(List<P> pages, Function<P, List<I>> items) {
        List<I> all = new ArrayList<>();
        pages.forEach(p -> all.addAll(items.apply(p)));
        return List.copyOf(all);
    }

    // ---------------------------------------------------------------- for the notifications, the blocking twin, tests

    ListCache<ListToolsResult> toolsCache() {
        return tools;
    }

    ListCache<ListResourcesResult> resourcesCache() {
        return resources;
    }

    ListCache<ListPromptsResult> promptsCache() {
        return prompts;
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
