package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.ReactiveMcpClient;
import dev.mcpclient.transport.McpTransport;
import dev.mcpclient.transport.http.BackgroundStream;
import dev.mcpclient.transport.http.LegacySseTransport;
import dev.mcpclient.transport.http.ReconnectPolicy;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import dev.mcpclient.transport.stdio.StdioTransport;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Makes the beans of one server from its properties, the application's {@code WebClient.Builder}
 * and the customizers. The per-server bean definitions registered by {@link McpServerBeanRegistrar}
 * call these methods; each takes the server's name.
 */
final class McpServerComponents {

    private final McpClientProperties properties;
    private final Environment environment;
    private final BeanFactory beanFactory;
    private final ObjectProvider<WebClient.Builder> webClientBuilder;
    private final ObjectProvider<McpTransportCustomizer> transportCustomizers;
    private final ObjectProvider<McpClientCustomizer> clientCustomizers;
    private final McpClientHandlers handlers;
    private final ApplicationEventPublisher eventPublisher;

    McpServerComponents(McpClientProperties properties, Environment environment, BeanFactory beanFactory,
            ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<McpTransportCustomizer> transportCustomizers,
            ObjectProvider<McpClientCustomizer> clientCustomizers, ApplicationEventPublisher eventPublisher) {
        this.properties = properties;
        this.environment = environment;
        this.beanFactory = beanFactory;
        this.webClientBuilder = webClientBuilder;
        this.transportCustomizers = transportCustomizers;
        this.clientCustomizers = clientCustomizers;
        this.handlers = new McpClientHandlers((ListableBeanFactory) beanFactory);
        this.eventPublisher = eventPublisher;
    }

    StreamableHttpTransport transport(String name) {
        McpClientProperties.Server server = server(name);
        McpClientProperties.Reconnect reconnect = server.getReconnect();
        StreamableHttpTransport.Builder builder = StreamableHttpTransport.builder(server.getUrl().strip())
                .maxMessageSize((int) server.getMaxMessageSize().toBytes())
                .backgroundStream(server.isBackgroundStream())
                .legacySseFallback(server.isLegacySseFallback())
                .reconnect(reconnectPolicy(reconnect))
                .closeTimeout(server.getCloseTimeout());
        // A prototype: every server gets its own builder with the application's codecs, SSL, filters, observation.
        webClientBuilder.ifAvailable(builder::webClientBuilder);
        server.getHeaders().forEach(builder::header);
        transportCustomizers.orderedStream().forEach(customizer -> customizer.customize(name, builder));
        return builder.build();
    }

    LegacySseTransport sseTransport(String name) {
        McpClientProperties.Server server = server(name);
        LegacySseTransport.Builder builder = LegacySseTransport.builder(server.getUrl().strip())
                .maxMessageSize((int) server.getMaxMessageSize().toBytes())
                .reconnect(reconnectPolicy(server.getReconnect()));
        webClientBuilder.ifAvailable(builder::webClientBuilder);
        server.getHeaders().forEach(builder::header);
        transportCustomizers.orderedStream().forEach(customizer -> customizer.customize(name, builder));
        return builder.build();
    }

    StdioTransport stdioTransport(String name) {
        McpClientProperties.Server server = server(name);
        StdioTransport.Builder builder = StdioTransport.builder(server.getCommand().strip())
                .args(server.getArgs())
                .env(server.getEnv())
                .name(name)
                .maxMessageSize((int) server.getMaxMessageSize().toBytes())
                .closeTimeout(server.getCloseTimeout());
        if (server.getWorkingDir() != null) {
            builder.workingDirectory(server.getWorkingDir());
        }
        transportCustomizers.orderedStream().forEach(customizer -> customizer.customize(name, builder));
        return builder.build();
    }

    private static ReconnectPolicy reconnectPolicy(McpClientProperties.Reconnect reconnect) {
        return new ReconnectPolicy(reconnect.getInitialDelay(), reconnect.getMaxDelay(),
                reconnect.getMaxAttemptsWithoutProgress());
    }

    BackgroundStream backgroundStream(String name) {
        return beanFactory.getBean(McpServerBeanNames.transport(name), StreamableHttpTransport.class)
                .backgroundStream().orElse(null);
    }

    McpClient client(String name) {
        McpClientProperties.Server server = server(name);
        McpTransport transport = beanFactory.getBean(McpServerBeanNames.transport(name), McpTransport.class);
        McpClientBuilder builder = McpClient.builder(transport);
        builder.requestTimeout(properties.requestTimeout(server))
                .initializeTimeout(properties.initializeTimeout(server))
                .clientInfo(clientName(), clientVersion())
                .serverName(name);
        // Handler and listener beans serving this server, then the events.
        handlers.apply(name, builder);
        McpEventPublisher events = new McpEventPublisher(name, eventPublisher);
        builder.listener(events);
        clientCustomizers.orderedStream().forEach(customizer -> customizer.customize(name, builder));
        McpClient client = builder.build();
        events.source(client);
        return client;
    }

    ReactiveMcpClient reactiveClient(String name) {
        return beanFactory.getBean(McpServerBeanNames.client(name), McpClient.class).reactive();
    }

    private String clientName() {
        if (properties.getClientName() != null) {
            return properties.getClientName();
        }
        return environment.getProperty("spring.application.name", "mcp-client-java");
    }

    private String clientVersion() {
        if (properties.getClientVersion() != null) {
            return properties.getClientVersion();
        }
        return environment.getProperty("spring.application.version", "unknown");
    }

    private McpClientProperties.Server server(String name) {
        McpClientProperties.Server server = properties.getServers().get(name);
        if (server == null) {
            throw new IllegalStateException("No MCP server '" + name + "' under " + McpClientProperties.PREFIX + ".servers");
        }
        return server;
    }
}
