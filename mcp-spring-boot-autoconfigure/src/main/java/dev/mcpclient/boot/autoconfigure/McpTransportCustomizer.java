package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.transport.TransportBuilder;

/**
 * Adjusts the builder of a server's transport before it is built: headers per request (a token that
 * changes), the {@code WebClient.Builder}, message size, reconnection, a process's environment.
 *
 * <p>The type argument says which servers a customizer reaches: one of
 * {@code StreamableHttpTransport.Builder} the {@code streamable-http} servers, one of
 * {@code LegacySseTransport.Builder} the {@code sse} servers, one of {@code StdioTransport.Builder} the
 * {@code stdio} servers, one of {@code HttpTransportBuilder<?>} both HTTP transports and one of
 * {@code TransportBuilder<?>} every server. Every bean of this type whose builder type accepts the
 * server's builder is applied, in {@link org.springframework.core.annotation.Order order}; check
 * {@code server} to act on some servers only.
 *
 * <pre>{@code
 * @Bean
 * McpTransportCustomizer<HttpTransportBuilder<?>> bearerToken(TokenSource tokens) {
 *     return (server, builder) -> builder.headers(h -> h.setBearerAuth(tokens.current()));
 * }
 *
 * @Bean
 * McpTransportCustomizer<StdioTransport.Builder> filesSecret(SecretStore secrets) {
 *     return (server, builder) -> builder.env("API_KEY", secrets.get(server));
 * }
 * }</pre>
 *
 * <p>The builder type is read from the customizer's class (a class that implements
 * {@code McpTransportCustomizer<StdioTransport.Builder>}), else, for a lambda or a method reference,
 * from its bean's declared type (the return type of its {@code @Bean} method). A customizer whose type
 * is known neither way (a lambda registered under the raw type) is offered every builder and skipped,
 * with a DEBUG line on this interface's logger, where its parameter type rejects the builder (Spring
 * Boot's {@link org.springframework.boot.util.LambdaSafe}, as for {@code WebServerFactoryCustomizer}).
 *
 * @param <B> the transport builders this customizer adjusts
 * @since 0.2.0
 */
@FunctionalInterface
public interface McpTransportCustomizer<B extends TransportBuilder<?>> {

    /**
     * @param server the server's name under {@code mcp.client.servers}
     * @param builder the builder, already set up from the properties
     */
    void customize(String server, B builder);
}
