package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.boot.autoconfigure.ai.McpSpringAiProperties;
import dev.mcpclient.boot.autoconfigure.oauth.McpOAuthProperties;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;

/**
 * Configuration of the MCP clients: the defaults of every server, and one entry under
 * {@code mcp.client.servers} per server ({@link McpServerProperties}).
 *
 * <pre>
 * mcp:
 *   client:
 *     request-timeout: 30s
 *     servers:
 *       weather:
 *         url: http://localhost:8081/mcp
 *         headers: { X-Api-Key: secret }
 *       files:
 *         transport: stdio
 *         command: npx
 *         args: [ "-y", "@modelcontextprotocol/server-filesystem", "/tmp" ]
 * </pre>
 *
 * <p>What a server's beans are built from is its {@link McpServerSettings}: these properties with
 * every default resolved.
 *
 * @since 0.2.0
 */
@ConfigurationProperties(prefix = McpClientProperties.PREFIX, ignoreUnknownFields = false)
public class McpClientProperties {

    /** The prefix of every property. */
    public static final String PREFIX = "mcp.client";

    /**
     * Whether to create MCP clients at all.
     */
    private boolean enabled = true;

    /**
     * Default timeout of every call, including waiting for the session, for servers that set none.
     */
    private Duration requestTimeout = McpClientBuilder.DEFAULT_REQUEST_TIMEOUT;

    /**
     * Default timeout of the handshake (initialize, server/discover), for servers that set none.
     * Defaults to the request timeout.
     */
    private Duration initializeTimeout;

    /**
     * Name the client gives the servers. Defaults to 'spring.application.name'.
     */
    private String clientName;

    /**
     * Version the client gives the servers. Defaults to 'spring.application.version'.
     */
    private String clientVersion;

    /**
     * The MCP servers to connect to, by name. The name qualifies the server's beans.
     */
    private Map<String, McpServerProperties> servers = new LinkedHashMap<>();

    /**
     * How the servers' tools are offered to Spring AI.
     */
    @NestedConfigurationProperty
    private final McpSpringAiProperties springAi = new McpSpringAiProperties();

    /**
     * How a web application lets its user sign in for the authorization-code grant: its callback
     * endpoint and how long it waits for the user.
     */
    @NestedConfigurationProperty
    private final McpOAuthProperties oauth = new McpOAuthProperties();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Duration getRequestTimeout() {
        return requestTimeout;
    }

    public void setRequestTimeout(Duration requestTimeout) {
        this.requestTimeout = requestTimeout;
    }

    public Duration getInitializeTimeout() {
        return initializeTimeout;
    }

    public void setInitializeTimeout(Duration initializeTimeout) {
        this.initializeTimeout = initializeTimeout;
    }

    public String getClientName() {
        return clientName;
    }

    public void setClientName(String clientName) {
        this.clientName = clientName;
    }

    public String getClientVersion() {
        return clientVersion;
    }

    public void setClientVersion(String clientVersion) {
        this.clientVersion = clientVersion;
    }

    public Map<String, McpServerProperties> getServers() {
        return servers;
    }

    public void setServers(Map<String, McpServerProperties> servers) {
        this.servers = servers;
    }

    public McpSpringAiProperties getSpringAi() {
        return springAi;
    }

    public McpOAuthProperties getOauth() {
        return oauth;
    }

    /** The servers whose clients are created, in configuration order. */
    public Map<String, McpServerProperties> enabledServers() {
        Map<String, McpServerProperties> enabled = new LinkedHashMap<>();
        servers.forEach((name, server) -> {
            if (server.isEnabled()) {
                enabled.put(name, server);
            }
        });
        return enabled;
    }

    @Override
    public String toString() {
        return "McpClientProperties[enabled=" + enabled + ", requestTimeout=" + requestTimeout + ", initializeTimeout="
                + initializeTimeout + ", clientName=" + clientName + ", clientVersion=" + clientVersion + ", servers="
                + servers + ", springAi=" + springAi + ", oauth=" + oauth + "]";
    }
}
