package dev.mcpclient.boot.autoconfigure.security;

import dev.mcpclient.auth.McpAuthorization;
import dev.mcpclient.boot.autoconfigure.McpAuthorizationProvider;
import dev.mcpclient.boot.autoconfigure.McpClientConfigurationException;
import dev.mcpclient.boot.autoconfigure.McpClientProperties;
import dev.mcpclient.boot.autoconfigure.McpServerAuthSettings;
import dev.mcpclient.boot.autoconfigure.McpServerSettings;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.InMemoryReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;

/**
 * The {@link SpringSecurityMcpAuthorization} of each server with
 * {@code mcp.client.servers.<name>.auth.spring-security.registration-id}, from the application's beans:
 * its {@link ReactiveOAuth2AuthorizedClientManager} if it has one that works outside a web request (not a
 * {@link DefaultReactiveOAuth2AuthorizedClientManager}, which Spring Security registers in a WebFlux
 * application and which needs the current {@code ServerWebExchange}), else one built on its client
 * registrations (the reactive repository Spring Boot makes of
 * {@code spring.security.oauth2.client.registration.*} in a reactive or non-web application, else the
 * servlet one) and its {@link ReactiveOAuth2AuthorizedClientService} (an in-memory one if it has none),
 * with the {@code client_credentials} and {@code refresh_token} grants. A registration that does not
 * exist, or no registrations at all, fail with an {@link McpClientConfigurationException} naming the
 * property.
 */
final class SpringSecurityMcpAuthorizationProvider implements McpAuthorizationProvider {

    private final ObjectProvider<ReactiveOAuth2AuthorizedClientManager> managers;
    private final ObjectProvider<ReactiveClientRegistrationRepository> reactiveRegistrations;
    private final ObjectProvider<ClientRegistrationRepository> registrations;
    private final ObjectProvider<ReactiveOAuth2AuthorizedClientService> authorizedClientServices;

    SpringSecurityMcpAuthorizationProvider(ObjectProvider<ReactiveOAuth2AuthorizedClientManager> managers,
            ObjectProvider<ReactiveClientRegistrationRepository> reactiveRegistrations,
            ObjectProvider<ClientRegistrationRepository> registrations,
            ObjectProvider<ReactiveOAuth2AuthorizedClientService> authorizedClientServices) {
        this.managers = managers;
        this.reactiveRegistrations = reactiveRegistrations;
        this.registrations = registrations;
        this.authorizedClientServices = authorizedClientServices;
    }

    @Override
    public McpAuthorization authorization(McpServerSettings server) {
        McpServerAuthSettings.SpringSecurity settings = server.auth().springSecurity();
        if (settings == null) {
            return null;
        }
        String property = McpClientProperties.PREFIX + ".servers." + server.name() + ".auth.spring-security.registration-id";
        ReactiveClientRegistrationRepository repository = registrations(property, settings.registrationId());
        ReactiveOAuth2AuthorizedClientManager manager = managers.getIfUnique();
        if (manager instanceof DefaultReactiveOAuth2AuthorizedClientManager && repository != null) {
            // Spring Security registers one in a WebFlux application; it needs the current web request, which the
            // client's calls from background threads do not have ("serverWebExchange cannot be null").
            manager = null;
        }
        ReactiveOAuth2AuthorizedClientService service = authorizedClientServices.getIfUnique();
        if (manager == null && repository == null) {
            throw new McpClientConfigurationException(List.of(property), property + " is '" + settings.registrationId()
                    + "', but the application has no OAuth2 client registrations",
                    "Declare the registration under spring.security.oauth2.client.registration." + settings.registrationId()
                            + " (with its provider under spring.security.oauth2.client.provider), or define a "
                            + "ReactiveOAuth2AuthorizedClientManager bean.");
        }
        if (service == null) {
            if (manager != null && repository == null) {
                throw new McpClientConfigurationException(List.of(property), property + " is set and the application "
                        + "has a ReactiveOAuth2AuthorizedClientManager, but no ReactiveOAuth2AuthorizedClientService to "
                        + "remove a token the server refused from",
                        "Define the ReactiveOAuth2AuthorizedClientService bean the manager keeps its authorized clients in.");
            }
            service = new InMemoryReactiveOAuth2AuthorizedClientService(repository);
        }
        if (manager == null) {
            AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager own =
                    new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(repository, service);
            own.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
                    .clientCredentials().refreshToken().build());
            manager = own;
        }
        return new SpringSecurityMcpAuthorization(server.name(), settings.registrationId(), settings.principal(), manager,
                service);
    }

    /**
     * The application's client registrations, checked to have {@code registrationId}; {@code null} when it
     * has none (then its manager must know the registration).
     */
    private ReactiveClientRegistrationRepository registrations(String property, String registrationId) {
        ReactiveClientRegistrationRepository reactive = reactiveRegistrations.getIfUnique();
        if (reactive != null) {
            // Checked when the repository answers at once, as Spring Boot's in-memory one does (never waited for:
            // a server may be added on any thread).
            CompletableFuture<ClientRegistration> found = reactive.findByRegistrationId(registrationId).toFuture();
            return found.isDone() && found.getNow(null) == null ? unknown(property, registrationId) : reactive;
        }
        ClientRegistrationRepository servlet = registrations.getIfUnique();
        if (servlet != null) {
            ClientRegistration registration = servlet.findByRegistrationId(registrationId);
            return registration == null ? unknown(property, registrationId)
                    : new InMemoryReactiveClientRegistrationRepository(registration);
        }
        return null;
    }

    private static ReactiveClientRegistrationRepository unknown(String property, String registrationId) {
        throw new McpClientConfigurationException(List.of(property), property + " is '" + registrationId
                + "', but there is no OAuth2 client registration of that id",
                "Declare it under spring.security.oauth2.client.registration." + registrationId + ", or set " + property
                        + " to the id of a registration declared there.");
    }
}
