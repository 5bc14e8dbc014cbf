package dev.mcpclient;

import dev.mcpclient.schema.CallToolRequest;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.transport.McpTransport;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * The blocking MCP client. Each method waits for its call to settle and returns the result or throws
 * an {@link McpException}; it refuses to run on a non-blocking (event-loop) thread, where
 * {@link #reactive()} is the twin to use.
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

    /** Sends any request and returns its raw result. */
    JsonNode request(String method, Object params, CallOptions options);

    /** The non-blocking twin of this client (same session). */
    ReactiveMcpClient reactive();

    /** Closes the client: pending calls fail with {@link McpClientClosedException}, the session is deleted. */
    @Override
    void close();
}
