package dev.mcpclient.boot.autoconfigure;

import java.util.List;

/**
 * The {@code mcp.client} configuration is invalid. Says which properties are wrong, why, and what to
 * do; reported at startup by {@link McpClientConfigurationFailureAnalyzer}.
 *
 * @since 0.2.0
 */
public class McpClientConfigurationException extends RuntimeException {

    private final List<String> properties;
    private final String action;

    /**
     * @param properties the offending properties, e.g. {@code mcp.client.servers.weather.url}
     * @param description what is wrong
     * @param action what to do about it
     */
    public McpClientConfigurationException(List<String> properties, String description, String action) {
        super(description);
        this.properties = List.copyOf(properties);
        this.action = action;
    }

    /** The offending properties. */
    public List<String> properties() {
        return properties;
    }

    /** What to do about it. */
    public String action() {
        return action;
    }
}
