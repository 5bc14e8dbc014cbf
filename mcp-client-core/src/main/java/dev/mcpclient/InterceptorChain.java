package dev.mcpclient;

import java.util.List;
import reactor.core.publisher.Mono;

/**
 * The interceptors of one client, in the order they were added: the first is the outermost, so it
 * sees the call as the caller does, and the last is next to the call itself.
 */
final class InterceptorChain {

    private final McpCallInterceptor[] interceptors;

    InterceptorChain(List<McpCallInterceptor> interceptors) {
        this.interceptors = interceptors.toArray(McpCallInterceptor[]::new);
    }

    /** {@code execution} wrapped by every interceptor, the last added innermost. */
    <T> Mono<T> intercept(McpCallInterceptor.McpCall call, Mono<T> execution) {
        Mono<T> wrapped = execution;
        for (int i = interceptors.length - 1; i >= 0; i--) {
            wrapped = interceptors[i].intercept(call, wrapped);
        }
        return wrapped;
    }
}
