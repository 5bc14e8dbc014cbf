package dev.mcpclient.samples.quickstart;

import java.time.Duration;
import java.util.Map;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * When no MCP server is configured, starts the {@link DemoMcpServer} on a free loopback port and
 * points {@code mcp.client.servers.demo.url} at it, before any bean is made. The server is a bean
 * of the context, so it stops after the clients have closed their sessions. Both samples use it.
 */
public final class DemoServerInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    /**
     * Starts the demo server unless {@code mcp.client.servers} names a server, or the application is
     * being processed ahead of time (the build's {@code spring-boot:process-aot}, which starts no bean:
     * the servers' beans are registered when the processed application runs).
     */
    @Override
    public void initialize(ConfigurableApplicationContext context) {
        if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
            return;
        }
        ConfigurableEnvironment environment = context.getEnvironment();
        boolean configured = Binder.get(environment)
                .bind("mcp.client.servers", Bindable.mapOf(String.class, Object.class))
                .map(servers -> !servers.isEmpty()).orElse(false);
        if (configured) {
            return;
        }
        Duration stepDelay = environment.getProperty("demo.step-delay", Duration.class, Duration.ofMillis(150));
        DemoMcpServer server = new DemoMcpServer("demo-server", 0, stepDelay);
        DefaultListableBeanFactory beans = (DefaultListableBeanFactory) context.getBeanFactory();
        beans.registerSingleton("demoMcpServer", server);
        beans.registerDisposableBean("demoMcpServer", server);
        environment.getPropertySources().addFirst(new MapPropertySource("demoMcpServer",
                Map.of("mcp.client.servers.demo.url", server.url())));
        System.out.println("No MCP server configured: started the demo server (official MCP Java SDK) at " + server.url());
    }
}
