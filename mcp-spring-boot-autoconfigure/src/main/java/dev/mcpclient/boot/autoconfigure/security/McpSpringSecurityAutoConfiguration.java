package dev.mcpclient.boot.autoconfigure.security;

import dev.mcpclient.McpClient;
import dev.mcpclient.boot.autoconfigure.McpAuthorizationProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;

/**
 * With Spring Security's OAuth2 client: servers with
 * {@code mcp.client.servers.<name>.auth.spring-security.registration-id} authorize their requests with the
 * access tokens of that client registration ({@link SpringSecurityMcpAuthorization}).
 *
 * @since 0.2.0
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration",
        "org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration" })
@ConditionalOnClass({ McpClient.class, ReactiveOAuth2AuthorizedClientManager.class })
public final class McpSpringSecurityAutoConfiguration {

    @Bean
    McpAuthorizationProvider springSecurityMcpAuthorizationProvider(
            ObjectProvider<ReactiveOAuth2AuthorizedClientManager> managers,
            ObjectProvider<ReactiveClientRegistrationRepository> reactiveRegistrations,
            ObjectProvider<ClientRegistrationRepository> registrations,
            ObjectProvider<ReactiveOAuth2AuthorizedClientService> authorizedClientServices) {
        return new SpringSecurityMcpAuthorizationProvider(managers, reactiveRegistrations, registrations,
                authorizedClientServices);
    }
}
