package dev.mcpclient.boot.autoconfigure.health;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of the MCP servers' health checks.
 *
 * @since 0.2.0
 */
@ConfigurationProperties("management.health.mcp")
public class McpClientHealthProperties {

    /**
     * How long a health check waits for a server to answer its ping (and to connect, when it has no
     * session yet).
     */
    private Duration timeout = Duration.ofSeconds(5);

    public Duration getTimeout() {
        return timeout;
    }

    public void setTimeout(Duration timeout) {
        this.timeout = timeout;
    }
}
