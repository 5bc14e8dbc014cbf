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
import dev.mcpclient.transport.McpTransport;
import dev.mcpclient.transport.TransportBuilder;
import dev.mcpclient.transport.http.LegacySseTransport;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import dev.mcpclient.transport.stdio.StdioTransport;
import java.util.Map;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import tools.jackson.databind.JsonNode;

/**
 * The blocking MCP client. Each method waits for its call to settle and returns the result or throws
 * an {@link McpException}; it refuses to run on a non-blocking (event-loop) thread, where
 * {@link #reactive()} is the twin to use. Each method behaves as its {@link ReactiveMcpClient} twin
 * (capability checks, cached listings, output schema checks).
 *
 * <pre>{@code
 * McpClient client = McpClient.streamableHttp("http://127.0.0.1:8080/mcp")
 *         .requestTimeout(Duration.ofSeconds(10))
 *         .build();
 * CallToolResult result = client.callTool("echo", Map.of("x", 1));
 * client.close();
 * }</pre>
 *
 * @since 0.2.0
 */
public interface McpClient extends AutoCloseable {

    /**
     * A builder of a client for a Streamable HTTP server at {@code url}, with the transport's defaults.
     * A server that answers the {@code initialize} POST with 400, 404 or 405 is tried over the HTTP+SSE
     * transport of revision 2024-11-05 at the same URL. For headers, a {@code WebClient.Builder} or
     * other options of the transport, use {@link #builder(TransportBuilder)} with
     * {@link StreamableHttpTransport#builder(String)}.
     */
    static McpClientBuilder streamableHttp(String url) {
        return builder(StreamableHttpTransport.builder(url));
    }

    /**
     * A builder of a client for a server of the HTTP+SSE transport of protocol revision 2024-11-05,
     * whose event stream is at {@code sseUrl} (e.g. {@code http://localhost:8080/sse}); options of the
     * transport on {@link LegacySseTransport#builder(String)}.
     */
    static McpClientBuilder sse(String sseUrl) {
        return builder(LegacySseTransport.builder(sseUrl));
    }

    /**
     * A builder of a client for a server that runs as a child process, started by {@code command} with
     * {@code args} and spoken to over its standard input and output (the stdio transport); options of
     * the process (environment, working directory) on {@link StdioTransport#builder(String, String...)}.
     */
    static McpClientBuilder stdio(String command, String... args) {
        return builder(StdioTransport.builder(command, args));
    }

    /**
     * A builder of a client over the transport {@code transport} builds, with the transport's own
     * options set on it; every client built gets a transport of its own.
     */
    static McpClientBuilder builder(TransportBuilder<?> transport) {
        return McpClientBuilder.of(transport);
    }

    /** A builder of a client over {@code transport} (a transport serves one client). */
    static McpClientBuilder builder(McpTransport transport) {
        return McpClientBuilder.of(transport);
    }

    /** The non-blocking twin of this client (same session): every method here waits for its twin's call. */
    ReactiveMcpClient reactive();

    /** Starts the session if there is none; returns the server's {@code initialize} result. */
    default InitializeResult initialize() {
        return await(reactive().initialize());
    }

    /** The current session's {@code initialize} result, or {@code null} before the first session. */
    default InitializeResult initializeResult() {
        return reactive().initializeResult();
    }

    /** A snapshot of the connection: session, background stream, calls in flight, last error. */
    default McpClientStatus status() {
        return reactive().status();
    }

    /** Sends {@code ping}. */
    default void ping() {
        ping(CallOptions.defaults());
    }

    /** Sends {@code ping}. */
    default void ping(CallOptions options) {
        await(reactive().ping(options));
    }

    /** Lists every tool, following {@code nextCursor} through all pages (cached for the session). */
    default ListToolsResult listTools() {
        return listTools(CallOptions.defaults());
    }

    /** Lists every tool. */
    default ListToolsResult listTools(CallOptions options) {
        return await(reactive().listTools(options));
    }

    /** Lists one page of tools, starting at {@code cursor} ({@code null} for the first page). */
    default ListToolsResult listTools(String cursor, CallOptions options) {
        return await(reactive().listTools(cursor, options));
    }

    /** Calls a tool. A tool's own failure is a result with {@code isError()} true, not an exception. */
    default CallToolResult callTool(String name, Map<String, ?> arguments) {
        return callTool(name, arguments, CallOptions.defaults());
    }

    /** Calls a tool. */
    default CallToolResult callTool(String name, Map<String, ?> arguments, CallOptions options) {
        return await(reactive().callTool(name, arguments, options));
    }

    /** Calls a tool (see {@link ReactiveMcpClient#callTool(CallToolRequest, CallOptions)}). */
    default CallToolResult callTool(CallToolRequest request, CallOptions options) {
        return await(reactive().callTool(request, options));
    }

    /** Lists every resource, following {@code nextCursor} through all pages (cached for the session). */
    default ListResourcesResult listResources() {
        return listResources(CallOptions.defaults());
    }

    /** Lists every resource. */
    default ListResourcesResult listResources(CallOptions options) {
        return await(reactive().listResources(options));
    }

    /** Lists one page of resources, starting at {@code cursor} ({@code null} for the first page). */
    default ListResourcesResult listResources(String cursor, CallOptions options) {
        return await(reactive().listResources(cursor, options));
    }

    /** Lists every resource template, following {@code nextCursor} through all pages. */
    default ListResourceTemplatesResult listResourceTemplates() {
        return listResourceTemplates(CallOptions.defaults());
    }

    /** Lists every resource template. */
    default ListResourceTemplatesResult listResourceTemplates(CallOptions options) {
        return await(reactive().listResourceTemplates(options));
    }

    /** Lists one page of resource templates, starting at {@code cursor} ({@code null} for the first page). */
    default ListResourceTemplatesResult listResourceTemplates(String cursor, CallOptions options) {
        return await(reactive().listResourceTemplates(cursor, options));
    }

    /** Reads the resource at {@code uri}. */
    default ReadResourceResult readResource(String uri) {
        return readResource(new ReadResourceRequest(uri), CallOptions.defaults());
    }

    /** Reads a resource. */
    default ReadResourceResult readResource(ReadResourceRequest request, CallOptions options) {
        return await(reactive().readResource(request, options));
    }

    /** Subscribes to the updates of the resource at {@code uri} ({@link McpClientListener#onResourceUpdated}). */
    default void subscribeResource(String uri) {
        subscribeResource(uri, CallOptions.defaults());
    }

    /** Subscribes to the updates of a resource. */
    default void subscribeResource(String uri, CallOptions options) {
        await(reactive().subscribeResource(uri, options));
    }

    /** Stops the updates of a resource. */
    default void unsubscribeResource(String uri) {
        unsubscribeResource(uri, CallOptions.defaults());
    }

    /** Stops the updates of a resource. */
    default void unsubscribeResource(String uri, CallOptions options) {
        await(reactive().unsubscribeResource(uri, options));
    }

    /** Lists every prompt, following {@code nextCursor} through all pages (cached for the session). */
    default ListPromptsResult listPrompts() {
        return listPrompts(CallOptions.defaults());
    }

    /** Lists every prompt. */
    default ListPromptsResult listPrompts(CallOptions options) {
        return await(reactive().listPrompts(options));
    }

    /** Lists one page of prompts, starting at {@code cursor} ({@code null} for the first page). */
    default ListPromptsResult listPrompts(String cursor, CallOptions options) {
        return await(reactive().listPrompts(cursor, options));
    }

    /** Gets a prompt, filled in with the arguments. */
    default GetPromptResult getPrompt(String name, Map<String, String> arguments) {
        return getPrompt(new GetPromptRequest(name, arguments), CallOptions.defaults());
    }

    /** Gets a prompt. */
    default GetPromptResult getPrompt(GetPromptRequest request, CallOptions options) {
        return await(reactive().getPrompt(request, options));
    }

    /** Asks for completions of an argument ({@code completion/complete}). */
    default CompleteResult complete(CompleteRequest request) {
        return complete(request, CallOptions.defaults());
    }

    /** Asks for completions of an argument. */
    default CompleteResult complete(CompleteRequest request, CallOptions options) {
        return await(reactive().complete(request, options));
    }

    /** Sets the least severe level of the log messages the server sends ({@code logging/setLevel}). */
    default void setLoggingLevel(LoggingLevel level) {
        setLoggingLevel(level, CallOptions.defaults());
    }

    /** Sets the server's logging level. */
    default void setLoggingLevel(LoggingLevel level, CallOptions options) {
        await(reactive().setLoggingLevel(level, options));
    }

    /** Tells the server that the roots changed ({@code notifications/roots/list_changed}). */
    default void rootsListChanged() {
        await(reactive().rootsListChanged());
    }

    /** Sends any request and returns its raw result. */
    default JsonNode request(String method, Object params, CallOptions options) {
        return await(reactive().request(method, params, options));
    }

    /** Closes the client: pending calls fail with {@link McpClientClosedException}, the session is deleted. */
    @Override
    default void close() {
        await(reactive().closeGracefully());
    }

    /**
     * Waits for {@code call}; refuses to on a non-blocking (event-loop) thread, where waiting could hold
     * up the very response it waits for.
     */
    private static <T> T await(Mono<T> call) {
        if (Schedulers.isInNonBlockingThread()) {
            throw new IllegalStateException("The blocking McpClient was called on a non-blocking thread ("
                    + Thread.currentThread().getName() + "); use McpClient.reactive() there");
        }
        return call.block();
    }
}
