package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.auth.McpAuthorization;
import dev.mcpclient.transport.McpTransport;
import dev.mcpclient.transport.TransportBuilder;
import dev.mcpclient.transport.http.HttpTransportBuilder;
import dev.mcpclient.transport.http.LegacySseTransport;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import dev.mcpclient.transport.stdio.StdioTransport;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Builds a server's transport and client from its {@link McpServerSettings}, the application's
 * {@code WebClient.Builder}, handler and listener beans, {@link McpAuthorizationProvider authorizations}
 * and customizers. The per-server beans
 * registered by {@link McpServerBeanRegistrar} are supplied by it.
 */
final class McpServerComponents {

    private final ObjectProvider<WebClient.Builder> webClientBuilder;
    private final McpTransportCustomizers transportCustomizers;
    private final ObjectProvider<McpClientCustomizer> clientCustomizers;
    private final McpClientHandlers handlers;
    private final ApplicationEventPublisher eventPublisher;
    private final ObjectProvider<McpAuthorizationProvider> authorizations;

    McpServerComponents(ObjectProvider<WebClient.Builder> webClientBuilder, McpTransportCustomizers transportCustomizers,
            ObjectProvider<McpClientCustomizer> clientCustomizers, McpClientHandlers handlers,
            ApplicationEventPublisher eventPublisher, ObjectProvider<McpAuthorizationProvider> authorizations) {
        this.webClientBuilder = webClientBuilder;
        this.transportCustomizers = transportCustomizers;
        this.clientCustomizers = clientCustomizers;
        this.handlers = handlers;
        this.eventPublisher = eventPublisher;
        this.authorizations = authorizations;
    }

    /** The class of the transport {@link #transport} builds for {@code server}. */
    static Class<? extends McpTransport> transportType(McpServerSettings server) {
        return switch (server.transport()) {
            case STREAMABLE_HTTP -> StreamableHttpTransport.class;
            case SSE -> LegacySseTransport.class;
            case STDIO -> StdioTransport.class;
        };
    }

    /** The server's transport: its builder set up from the settings, then customized. */
    McpTransport transport(McpServerSettings server) {
        TransportBuilder<?> builder = switch (server.transport()) {
            case STREAMABLE_HTTP -> http(server, StreamableHttpTransport.builder(server.url())
                    .backgroundStream(server.backgroundStream())
                    .legacySseFallback(server.legacySseFallback()));
            case SSE -> http(server, LegacySseTransport.builder(server.url()));
            case STDIO -> stdio(server);
        };
        builder.maxMessageSize(server.maxMessageSize()).closeTimeout(server.closeTimeout());
        transportCustomizers.apply(server.name(), builder);
        return builder.build();
    }

    private <B extends HttpTransportBuilder<B>> B http(McpServerSettings server, B builder) {
        builder.reconnect(server.reconnect());
        // A prototype: every server gets its own builder with the application's codecs, SSL, filters, observation.
        webClientBuilder.ifAvailable(builder::webClientBuilder);
        server.headers().forEach(builder::header);
        McpAuthorization authorization = authorization(server);
        if (authorization != null) {
            builder.authorization(authorization);
        }
        return builder;
    }

    /** The first authorization a provider gives for {@code server}; an error if its settings ask for one none gives. */
    private McpAuthorization authorization(McpServerSettings server) {
        for (McpAuthorizationProvider provider : authorizations.orderedStream().toList()) {
            McpAuthorization authorization = provider.authorization(server);
            if (authorization != null) {
                return authorization;
            }
        }
        if (server.auth().springSecurity() != null) {
            String property = McpClientProperties.PREFIX + ".servers." + server.name() + ".auth.spring-security.registration-id";
            throw new McpClientConfigurationException(List.of(property), property + " is set, but Spring Security's "
                    + "OAuth2 client is not on the classpath",
                    "Add org.springframework.boot:spring-boot-starter-security-oauth2-client to the application's "
                            + "dependencies and declare the registration under spring.security.oauth2.client.registration, "
                            + "or remove " + property + ".");
        }
        return null;
    }

    private static StdioTransport.Builder stdio(McpServerSettings server) {
        StdioTransport.Builder builder = StdioTransport.builder(server.command())
                .args(server.args())
                .env(server.env())
                .name(server.name());
        if (server.workingDirectory() != null) {
            builder.workingDirectory(server.workingDirectory());
        }
        return builder;
    }

    /**
     * The server's client over {@code transport}: timeouts, protocol version, name, handlers, events,
     * then customized; the customizers are told of the client once it is built.
     */
    McpClient client(McpServerSettings server, McpTransport transport) {
        McpClientBuilder builder = McpClient.builder(transport)
                .requestTimeout(server.requestTimeout())
                .initializeTimeout(server.initializeTimeout())
                .protocolVersion(server.protocolVersion())
                .clientInfo(server.clientInfo().name(), server.clientInfo().version())
                .serverName(server.name());
        handlers.apply(server.name(), builder);
        McpEventPublisher events = new McpEventPublisher(server.name(), eventPublisher);
        builder.listener(events);
        List<McpClientCustomizer> customizers = clientCustomizers.orderedStream().toList();
        customizers.forEach(customizer -> customizer.customize(server.name(), builder));
        McpClient client = builder.build();
        events.source(client);
        customizers.forEach(customizer -> customizer.clientBuilt(server.name(), client));
        return client;
    }
}
