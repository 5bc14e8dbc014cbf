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
import tools.jackson.databind.JsonNode;

/**
 * The non-blocking MCP client: every call returns a cold {@link Mono} that sends when subscribed.
 *
 * <p>Each call settles exactly once: with its result, or with an {@link McpException} that says
 * what went wrong. Cancelling the subscription cancels the request on the server
 * ({@code notifications/cancelled}). The session starts on first use (or {@link #initialize()}),
 * and a call made before it is ready waits for it within its own timeout.
 *
 * <p>A call whose server capability the server did not declare ({@code tools}, {@code resources},
 * {@code resources.subscribe}, {@code prompts}, {@code completions}, {@code logging}) fails with an
 * {@link McpCapabilityException} once the session is ready, without sending anything.
 *
 * <p>The full listings of tools, resources and prompts are cached for the session and dropped when
 * the server sends the matching {@code list_changed} notification; a listing of one page by cursor
 * always asks the server.
 *
 * @since 0.2.0
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

    /** Lists every tool, following {@code nextCursor} through all pages (cached for the session). */
    Mono<ListToolsResult> listTools(CallOptions options);

    /** Lists every tool with the default options. */
    default Mono<ListToolsResult> listTools() {
        return listTools(CallOptions.defaults());
    }

    /** Lists one page of tools, starting at {@code cursor} ({@code null} for the first page). */
    Mono<ListToolsResult> listTools(String cursor, CallOptions options);

    /**
     * Calls a tool. A tool's own failure is a result with {@code isError()} true, not an exception.
     * When the tool declares an {@code outputSchema} (in the cached tool list, fetched if needed), a
     * successful result whose {@code structuredContent} is missing or does not match it fails with
     * an {@link McpOutputSchemaException} (the tool ran: only its result is rejected). When the tool
     * list cannot be fetched, the call fails with that error. A tool the list does not name is not
     * checked.
     */
    Mono<CallToolResult> callTool(CallToolRequest request, CallOptions options);

    /** Calls a tool with the default options. */
    default Mono<CallToolResult> callTool(String name, Map<String, ?> arguments) {
        return callTool(name, arguments, CallOptions.defaults());
    }

    /** Calls a tool. */
    default Mono<CallToolResult> callTool(String name, Map<String, ?> arguments, CallOptions options) {
        return callTool(new CallToolRequest(name, arguments == null ? null : new java.util.LinkedHashMap<String, Object>(arguments)), options);
    }

    /** Lists every resource, following {@code nextCursor} through all pages (cached for the session). */
    Mono<ListResourcesResult> listResources(CallOptions options);

    /** Lists every resource with the default options. */
    default Mono<ListResourcesResult> listResources() {
        return listResources(CallOptions.defaults());
    }

    /** Lists one page of resources, starting at {@code cursor} ({@code null} for the first page). */
    Mono<ListResourcesResult> listResources(String cursor, CallOptions options);

    /** Lists every resource template ({@code resources/templates/list}), following {@code nextCursor}. */
    Mono<ListResourceTemplatesResult> listResourceTemplates(CallOptions options);

    /** Lists every resource template with the default options. */
    default Mono<ListResourceTemplatesResult> listResourceTemplates() {
        return listResourceTemplates(CallOptions.defaults());
    }

    /** Lists one page of resource templates, starting at {@code cursor} ({@code null} for the first page). */
    Mono<ListResourceTemplatesResult> listResourceTemplates(String cursor, CallOptions options);

    /** Reads a resource ({@code resources/read}). */
    Mono<ReadResourceResult> readResource(ReadResourceRequest request, CallOptions options);

    /** Reads the resource at {@code uri} with the default options. */
    default Mono<ReadResourceResult> readResource(String uri) {
        return readResource(new ReadResourceRequest(uri), CallOptions.defaults());
    }

    /**
     * Asks for {@code notifications/resources/updated} when the resource at {@code uri} changes
     * ({@code resources/subscribe}); the updates go to {@link McpClientListener#onResourceUpdated}.
     */
    Mono<Void> subscribeResource(String uri, CallOptions options);

    /** Subscribes to a resource with the default options. */
    default Mono<Void> subscribeResource(String uri) {
        return subscribeResource(uri, CallOptions.defaults());
    }

    /** Stops the updates of a resource ({@code resources/unsubscribe}). */
    Mono<Void> unsubscribeResource(String uri, CallOptions options);

    /** Unsubscribes from a resource with the default options. */
    default Mono<Void> unsubscribeResource(String uri) {
        return unsubscribeResource(uri, CallOptions.defaults());
    }

    /** Lists every prompt, following {@code nextCursor} through all pages (cached for the session). */
    Mono<ListPromptsResult> listPrompts(CallOptions options);

    /** Lists every prompt with the default options. */
    default Mono<ListPromptsResult> listPrompts() {
        return listPrompts(CallOptions.defaults());
    }

    /** Lists one page of prompts, starting at {@code cursor} ({@code null} for the first page). */
    Mono<ListPromptsResult> listPrompts(String cursor, CallOptions options);

    /** Gets a prompt, filled in with the arguments ({@code prompts/get}). */
    Mono<GetPromptResult> getPrompt(GetPromptRequest request, CallOptions options);

    /** Gets a prompt with the default options. */
    default Mono<GetPromptResult> getPrompt(String name, Map<String, String> arguments) {
        return getPrompt(new GetPromptRequest(name, arguments), CallOptions.defaults());
    }

    /** Asks for completions of a prompt's or resource template's argument ({@code completion/complete}). */
    Mono<CompleteResult> complete(CompleteRequest request, CallOptions options);

    /** Asks for completions with the default options. */
    default Mono<CompleteResult> complete(CompleteRequest request) {
        return complete(request, CallOptions.defaults());
    }

    /**
     * Sets the least severe level of the log messages the server sends ({@code logging/setLevel});
     * they arrive at {@link McpClientListener#onLoggingMessage} and the SLF4J logger
     * {@code dev.mcpclient.server.<server name>}.
     */
    Mono<Void> setLoggingLevel(LoggingLevel level, CallOptions options);

    /** Sets the server's logging level with the default options. */
    default Mono<Void> setLoggingLevel(LoggingLevel level) {
        return setLoggingLevel(level, CallOptions.defaults());
    }

    /**
     * Tells the server that the roots changed ({@code notifications/roots/list_changed}); it will ask
     * for them again. Fails with {@link IllegalStateException} when no roots provider is registered.
     */
    Mono<Void> rootsListChanged();

    /**
     * Sends any request and returns its raw result: for methods this interface does not name yet.
     *
     * @param params a protocol object, map or tree; {@code null} for none
     */
    Mono<JsonNode> request(String method, Object params, CallOptions options);

    /** Closes the client: pending calls fail with {@link McpClientClosedException}, the session is deleted. */
    Mono<Void> closeGracefully();
}
