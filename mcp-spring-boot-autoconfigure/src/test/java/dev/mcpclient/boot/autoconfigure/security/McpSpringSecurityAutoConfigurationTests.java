package dev.mcpclient.boot.autoconfigure.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.boot.autoconfigure.McpAuthorizationProvider;
import dev.mcpclient.boot.autoconfigure.McpClientAutoConfiguration;
import dev.mcpclient.boot.autoconfigure.McpClientConfigurationException;
import dev.mcpclient.boot.autoconfigure.McpServers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.oauth2.client.autoconfigure.OAuth2ClientAutoConfiguration;
import org.springframework.boot.security.oauth2.client.autoconfigure.reactive.ReactiveOAuth2ClientAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;

/** When the Spring Security bridge is configured, and the errors of a configuration it cannot serve. */
class McpSpringSecurityAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class,
                    McpSpringSecurityAutoConfiguration.class, ReactiveOAuth2ClientAutoConfiguration.class))
            .withPropertyValues("mcp.client.servers.x.url=http://127.0.0.1:9/mcp");

    private static final String[] REGISTRATION = {
            "spring.security.oauth2.client.registration.mcp.client-id=c",
            "spring.security.oauth2.client.registration.mcp.client-secret=s",
            "spring.security.oauth2.client.registration.mcp.authorization-grant-type=client_credentials",
            "spring.security.oauth2.client.registration.mcp.provider=as",
            "spring.security.oauth2.client.provider.as.token-uri=http://127.0.0.1:9/token" };

    private static McpClientConfigurationException configurationError(Throwable startupFailure) {
        return SpringSecurityAuthorizationTests.cause(startupFailure, McpClientConfigurationException.class);
    }

    @Test
    void aServerThatReferencesARegistrationGetsItsAuthorization() {
        runner.withPropertyValues(REGISTRATION)
                .withPropertyValues("mcp.client.servers.x.auth.spring-security.registration-id=mcp")
                .run(context -> {
                    assertThat(context).hasNotFailed().hasBean("springSecurityMcpAuthorizationProvider");
                    assertThat(context.getBean("springSecurityMcpAuthorizationProvider", McpAuthorizationProvider.class)
                            .authorization(context.getBean(McpServers.class).find("x").orElseThrow()))
                            .isInstanceOf(SpringSecurityMcpAuthorization.class)
                            .hasToString("SpringSecurityMcpAuthorization[server=x, registrationId=mcp, principal=mcp]");
                });
    }

    @Test
    void thePrincipalNameCanBeSet() {
        runner.withPropertyValues(REGISTRATION)
                .withPropertyValues("mcp.client.servers.x.auth.spring-security.registration-id=mcp",
                        "mcp.client.servers.x.auth.spring-security.principal=mcp-agent")
                .run(context -> assertThat(context.getBean("springSecurityMcpAuthorizationProvider", McpAuthorizationProvider.class)
                        .authorization(context.getBean(McpServers.class).find("x").orElseThrow()))
                        .hasToString("SpringSecurityMcpAuthorization[server=x, registrationId=mcp, principal=mcp-agent]"));
    }

    @Test
    void theServletRegistrationsOfAnMvcApplicationServeWhenThereAreNoReactiveOnes() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class,
                        McpSpringSecurityAutoConfiguration.class, OAuth2ClientAutoConfiguration.class))
                .withPropertyValues("mcp.client.servers.x.url=http://127.0.0.1:9/mcp",
                        "mcp.client.servers.x.auth.spring-security.registration-id=mcp")
                .withPropertyValues(REGISTRATION)
                .run(context -> {
                    assertThat(context).hasNotFailed().doesNotHaveBean(ReactiveClientRegistrationRepository.class)
                            .hasSingleBean(ClientRegistrationRepository.class);
                    assertThat(context.getBean("springSecurityMcpAuthorizationProvider", McpAuthorizationProvider.class)
                            .authorization(context.getBean(McpServers.class).find("x").orElseThrow()))
                            .isInstanceOf(SpringSecurityMcpAuthorization.class);
                });
    }

    @Test
    void aServerWithoutAuthGetsNone() {
        runner.withPropertyValues(REGISTRATION).run(context -> assertThat(context.getBean("springSecurityMcpAuthorizationProvider", McpAuthorizationProvider.class)
                .authorization(context.getBean(McpServers.class).find("x").orElseThrow()))
                .isNull());
    }

    @Test
    void anUnknownRegistrationFailsStartupNamingTheProperty() {
        runner.withPropertyValues(REGISTRATION)
                .withPropertyValues("mcp.client.servers.x.auth.spring-security.registration-id=other")
                .run(context -> assertThat(configurationError(context.getStartupFailure()))
                        .hasMessage("mcp.client.servers.x.auth.spring-security.registration-id is 'other', but there is no "
                                + "OAuth2 client registration of that id")
                        .satisfies(e -> assertThat(e.action()).contains("spring.security.oauth2.client.registration.other")));
    }

    @Test
    void noRegistrationsAtAllFailStartupNamingTheProperty() {
        runner.withPropertyValues("mcp.client.servers.x.auth.spring-security.registration-id=mcp")
                .run(context -> assertThat(configurationError(context.getStartupFailure()))
                        .hasMessage("mcp.client.servers.x.auth.spring-security.registration-id is 'mcp', but the application "
                                + "has no OAuth2 client registrations"));
    }

    @Test
    void withoutSpringSecuritysOAuth2ClientTheBridgeIsNotConfiguredAndTheReferenceFailsStartup() {
        runner.withClassLoader(new FilteredClassLoader(ReactiveOAuth2AuthorizedClientManager.class))
                .withPropertyValues("mcp.client.servers.x.auth.spring-security.registration-id=mcp")
                .run(context -> assertThat(configurationError(context.getStartupFailure()))
                        .hasMessage("mcp.client.servers.x.auth.spring-security.registration-id is set, but Spring Security's "
                                + "OAuth2 client is not on the classpath"));
    }

    @Test
    void aPrincipalWithoutARegistrationIsAnError() {
        runner.withPropertyValues("mcp.client.servers.x.auth.spring-security.principal=agent")
                .run(context -> assertThat(configurationError(context.getStartupFailure()))
                        .hasMessage("mcp.client.servers.x.auth.spring-security.principal is set, but "
                                + "mcp.client.servers.x.auth.spring-security.registration-id is not"));
    }

    @Test
    void authOnAStdioServerIsAnError() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class))
                .withPropertyValues("mcp.client.servers.files.transport=stdio", "mcp.client.servers.files.command=true",
                        "mcp.client.servers.files.auth.spring-security.registration-id=mcp")
                .run(context -> assertThat(configurationError(context.getStartupFailure()))
                        .hasMessageContaining("mcp.client.servers.files.auth.spring-security.registration-id is set, but the "
                                + "transport is stdio"));
    }
}
