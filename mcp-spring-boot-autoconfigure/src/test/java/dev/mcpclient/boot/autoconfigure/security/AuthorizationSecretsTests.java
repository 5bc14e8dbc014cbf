package dev.mcpclient.boot.autoconfigure.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.mcpclient.McpClient;
import dev.mcpclient.auth.McpAuthorizationException;
import dev.mcpclient.boot.autoconfigure.ShownByTheApplication;
import dev.mcpclient.testing.ThrowableText;
import dev.mcpclient.testing.oauth.ProtectedSdkServer;
import dev.mcpclient.testing.oauth.TestAuthorizationServer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The client secret and the access tokens never appear in what the application shows: its log (this
 * library at DEBUG), the messages of the errors its calls fail with, its health details, its
 * observations and its events, through a call, a token that expires mid-way (401, renewed), a call refused for its
 * scope (403) and a revoked client. The tokens are every one the authorization server issued. Both
 * ways a server's requests are authorized: Spring Security's OAuth2 client, and the MCP client's own
 * OAuth client configured by {@code mcp.client.servers.<name>.auth.*}.
 */
@ExtendWith(OutputCaptureExtension.class)
class AuthorizationSecretsTests {

    private static final String SECRET = "client-secret-4711";

    /** How the server's requests are authorized. */
    enum Way {
        SPRING_SECURITY("--spring.security.oauth2.client.registration.mcp.client-id=mcp-client",
                "--spring.security.oauth2.client.registration.mcp.client-secret=" + SECRET,
                "--spring.security.oauth2.client.registration.mcp.authorization-grant-type=client_credentials",
                "--spring.security.oauth2.client.registration.mcp.scope=mcp:read",
                "--spring.security.oauth2.client.registration.mcp.provider=test-as",
                "--spring.security.oauth2.client.provider.test-as.token-uri={tokenUri}",
                "--mcp.client.servers.x.auth.spring-security.registration-id=mcp"),
        OAUTH_PROPERTIES("--mcp.client.servers.x.auth.client-id=mcp-client",
                "--mcp.client.servers.x.auth.client-secret=" + SECRET,
                "--mcp.client.servers.x.auth.scope=mcp:read");

        final List<String> properties;

        Way(String... properties) {
            this.properties = List.of(properties);
        }
    }

    @ParameterizedTest
    @EnumSource(Way.class)
    void neitherTheClientSecretNorAnyAccessTokenIsShown(Way way, CapturedOutput output) {
        List<String> shown = new ArrayList<>();
        List<String> tokens;
        try (TestAuthorizationServer authorizationServer = TestAuthorizationServer.start()) {
            authorizationServer.registerClient("mcp-client", SECRET, "mcp:read");
            try (ProtectedSdkServer server = ProtectedSdkServer.start(authorizationServer)) {
                SpringApplication application = new SpringApplication(App.class);
                application.setWebApplicationType(WebApplicationType.NONE);
                List<String> arguments = new ArrayList<>(List.of("--logging.level.dev.mcpclient=DEBUG",
                        "--mcp.client.servers.x.url=" + server.url()));
                way.properties.forEach(p -> arguments.add(p.replace("{tokenUri}", authorizationServer.tokenUri())));
                try (ConfigurableApplicationContext context = application.run(arguments.toArray(String[]::new))) {
                    McpClient client = context.getBean("xMcpClient", McpClient.class);
                    client.callTool("echo", Map.of("text", "one"));
                    authorizationServer.advanceClock(TestAuthorizationServer.DEFAULT_TOKEN_LIFETIME.plusMinutes(1));
                    client.callTool("echo", Map.of("text", "two"));
                    Throwable scope = catchThrowable(() -> client.callTool(ProtectedSdkServer.ADMIN_TOOL, Map.of()));
                    assertThat(scope).isInstanceOf(McpAuthorizationException.class);
                    shown.add(ThrowableText.of(scope));
                    authorizationServer.revokeClient("mcp-client");
                    Throwable revoked = catchThrowable(() -> client.callTool("echo", Map.of("text", "three")));
                    assertThat(revoked).isInstanceOf(McpAuthorizationException.class);
                    shown.add(ThrowableText.of(revoked));

                    CompositeHealthContributor health = context.getBean("mcpHealthContributor", CompositeHealthContributor.class);
                    shown.add(((HealthIndicator) health.getContributor("x")).health().toString());
                    ShownByTheApplication recorded = context.getBean(ShownByTheApplication.class);
                    assertThat(recorded.observations()).isNotEmpty();
                    shown.addAll(recorded.texts());
                    shown.add(context.getBean("xMcpClient").toString());
                }
            }
            tokens = authorizationServer.issuedAccessTokens();
        }
        shown.add(output.getAll());

        // Two tokens issued (the first, the renewal), both used, the renewal logged: what is shown was looked at.
        assertThat(tokens).hasSizeGreaterThanOrEqualTo(2);
        assertThat(output.getAll()).contains("DEBUG").contains("dev.mcpclient");
        for (String text : shown) {
            assertThat(text).doesNotContain(SECRET);
            for (String token : tokens) {
                assertThat(text).doesNotContain(token);
                // Nor the token's signature alone (a JWT's last part).
                assertThat(text).doesNotContain(token.substring(token.lastIndexOf('.') + 1));
            }
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    @Import(ShownByTheApplication.Recording.class)
    static class App {
    }
}
