package dev.mcpclient;

import reactor.core.publisher.Mono;

/**
 * Wraps every call the client makes: for observations, metrics, tracing or logging. Interceptors
 * must not block; they compose around the call's {@code Mono} (which is cold: nothing is sent until
 * it is subscribed).
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface McpCallInterceptor {

    /**
     * @param call what is being called
     * @param execution the call itself; subscribe to it exactly once (or not at all to veto it). Its
     *     value is the result as the caller gets it: the typed result of a typed method (a
     *     {@code CallToolResult} for {@code callTool}), a {@code JsonNode} for {@code request}. It fails
     *     as the caller's call fails, including when the result cannot be read or does not match the
     *     tool's output schema.
     * @return the call as the caller will see it
     */
    <T> Mono<T> intercept(McpCall call, Mono<T> execution);

    /**
     * One call.
     *
     * @param method the JSON-RPC method, e.g. {@code tools/call}
     * @param target what the method acts on where there is one (a tool or prompt name, a resource
     *     URI), else {@code null}
     */
    record McpCall(String method, String target) {
    }
}
