package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;

/**
 * Adjusts the builder of a server's client before it is built: interceptors, capabilities,
 * timeouts. Every bean of this type is applied to every server, in {@link org.springframework.core.annotation.Order
 * order}; check {@code server} to act on some servers only.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface McpClientCustomizer {

    /**
     * @param server the server's name under {@code mcp.client.servers}
     * @param builder the builder, already set up from the properties
     */
    void customize(String server, McpClientBuilder builder);

    /**
     * Called once the server's client was built from the builder this customizer adjusted, before
     * anything else can use it: for a customizer whose interceptor or listener reads the client itself
     * (its {@link McpClient#status() status}, say). Does nothing by default.
     *
     * @param server the server's name under {@code mcp.client.servers}
     * @param client the client just built
     */
    default void clientBuilt(String server, McpClient client) {
    }
}
