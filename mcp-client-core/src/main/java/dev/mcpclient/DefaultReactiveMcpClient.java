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
import dev.mcpclient.internal.session.EraLifecycle;
import dev.mcpclient.internal.session.McpSession;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger log = LoggerFactory.getLogger(DefaultReactiveMcpClient.class);

    private final McpSession session;
    private final EraLifecycle lifecycle;
    private final InboundDispatcher dispatcher;
    private final InterceptorChain interceptors;
    private final CapabilityGuard guard;
    private final ToolOutputValidator outputValidator;
    private final boolean hasRoots;
    private final ListCache<ListToolsResult> tools;
    private final ListCache<ListResourcesResult> resources;
    private final ListCache<ListPromptsResult> prompts;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final ListenSubscriptions subscriptions;
    private final ToolDeclarations declarations;
    private final SessionRequests requests;

    /**
     * @param serverName the configured name of the server, or {@code null} for its {@code serverInfo.name}
     * @param outputValidator checks tool results, or {@code null} to not check them
     */
    DefaultReactiveMcpClient(McpSession session, EraLifecycle lifecycle, InboundDispatcher dispatcher,
            InterceptorChain interceptors, String serverName, ToolOutputValidator outputValidator, boolean hasRoots,
            boolean listens) {
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
        this.declarations = new ToolDeclarations(lifecycle::isModern, () -> serverName(serverName));
        this.requests = new SessionRequests(session, lifecycle, guard, new InputRounds(dispatcher, InputRounds.DEFAULT_MAX_ROUNDS),
                declarations, tools, this::listTools, () -> serverName(serverName));
        this.subscriptions = new ListenSubscriptions(session.transport(), lifecycle, listens);
        lifecycle.onModern(subscriptions::update);
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
        // The modern era has no ping: server/discover is its cheapest request.
        return eraCall(McpMethods.PING, null, options, within -> requests.send(lifecycle.isModern() ? McpMethods.SERVER_DISCOVER
                : McpMethods.PING, null, within, Function.identity()).then());
    }

    /**
     * A call whose request depends on the era ({@code ping}, {@code logging/setLevel},
     * {@code resources/subscribe}): one call for the interceptors, named {@code method}, whose timeout
     * covers waiting for the era as well; {@code call} gets the options of what remains of it.
     */
    private <T> Mono<T> eraCall(String method, Object params, CallOptions options, Function<CallOptions, Mono<T>> call) {
        return intercepted(method, params, requests.whenReady(method, options, call));
    }

    // ---------------------------------------------------------------- tools

    @Override
    public Mono<ListToolsResult> listTools(CallOptions options) {
        return tools.get(ttl -> Pages.all(cursor -> page(McpMethods.TOOLS_LIST, cursor, options, ttl,
                        tree -> declarations.keepValid(read(McpMethods.TOOLS_LIST, tree, ListToolsResult.class))),
                ListToolsResult::nextCursor,
                pages -> new ListToolsResult(Pages.concat(pages, ListToolsResult::tools), null, null)));
    }

    @Override
    public Mono<ListToolsResult> listTools(String cursor, CallOptions options) {
        return call(McpMethods.TOOLS_LIST, page(cursor), options, tree -> declarations.keepValid(read(McpMethods.TOOLS_LIST,
                tree, ListToolsResult.class)));
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
        CallOptions listing = SessionRequests.listing(options);
        Mono<CallToolResult> checked = requests.send(McpMethods.TOOLS_CALL, request, options,
                tree -> read(McpMethods.TOOLS_CALL, tree, CallToolResult.class))
                .flatMap(result -> {
                    if (result.isError()) {
                        return Mono.just(result);
                    }
                    // Known by now when the call listed the tools first (the modern era), even if already stale.
                    ListToolsResult known = tools.peek();
                    return known != null ? Mono.just(outputValidator.check(toolNamed(known, request.name()), result))
                            : listTools(listing).map(list -> outputValidator.check(toolNamed(list, request.name()), result));
                });
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
        return resources.get(ttl -> Pages.all(cursor -> page(McpMethods.RESOURCES_LIST, cursor, options, ttl,
                        tree -> read(McpMethods.RESOURCES_LIST, tree, ListResourcesResult.class)),
                ListResourcesResult::nextCursor,
                pages -> new ListResourcesResult(Pages.concat(pages, ListResourcesResult::resources), null, null)));
    }

    @Override
    public Mono<ListResourcesResult> listResources(String cursor, CallOptions options) {
        return typed(McpMethods.RESOURCES_LIST, page(cursor), options, ListResourcesResult.class);
    }

    @Override
    public Mono<ListResourceTemplatesResult> listResourceTemplates(CallOptions options) {
        return Pages.all(cursor -> listResourceTemplates(cursor, options), ListResourceTemplatesResult::nextCursor,
                pages -> new ListResourceTemplatesResult(
                        Pages.concat(pages, ListResourceTemplatesResult::resourceTemplates), null, null));
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
        SubscribeRequest request = new SubscribeRequest(Objects.requireNonNull(uri, "uri"));
        // The modern era has no resources/subscribe: the subscriptions/listen stream carries the resource's updates.
        return eraCall(McpMethods.RESOURCES_SUBSCRIBE, request, options, within -> lifecycle.isModern()
                ? Mono.fromRunnable(() -> subscriptions.subscribe(uri, guard.forMethod(McpMethods.RESOURCES_SUBSCRIBE)))
                : requests.send(McpMethods.RESOURCES_SUBSCRIBE, request, within, Function.identity()).then());
    }

    @Override
    public Mono<Void> unsubscribeResource(String uri, CallOptions options) {
        UnsubscribeRequest request = new UnsubscribeRequest(Objects.requireNonNull(uri, "uri"));
        return eraCall(McpMethods.RESOURCES_UNSUBSCRIBE, request, options, within -> lifecycle.isModern()
                ? Mono.fromRunnable(() -> {
                    guard.forMethod(McpMethods.RESOURCES_UNSUBSCRIBE).run();
                    subscriptions.unsubscribe(uri);
                })
                : requests.send(McpMethods.RESOURCES_UNSUBSCRIBE, request, within, Function.identity()).then());
    }

    // ---------------------------------------------------------------- prompts, completion, logging

    @Override
    public Mono<ListPromptsResult> listPrompts(CallOptions options) {
        return prompts.get(ttl -> Pages.all(cursor -> page(McpMethods.PROMPTS_LIST, cursor, options, ttl,
                        tree -> read(McpMethods.PROMPTS_LIST, tree, ListPromptsResult.class)),
                ListPromptsResult::nextCursor,
                pages -> new ListPromptsResult(Pages.concat(pages, ListPromptsResult::prompts), null, null)));
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
        SetLevelRequest request = new SetLevelRequest(Objects.requireNonNull(level, "level"));
        // The modern era has no logging/setLevel: every request carries the level in its _meta instead.
        return eraCall(McpMethods.LOGGING_SET_LEVEL, request, options, within -> lifecycle.isModern()
                ? Mono.fromRunnable(() -> lifecycle.logLevel(McpJson.toTree(level).asString()))
                : requests.send(McpMethods.LOGGING_SET_LEVEL, request, within, Function.identity()).then());
    }

    // ---------------------------------------------------------------- roots

    @Override
    public Mono<Void> rootsListChanged() {
        if (!hasRoots) {
            return Mono.error(new IllegalStateException(
                    "no roots provider is registered (McpClientBuilder.roots), so the client declared no roots capability"));
        }
        // The modern era has no such notification: the server asks for the roots with each request that needs them.
        return session.ready().then(Mono.defer(() -> lifecycle.isModern() ? Mono.empty()
                : session.notify(McpMethods.NOTIFICATION_ROOTS_LIST_CHANGED, null)));
    }

    // ---------------------------------------------------------------- any request

    @Override
    public Mono<JsonNode> request(String method, Object params, CallOptions options) {
        return call(method, params, options, Function.identity());
    }

    /** One request through the interceptors, its result read by {@code reader} as the call settles. */
    private <T> Mono<T> call(String method, Object params, CallOptions options, Function<JsonNode, ? extends T> reader) {
        return intercepted(method, params, requests.send(method, params, options, reader));
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

    /** One page of a cached listing, its time to live reported to {@code ttl} (see {@link ListCache}). */
    private <P> Mono<P> page(String method, String cursor, CallOptions options, LongConsumer ttl,
            Function<JsonNode, P> reader) {
        return call(method, page(cursor), options, tree -> {
            ttl.accept(ListCache.timeToLive(tree, lifecycle.isModern()));
            return reader.apply(tree);
        });
    }

    private static PaginatedRequest page(String cursor) {
        return cursor == null ? null : new PaginatedRequest(cursor);
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
            subscriptions.close();
            return session.transport().closeGracefully();
        });
    }
}
