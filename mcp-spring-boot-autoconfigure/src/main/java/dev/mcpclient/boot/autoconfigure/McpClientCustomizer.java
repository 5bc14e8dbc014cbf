package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClientBuilder;

/**
 * Adjusts the builder of a server's client before it is built: interceptors, capabilities,
 * timeouts. Every bean of this type is applied to every server, in {@link org.springframework.core.annotation.Order
 * order}; check {@code server} to act on some servers only.
 */
@FunctionalInterface
public interface McpClientCustomizer {

    /**
     * @param server the server's name under {@code mcp.client.servers}
     * @param builder the builder, already set up from the properties
     */
    void customize(String server, McpClientBuilder builder);
}
