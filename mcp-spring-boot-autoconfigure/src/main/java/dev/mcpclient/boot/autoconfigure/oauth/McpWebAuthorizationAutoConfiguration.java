package dev.mcpclient.boot.autoconfigure.oauth;

import dev.mcpclient.McpClient;
import dev.mcpclient.auth.AuthorizationCodeHandler;
import dev.mcpclient.boot.autoconfigure.McpClientAutoConfiguration;
import dev.mcpclient.boot.autoconfigure.McpClientProperties;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;

/**
 * The authorization-code grant in a web application (servlet or reactive): a
 * {@link WebAuthorizationCodeHandler} bean, unless the application has an {@link AuthorizationCodeHandler}
 * of its own, so that a server configured with {@code auth.grant-type=authorization-code} lets a user
 * sign in through the browser and come back to the application's callback endpoint
 * ({@link McpAuthorizationCallbackAutoConfiguration}). Configured under {@code mcp.client.oauth}.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = McpClientAutoConfiguration.class)
@ConditionalOnClass(McpClient.class)
@ConditionalOnWebApplication
@ConditionalOnBean(McpClientRegistry.class)
public final class McpWebAuthorizationAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(AuthorizationCodeHandler.class)
    WebAuthorizationCodeHandler webAuthorizationCodeHandler(McpClientProperties properties,
            ApplicationEventPublisher events) {
        return new WebAuthorizationCodeHandler(events, properties.getOauth().getAuthorizationTimeout());
    }
}
