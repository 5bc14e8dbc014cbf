package dev.mcpclient.boot.autoconfigure.oauth;

import dev.mcpclient.boot.autoconfigure.McpClientProperties;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The callback endpoint of the authorization-code grant: {@code GET} at
 * {@code mcp.client.oauth.callback-path} (default {@value McpOAuthProperties#DEFAULT_CALLBACK_PATH}),
 * where the authorization server sends the user's browser back; it completes the
 * {@link WebAuthorizationCodeHandler}'s pending authorization (200, a page saying the window can be
 * closed) or answers 400 for an unknown or expired {@code state}. A {@code RouterFunction} of WebFlux in
 * a reactive application, of Spring MVC in a servlet one; only when the application has a
 * {@link WebAuthorizationCodeHandler} bean.
 *
 * @since 0.2.0
 */
@AutoConfiguration(after = McpWebAuthorizationAutoConfiguration.class)
@ConditionalOnBean(WebAuthorizationCodeHandler.class)
public final class McpAuthorizationCallbackAutoConfiguration {

    /** WebFlux applications. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    @ConditionalOnClass(name = "org.springframework.web.reactive.function.server.RouterFunction")
    static class ReactiveCallbackConfiguration {

        @Bean
        org.springframework.web.reactive.function.server.RouterFunction<org.springframework.web.reactive.function.server.ServerResponse>
                mcpAuthorizationCallbackRoute(McpClientProperties properties, WebAuthorizationCodeHandler handler) {
            return ReactiveAuthorizationCallback.route(properties.getOauth().getCallbackPath(), handler);
        }
    }

    /** Servlet (Spring MVC) applications. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
    @ConditionalOnClass(name = "org.springframework.web.servlet.function.RouterFunction")
    static class ServletCallbackConfiguration {

        @Bean
        org.springframework.web.servlet.function.RouterFunction<org.springframework.web.servlet.function.ServerResponse>
                mcpAuthorizationCallbackRoute(McpClientProperties properties, WebAuthorizationCodeHandler handler) {
            return ServletAuthorizationCallback.route(properties.getOauth().getCallbackPath(), handler);
        }
    }
}
