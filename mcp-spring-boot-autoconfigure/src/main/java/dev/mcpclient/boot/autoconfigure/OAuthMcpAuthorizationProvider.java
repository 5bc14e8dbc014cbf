package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.auth.AuthorizationCodeHandler;
import dev.mcpclient.auth.McpAuthorization;
import dev.mcpclient.auth.OAuthAuthorization;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The authorization of servers with the OAuth client's properties
 * ({@code mcp.client.servers.<name>.auth.client-id}, {@code client-secret}, {@code grant-type}, ...): an
 * {@link OAuthAuthorization} of their own, calling the authorization server through the application's
 * {@code WebClient.Builder} when it has one, and, for the authorization-code grant, letting the user
 * sign in through the application's {@link AuthorizationCodeHandler} bean.
 */
final class OAuthMcpAuthorizationProvider implements McpAuthorizationProvider {

    private final ObjectProvider<WebClient.Builder> webClientBuilder;
    private final ObjectProvider<AuthorizationCodeHandler> handlers;

    OAuthMcpAuthorizationProvider(ObjectProvider<WebClient.Builder> webClientBuilder,
            ObjectProvider<AuthorizationCodeHandler> handlers) {
        this.webClientBuilder = webClientBuilder;
        this.handlers = handlers;
    }

    @Override
    public McpAuthorization authorization(McpServerSettings server) {
        McpServerAuthSettings.OAuth oauth = server.auth().oauth();
        if (oauth == null) {
            return null;
        }
        OAuthAuthorization.Builder builder = OAuthAuthorization.builder()
                .offlineAccess(oauth.offlineAccess())
                .refreshSkew(oauth.refreshSkew())
                .timeout(oauth.timeout());
        if (oauth.clientId() != null) {
            builder.clientId(oauth.clientId());
        }
        if (oauth.clientSecret() != null) {
            builder.clientSecret(oauth.clientSecret());
        }
        if (oauth.clientMetadataUrl() != null) {
            builder.clientMetadataUrl(oauth.clientMetadataUrl());
        }
        if (oauth.clientName() != null) {
            builder.clientName(oauth.clientName());
        }
        if (oauth.redirectUri() != null) {
            builder.redirectUri(oauth.redirectUri());
        }
        if (oauth.scope() != null) {
            builder.scope(oauth.scope());
        }
        webClientBuilder.ifAvailable(builder::webClientBuilder);
        if (oauth.grantType() == McpServerAuthProperties.GrantType.CLIENT_CREDENTIALS) {
            builder.clientCredentials();
        } else {
            AuthorizationCodeHandler handler = handlers.getIfUnique();
            if (handler == null) {
                String property = McpClientProperties.PREFIX + ".servers." + server.name() + ".auth.grant-type";
                throw new McpClientConfigurationException(List.of(property), "MCP server '" + server.name()
                        + "' uses the authorization-code grant, but the application has no (single) AuthorizationCodeHandler "
                        + "bean to let its user sign in",
                        "Define an AuthorizationCodeHandler bean (e.g. one that sends the user's browser to the "
                                + "authorization URL), or use the client-credentials grant (set client-id and client-secret).");
            }
            builder.authorizationCodeHandler(handler);
        }
        return builder.build();
    }
}
