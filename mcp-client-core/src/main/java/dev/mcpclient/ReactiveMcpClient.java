package dev.mcpclient;

import dev.mcpclient.schema.CallToolRequest;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.ListToolsResult;
import java.util.Map;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The non-blocking MCP client: every call returns a cold {@link Mono} that sends when subscribed.
 *
 * <p>Each call settles exactly once: with its result, or with an {@link McpException} that says
 * what went wrong. Cancelling the subscription cancels the request on the server
 * ({@code notifications/cancelled}). The session starts on first use (or {@link #initialize()}),
 * and a call made before it is ready waits for it within its own timeout.
 */
public interface ReactiveMcpClient {

    /** Starts the session if there is none; returns the server's {@code initialize} result. */
    Mono<InitializeResult> initialize();

    /** The current session's {@code initialize} result, or {@code null} before the first session. */
    InitializeResult initializeResult();

    /** A snapshot of the connection: session, background stream, calls in flight, last error. */
    McpClientStatus status();

    /** Sends {@code ping}. */
    Mono<Void> ping(CallOptions options);

    /** Sends {@code ping} with the default options. */
    default Mono<Void> ping() {
        return ping(CallOptions.defaults());
    }

    /** Lists every tool, following {@code nextCursor} through all pages. */
    Mono<ListToolsResult> listTools(CallOptions options);

    /** Lists every tool with the default options. */
    default Mono<ListToolsResult> listTools() {
        return listTools(CallOptions.defaults());
    }

    /** Lists one page of tools, starting at {@code cursor} ({@code null} for the first page). */
    Mono<ListToolsResult> listTools(String cursor, CallOptions options);

    /** Calls a tool. A tool's own failure is a result with {@code isError()} true, not an exception. */
    Mono<CallToolResult> callTool(CallToolRequest request, CallOptions options);

    /** Calls a tool with the default options. */
    default Mono<CallToolResult> callTool(String name, Map<String, ?> arguments) {
        return callTool(name, arguments, CallOptions.defaults());
    }

    /** Calls a tool. */
    default Mono<CallToolResult> callTool(String name, Map<String, ?> arguments, CallOptions options) {
        return callTool(new CallToolRequest(name, arguments == null ? null : new java.util.LinkedHashMap<String, Object>(arguments)), options);
    }

    /**
     * Sends any request and returns its raw result: for methods this interface does not name yet.
     *
     * @param params a protocol object, map or tree; {@code null} for none
     */
    Mono<JsonNode> request(String method, Object params, CallOptions options);

    /** Closes the client: pending calls fail with {@link McpClientClosedException}, the session is deleted. */
    Mono<Void> closeGracefully();
}
