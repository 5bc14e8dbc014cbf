package dev.mcpclient.boot.autoconfigure;

import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.context.ApplicationListener;

/**
 * Applies a changed {@code mcp.client} configuration to the registry ({@link McpClientRegistry#refresh()})
 * when Spring Cloud says the environment changed (a {@code /actuator/refresh}, a Spring Cloud Bus event,
 * {@code ContextRefresher.refresh()}). An invalid configuration is logged and changes nothing.
 */
class McpServersRefreshListener implements ApplicationListener<EnvironmentChangeEvent> {

    private static final Logger log = LoggerFactory.getLogger(McpServersRefreshListener.class);

    private final McpClientRegistry registry;

    McpServersRefreshListener(McpClientRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void onApplicationEvent(EnvironmentChangeEvent event) {
        if (!concernsServers(event.getKeys()) || !registry.changeable()) {
            return;
        }
        try {
            registry.refresh();
        } catch (McpClientConfigurationException e) {
            log.error("The changed MCP client configuration is invalid, so no server was changed: {}. {}",
                    e.getMessage(), e.action());
        } catch (McpServerUnavailableException e) {
            log.error("The changed MCP client configuration could not be applied, so no server was changed: {}",
                    e.getMessage());
        } catch (RuntimeException e) {
            log.error("The changed MCP client configuration could not be applied, so no server was changed", e);
        }
    }

    /** Whether one of {@code keys} is under {@code mcp.client} (as a property or an environment variable). */
    private static boolean concernsServers(Set<String> keys) {
        return keys.stream().map(key -> key.toLowerCase(Locale.ROOT))
                .anyMatch(key -> key.startsWith("mcp.client.") || key.startsWith("mcp_client_"));
    }
}
