package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClient;
import dev.mcpclient.ReactiveMcpClient;
import dev.mcpclient.transport.McpTransport;
import dev.mcpclient.transport.http.BackgroundStream;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import java.util.function.Supplier;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
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
 * Reads the configuration and registers the beans it asks for: {@link McpServers} (bean
 * {@value #SERVERS}), and for every enabled server its transport, background stream (Streamable HTTP
 * only), client and reactive client, each qualified by the server's name and named after it
 * ({@link McpServerBeanNames}). A bean the application already defines under that name wins.
 *
 * <p>The configuration is bound, checked and resolved into {@link McpServerSettings} here, once,
 * before any bean exists, so a wrong one fails startup at once with a message naming the property.
 * Each bean is made by an instance supplier from its server's settings ({@link McpServerComponents}).
 *
 * <p>Ahead-of-time processing (Spring AOT, native images) leaves these beans out of the code it
 * generates; {@link McpServerBeansAot} registers them again, the same way, when such an application
 * starts, from the configuration of that run.
 */
class McpServerBeanRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

    /** The name of the {@link McpServers} bean. */
    static final String SERVERS = "mcpServerSettings";

    private Environment environment;
    private BeanFactory beanFactory;

    @Override
    public void setEnvironment(Environment environment) {
        this.environment = environment;
    }

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        this.beanFactory = beanFactory;
    }

    @Override
    public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
        registerServers(registry, environment, beanFactory);
        McpServerBeansAot.registerRuntimeRegistration(registry);
    }

    /**
     * Binds, checks and resolves {@code mcp.client}, then registers bean {@value #SERVERS} and the
     * beans of every enabled server (each marked {@link McpServerBeansAot#REGISTERED_AT_STARTUP}).
     */
    static void registerServers(BeanDefinitionRegistry registry, Environment environment, BeanFactory beanFactory) {
        McpClientProperties properties = Binder.get(environment)
                .bind(McpClientProperties.PREFIX, Bindable.of(McpClientProperties.class))
                .orElseGet(McpClientProperties::new);
        McpClientPropertiesValidator.validate(properties);
        McpServers servers = McpServers.resolve(properties, environment);
        RootBeanDefinition settings = new RootBeanDefinition(McpServers.class, () -> servers);
        settings.setAttribute(McpServerBeansAot.REGISTERED_AT_STARTUP, true);
        registry.registerBeanDefinition(SERVERS, settings);
        servers.all().forEach(server -> register(registry, beanFactory, server));
    }

    private static void register(BeanDefinitionRegistry registry, BeanFactory beanFactory, McpServerSettings server) {
        String name = server.name();
        String transport = McpServerBeanNames.transport(name);
        String client = McpServerBeanNames.client(name);
        boolean ownTransport = register(registry, transport, McpServerComponents.transportType(server), name,
                () -> components(beanFactory).transport(server));
        if (ownTransport && server.backgroundStream()) {
            register(registry, McpServerBeanNames.backgroundStream(name), BackgroundStream.class, name,
                    () -> beanFactory.getBean(transport, StreamableHttpTransport.class).backgroundStream().orElse(null),
                    transport);
        }
        register(registry, client, McpClient.class, name,
                () -> components(beanFactory).client(server, beanFactory.getBean(transport, McpTransport.class)), transport);
        register(registry, McpServerBeanNames.reactiveClient(name), ReactiveMcpClient.class, name,
                () -> beanFactory.getBean(client, McpClient.class).reactive(), client);
    }

    private static McpServerComponents components(BeanFactory beanFactory) {
        return beanFactory.getBean(McpServerComponents.class);
    }

    /** Registers one bean of server {@code server}, unless the application has its own; whether it did. */
    private static boolean register(BeanDefinitionRegistry registry, String beanName, Class<?> type, String server,
            Supplier<?> supplier, String... dependsOn) {
        if (registry.containsBeanDefinition(beanName) || registry.isAlias(beanName)) {
            return false;
        }
        RootBeanDefinition definition = new RootBeanDefinition(type);
        definition.setInstanceSupplier(supplier);
        definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, server));
        definition.setDependsOn(dependsOn);
        definition.setAttribute(McpServerBeansAot.REGISTERED_AT_STARTUP, true);
        registry.registerBeanDefinition(beanName, definition);
        return true;
    }
}
