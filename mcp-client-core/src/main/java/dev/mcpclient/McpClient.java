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
import java.util.Map;
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
 */
public interface McpClient extends AutoCloseable {

    /**
     * A builder of a client for a Streamable HTTP server at {@code url}. A server that answers the
     * {@code initialize} POST with 400, 404 or 405 is tried over the HTTP+SSE transport of revision
     * 2024-11-05 at the same URL (see {@link McpClientBuilder#legacySseFallback(boolean)}).
     */
    static McpClientBuilder streamableHttp(String url) {
        return McpClientBuilder.streamableHttp(url);
    }

    /**
     * A builder of a client for a server of the HTTP+SSE transport of protocol revision 2024-11-05,
     * whose event stream is at {@code sseUrl} (e.g. {@code http://localhost:8080/sse}).
     */
    static McpClientBuilder sse(String sseUrl) {
        return McpClientBuilder.sse(sseUrl);
    }

    /**
     * A builder of a client for a server that runs as a child process, started by {@code command} with
     * {@code args} and spoken to over its standard input and output (the stdio transport).
     */
    static McpClientBuilder stdio(String command, String... args) {
        return McpClientBuilder.stdio(command, args);
    }

    /** A builder of a client over any transport. */
    static McpClientBuilder builder(McpTransport transport) {
        return McpClientBuilder.of(transport);
    }

    /** Starts the session if there is none; returns the server's {@code initialize} result. */
    InitializeResult initialize();

    /** The current session's {@code initialize} result, or {@code null} before the first session. */
    InitializeResult initializeResult();

    /** A snapshot of the connection: session, background stream, calls in flight, last error. */
    McpClientStatus status();

    /** Sends {@code ping}. */
    void ping();

    /** Sends {@code ping}. */
    void ping(CallOptions options);

    /** Lists every tool, following {@code nextCursor} through all pages. */
    ListToolsResult listTools();

    /** Lists every tool. */
    ListToolsResult listTools(CallOptions options);

    /** Lists one page of tools, starting at {@code cursor} ({@code null} for the first page). */
    ListToolsResult listTools(String cursor, CallOptions options);

    /** Calls a tool. A tool's own failure is a result with {@code isError()} true, not an exception. */
    CallToolResult callTool(String name, Map<String, ?> arguments);

    /** Calls a tool. */
    CallToolResult callTool(String name, Map<String, ?> arguments, CallOptions options);

    /** Calls a tool. */
    CallToolResult callTool(CallToolRequest request, CallOptions options);

    /** Lists every resource, following {@code nextCursor} through all pages (cached for the session). */
    ListResourcesResult listResources();

    /** Lists every resource. */
    ListResourcesResult listResources(CallOptions options);

    /** Lists one page of resources, starting at {@code cursor} ({@code null} for the first page). */
    ListResourcesResult listResources(String cursor, CallOptions options);

    /** Lists every resource template, following {@code nextCursor} through all pages. */
    ListResourceTemplatesResult listResourceTemplates();

    /** Lists every resource template. */
    ListResourceTemplatesResult listResourceTemplates(CallOptions options);

    /** Lists one page of resource templates, starting at {@code cursor} ({@code null} for the first page). */
    ListResourceTemplatesResult listResourceTemplates(String cursor, CallOptions options);

    /** Reads the resource at {@code uri}. */
    ReadResourceResult readResource(String uri);

    /** Reads a resource. */
    ReadResourceResult readResource(ReadResourceRequest request, CallOptions options);

    /** Subscribes to the updates of the resource at {@code uri} ({@link McpClientListener#onResourceUpdated}). */
    void subscribeResource(String uri);

    /** Subscribes to the updates of a resource. */
    void subscribeResource(String uri, CallOptions options);

    /** Stops the updates of a resource. */
    void unsubscribeResource(String uri);

    /** Stops the updates of a resource. */
    void unsubscribeResource(String uri, CallOptions options);

    /** Lists every prompt, following {@code nextCursor} through all pages (cached for the session). */
    ListPromptsResult listPrompts();

    /** Lists every prompt. */
    ListPromptsResult listPrompts(CallOptions options);

    /** Lists one page of prompts, starting at {@code cursor} ({@code null} for the first page). */
    ListPromptsResult listPrompts(String cursor, CallOptions options);

    /** Gets a prompt, filled in with the arguments. */
    GetPromptResult getPrompt(String name, Map<String, String> arguments);

    /** Gets a prompt. */
    GetPromptResult getPrompt(GetPromptRequest request, CallOptions options);

    /** Asks for completions of an argument ({@code completion/complete}). */
    CompleteResult complete(CompleteRequest request);

    /** Asks for completions of an argument. */
    CompleteResult complete(CompleteRequest request, CallOptions options);

    /** Sets the least severe level of the log messages the server sends ({@code logging/setLevel}). */
    void setLoggingLevel(LoggingLevel level);

    /** Sets the server's logging level. */
    void setLoggingLevel(LoggingLevel level, CallOptions options);

    /** Tells the server that the roots changed ({@code notifications/roots/list_changed}). */
    void rootsListChanged();

    /** Sends any request and returns its raw result. */
    JsonNode request(String method, Object params, CallOptions options);

    /** The non-blocking twin of this client (same session). */
    ReactiveMcpClient reactive();

    /** Closes the client: pending calls fail with {@link McpClientClosedException}, the session is deleted. */
    @Override
    void close();
}
