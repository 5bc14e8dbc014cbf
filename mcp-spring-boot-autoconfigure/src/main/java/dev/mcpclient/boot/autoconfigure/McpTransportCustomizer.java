package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.transport.http.LegacySseTransport;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import dev.mcpclient.transport.stdio.StdioTransport;

/**
 * Adjusts the builder of a server's transport before it is built: headers per request (a token that
 * changes), the {@code WebClient.Builder}, message size, reconnection. Every bean of this type is
 * applied to every server, in {@link org.springframework.core.annotation.Order order}; check
 * {@code server} to act on some servers only.
 *
 * <pre>{@code
 * @Bean
 * McpTransportCustomizer bearerToken(TokenSource tokens) {
 *     return (server, builder) -> builder.headers(h -> h.setBearerAuth(tokens.current()));
 * }
 * }</pre>
 */
@FunctionalInterface
public interface McpTransportCustomizer {

    /**
     * @param server the server's name under {@code mcp.client.servers}
     * @param builder the builder, already set up from the properties
     */
    void customize(String server, StreamableHttpTransport.Builder builder);

    /**
     * Adjusts the builder of a server of transport {@code sse}; does nothing unless overridden.
     *
     * @param server the server's name under {@code mcp.client.servers}
     * @param builder the builder, already set up from the properties
     */
    default void customize(String server, LegacySseTransport.Builder builder) {
    }

    /**
     * Adjusts the builder of a server of transport {@code stdio} (e.g. an environment variable from a
     * secret store); does nothing unless overridden.
     *
     * @param server the server's name under {@code mcp.client.servers}
     * @param builder the builder, already set up from the properties
     */
    default void customize(String server, StdioTransport.Builder builder) {
    }
}
