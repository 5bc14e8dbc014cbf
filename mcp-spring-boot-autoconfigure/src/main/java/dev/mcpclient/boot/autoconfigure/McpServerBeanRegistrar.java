package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClient;
import dev.mcpclient.ReactiveMcpClient;
import dev.mcpclient.transport.http.BackgroundStream;
import dev.mcpclient.transport.http.LegacySseTransport;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import dev.mcpclient.transport.stdio.StdioTransport;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers the beans of every server under {@code mcp.client.servers}: its transport (a
 * {@link StreamableHttpTransport}, {@link LegacySseTransport} or {@link StdioTransport}), background
 * stream (Streamable HTTP only), client and reactive client, each qualified by the server's name and named after it
 * ({@link McpServerBeanNames}). A bean the application already defines under that name wins.
 *
 * <p>The configuration is bound and checked here, before any bean exists, so a wrong one fails
 * startup at once with a message naming the property.
 */
class McpServerBeanRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

    /** The bean that makes every server's components. */
    static final String COMPONENTS = "mcpServerComponents";

    private Environment environment;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        McpClientProperties properties = Binder.get(environment)
                .bind(McpClientProperties.PREFIX, Bindable.of(McpClientProperties.class))
                .orElseGet(McpClientProperties::new);
        McpClientPropertiesValidator.validate(properties);
        properties.enabledServers().forEach((name, server) -> {
            String transport = McpServerBeanNames.transport(name);
            boolean ownTransport = switch (server.getTransport()) {
                case SSE -> register(registry, transport, LegacySseTransport.class, "sseTransport", name);
                case STDIO -> register(registry, transport, StdioTransport.class, "stdioTransport", name);
                default -> register(registry, transport, StreamableHttpTransport.class, "transport", name);
            };
            if (ownTransport && server.getTransport() == McpClientProperties.Transport.STREAMABLE_HTTP
                    && server.isBackgroundStream()) {
                register(registry, McpServerBeanNames.backgroundStream(name), BackgroundStream.class,
                        "backgroundStream", name, transport);
            }
            register(registry, McpServerBeanNames.client(name), McpClient.class, "client", name, transport);
            register(registry, McpServerBeanNames.reactiveClient(name), ReactiveMcpClient.class, "reactiveClient", name,
                    McpServerBeanNames.client(name));
        });
    }

    /** Registers one bean made by {@link McpServerComponents}, unless the application has its own; whether it did. */
    private static boolean register(BeanDefinitionRegistry registry, String beanName, Class<?> type, String factoryMethod,
            String server, String... dependsOn) {
        if (registry.containsBeanDefinition(beanName) || registry.isAlias(beanName)) {
            return false;
        }
        RootBeanDefinition definition = new RootBeanDefinition();
        definition.setTargetType(type);
        definition.setFactoryBeanName(COMPONENTS);
        definition.setUniqueFactoryMethodName(factoryMethod);
        definition.getConstructorArgumentValues().addIndexedArgumentValue(0, server);
        definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, server));
        definition.setDependsOn(dependsOn);
        registry.registerBeanDefinition(beanName, definition);
        return true;
    }
}
