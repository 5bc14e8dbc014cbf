package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClient;
import dev.mcpclient.auth.AuthorizationCodeHandler;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * Auto-configuration of the MCP clients: per server under {@code mcp.client.servers}, a transport,
 * its background stream, an {@link McpClient} and its reactive twin, all qualified by the server's
 * name; the servers' {@link McpServers settings}; a {@link McpClientRegistry} of the clients, to which
 * servers can be added while the application runs (their changes published as
 * {@link McpServerAddedEvent} and {@link McpServerRemovedEvent}); and a {@link McpClientLifecycle} that
 * connects them in the background and closes them on shutdown. With {@code spring-cloud-context}, a
 * changed {@code mcp.client} configuration is applied to the registry ({@link McpClientRegistry#refresh()}).
 *
 * <p>Handler and listener beans ({@link dev.mcpclient.McpSamplingHandler}, {@link dev.mcpclient.McpElicitationHandler},
 * {@link dev.mcpclient.McpRootsProvider}, {@link dev.mcpclient.McpClientListener}) are registered on the
 * servers they serve ({@link McpClientHandler}); each server's list changes and resource updates are
 * published as {@link McpListChangedEvent} and {@link McpResourceUpdatedEvent}. Builders are adjusted
 * by {@link McpTransportCustomizer} and {@link McpClientCustomizer} beans.
 *
 * <p>Ahead-of-time processing (Spring AOT, GraalVM native images) is supported: the per-server beans are
 * registered from the configuration of the run, and the protocol types carry their reflection hints.
 *
 * @since 0.2.0
 */
@AutoConfiguration(afterName = "org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration")
@ConditionalOnClass(McpClient.class)
@ConditionalOnBooleanProperty(name = "mcp.client.enabled", matchIfMissing = true)
@EnableConfigurationProperties(McpClientProperties.class)
@Import(McpServerBeanRegistrar.class)
@ImportRuntimeHints(McpClientRuntimeHints.class)
public final class McpClientAutoConfiguration {

    @Bean
    McpServerComponents mcpServerComponents(ConfigurableListableBeanFactory beanFactory,
            ObjectProvider<WebClient.Builder> webClientBuilder, ObjectProvider<McpClientCustomizer> clientCustomizers,
            ApplicationEventPublisher eventPublisher, ObjectProvider<McpAuthorizationProvider> authorizations) {
        return new McpServerComponents(webClientBuilder, new McpTransportCustomizers(beanFactory), clientCustomizers,
                new McpClientHandlers(beanFactory), eventPublisher, authorizations);
    }

    @Bean
    McpAuthorizationProvider oauthMcpAuthorizationProvider(ObjectProvider<WebClient.Builder> webClientBuilder,
            ObjectProvider<AuthorizationCodeHandler> authorizationCodeHandlers) {
        return new OAuthMcpAuthorizationProvider(webClientBuilder, authorizationCodeHandlers);
    }

    @Bean
    @ConditionalOnMissingBean
    McpClientRegistry mcpClientRegistry(McpServers servers, BeanFactory beanFactory, McpServerComponents components,
            Environment environment, ApplicationEventPublisher eventPublisher) {
        Map<String, McpClient> clients = new LinkedHashMap<>();
        servers.names().forEach(server ->
                clients.put(server, beanFactory.getBean(McpServerBeanNames.client(server), McpClient.class)));
        McpClientRegistry registry = new McpClientRegistry(servers, clients, new McpServerFactory(environment, components));
        registry.addListener(new McpServerEventPublisher(eventPublisher));
        return registry;
    }

    @Bean
    @ConditionalOnMissingBean
    McpClientLifecycle mcpClientLifecycle(McpClientRegistry registry, McpServers servers) {
        return new McpClientLifecycle(registry, servers);
    }

    /** With Spring Cloud: a changed {@code mcp.client} configuration is applied to the registry. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.cloud.context.environment.EnvironmentChangeEvent")
    static class RefreshConfiguration {

        @Bean
        McpServersRefreshListener mcpServersRefreshListener(McpClientRegistry registry) {
            return new McpServersRefreshListener(registry);
        }
    }
}
