package dev.mcpclient.boot.autoconfigure;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Binds a handler or listener bean ({@link dev.mcpclient.McpSamplingHandler},
 * {@link dev.mcpclient.McpElicitationHandler}, {@link dev.mcpclient.McpRootsProvider},
 * {@link dev.mcpclient.McpClientListener}) to some servers only. A bean without it serves every server.
 *
 * <pre>{@code
 * @Bean
 * @McpClientHandler(servers = "weather")
 * McpSamplingHandler weatherSampling(ChatModel model) {
 *     return request -> ...;
 * }
 * }</pre>
 *
 * <p>Put it on the bean's class or on its {@code @Bean} method. A server gets at most one roots
 * provider, one sampling handler and one elicitation handler: a bean that names the server wins over
 * one without this annotation; two at the same level fail startup. Every listener that applies is
 * added, in bean registration order. Roots providers and listeners are looked up when first used, so
 * they may depend on the MCP clients themselves.
 * @since 0.2.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface McpClientHandler {

    /** The names of the servers (under {@code mcp.client.servers}) this bean serves. */
    String[] servers();
}
