package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.auth.McpAuthorization;

/**
 * Gives the {@link McpAuthorization} of a server's HTTP transport from the server's settings, e.g. from
 * its {@code mcp.client.servers.<name>.auth} properties. Every bean of this type is asked in
 * {@link org.springframework.core.annotation.Order order} when a server's transport is built; the first
 * answer that is not {@code null} authorizes the server's requests. A provider fails (with an
 * {@link McpClientConfigurationException}) when the settings ask for it but it cannot serve them.
 *
 * @since 0.2.0
 */
@FunctionalInterface
public interface McpAuthorizationProvider {

    /**
     * The authorization of {@code server}'s requests, or {@code null} when this provider has none for it.
     *
     * @param server an HTTP server's settings
     */
    McpAuthorization authorization(McpServerSettings server);
}
