package dev.mcpclient.boot.autoconfigure.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.McpClient;
import dev.mcpclient.auth.AuthorizationCodeHandler;
import dev.mcpclient.auth.McpAuthorizationException;
import dev.mcpclient.boot.autoconfigure.CommandLineApps;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import dev.mcpclient.testing.SdkServer;
import dev.mcpclient.testing.oauth.ProtectedSdkServer;
import dev.mcpclient.testing.oauth.TestAuthorizationServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import reactor.core.publisher.Mono;

/**
 * The MCP client's own OAuth client configured by properties alone
 * ({@code mcp.client.servers.<name>.auth.client-id}, {@code client-secret}, ...): against Spring
 * Authorization Server issuing tokens and the Java SDK's server behind Spring Security's resource
 * server, all on 127.0.0.1; and the startup errors of properties that cannot work.
 */
@ExtendWith(OutputCaptureExtension.class)
class OAuthPropertiesTests {

    static final String CLIENT_ID = "mcp-service";
    static final String SECRET = "oauth-secret-0815";

    TestAuthorizationServer authorizationServer;
    ProtectedSdkServer server;

    @BeforeEach
    void start() {
        authorizationServer = TestAuthorizationServer.start();
        authorizationServer.registerClient(CLIENT_ID, SECRET, "mcp:read", ProtectedSdkServer.ADMIN_SCOPE);
        server = ProtectedSdkServer.start(authorizationServer);
    }

    @AfterEach
    void stop() {
        server.close();
        authorizationServer.close();
    }

    List<String> properties(String... more) {
        return CommandLineApps.arguments(List.of(
                "--mcp.client.servers.x.url=" + server.url(),
                "--mcp.client.servers.x.background-stream=false",
                "--mcp.client.servers.x.auth.client-id=" + CLIENT_ID,
                "--mcp.client.servers.x.auth.client-secret=" + SECRET), more);
    }

    ConfigurableApplicationContext run(Class<?> app, List<String> properties) {
        return CommandLineApps.run(app, properties);
    }

    @Test
    void clientCredentialsThroughPropertiesAlone() {
        try (ConfigurableApplicationContext context = run(App.class, properties())) {
            McpClient client = context.getBean("xMcpClient", McpClient.class);

            assertThat(client.callTool("echo", Map.of("text", "hello")).content().toString()).contains("hello");

            assertThat(authorizationServer.tokenRequests()).isEqualTo(1);
            List<String> tokens = authorizationServer.issuedAccessTokens();
            List<SdkServer.RecordedRequest> posts = server.sdk().requests("POST");
            // The first request went without a token (the server's refusal said where to get one), the rest with it.
            assertThat(posts.get(0).header("Authorization")).isNull();
            assertThat(posts.subList(1, posts.size())).isNotEmpty()
                    .allSatisfy(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + tokens.get(0)));
            assertThat(context.getBean(McpClientRegistry.class).settings("x").toString())
                    .contains("clientSecret=******").doesNotContain(SECRET);
        }
    }

    @Test
    void aRevokedClientFailsWithAnAuthorizationErrorNamingTheServer() {
        try (ConfigurableApplicationContext context = run(App.class, properties())) {
            McpClient client = context.getBean("xMcpClient", McpClient.class);
            client.callTool("echo", Map.of("text", "one"));

            authorizationServer.revokeClient(CLIENT_ID);

            assertThatThrownBy(() -> client.callTool("echo", Map.of("text", "two")))
                    .isInstanceOf(McpAuthorizationException.class)
                    .hasMessageContaining(server.url())
                    .hasMessageContaining("invalid_client")
                    .satisfies(e -> assertThat(e.getMessage()).doesNotContain(SECRET));
        }
    }

    @Test
    void aSecretWithoutItsClientIdIsRefusedAtStartup(CapturedOutput output) {
        assertThatThrownBy(() -> run(App.class, properties("--mcp.client.servers.x.auth.client-id=")).close()).isNotNull();
        assertThat(output.getAll()).contains("mcp.client.servers.x.auth.client-id must not be empty");

        assertThatThrownBy(() -> run(App.class, List.of("--mcp.client.servers.x.url=" + server.url(),
                "--mcp.client.servers.x.auth.client-secret=" + SECRET)).close()).isNotNull();
        assertThat(output.getAll()).contains("mcp.client.servers.x.auth.client-secret is set, but "
                + "mcp.client.servers.x.auth.client-id is not");
        assertThat(output.getAll()).doesNotContain(SECRET);
    }

    @Test
    void theAuthorizationCodeGrantNeedsARedirectUriAndAHandler(CapturedOutput output) {
        assertThatThrownBy(() -> run(App.class, List.of("--mcp.client.servers.x.url=" + server.url(),
                "--mcp.client.servers.x.auth.client-id=" + CLIENT_ID)).close()).isNotNull();
        assertThat(output.getAll()).contains("the authorization-code grant needs mcp.client.servers.x.auth.redirect-uri "
                + "(it is the grant because mcp.client.servers.x.auth.client-secret is not set)");

        assertThatThrownBy(() -> run(App.class, List.of("--mcp.client.servers.x.url=" + server.url(),
                "--mcp.client.servers.x.auth.client-id=" + CLIENT_ID,
                "--mcp.client.servers.x.auth.redirect-uri=http://127.0.0.1:8080/callback")).close()).isNotNull();
        assertThat(output.getAll()).contains("MCP server 'x' uses the authorization-code grant, but the application has "
                + "no (single) AuthorizationCodeHandler bean");
    }

    @Test
    void anAuthorizationCodeHandlerBeanServesTheAuthorizationCodeGrant() {
        // The handler is asked when the server refuses the first request; this one declines, which fails the call.
        try (ConfigurableApplicationContext context = run(HandlerApp.class, List.of("--mcp.client.servers.x.url=" + server.url(),
                "--mcp.client.servers.x.background-stream=false",
                "--mcp.client.servers.x.auth.client-id=" + CLIENT_ID,
                "--mcp.client.servers.x.auth.redirect-uri=http://127.0.0.1:8080/callback"))) {
            McpClient client = context.getBean("xMcpClient", McpClient.class);

            assertThatThrownBy(() -> client.callTool("echo", Map.of("text", "x"))).isInstanceOf(McpAuthorizationException.class);
            assertThat(context.getBean(HandlerApp.class).asked).isNotEmpty();
        }
    }

    @Test
    void theOAuthClientAndSpringSecuritysAreExclusiveAndNotForStdio(CapturedOutput output) {
        assertThatThrownBy(() -> run(App.class, properties("--mcp.client.servers.x.auth.spring-security.registration-id=r"))
                .close()).isNotNull();
        assertThat(output.getAll()).contains("a server's requests are authorized one way");

        assertThatThrownBy(() -> run(App.class, List.of("--mcp.client.servers.y.transport=stdio",
                "--mcp.client.servers.y.command=java", "--mcp.client.servers.y.auth.client-id=" + CLIENT_ID,
                "--mcp.client.servers.y.auth.client-secret=" + SECRET)).close()).isNotNull();
        assertThat(output.getAll()).contains("the transport is stdio, whose requests are not HTTP requests");
    }

    @Test
    void thePrivateKeyJwtWorkloadAndEnterpriseGrantsAreConfiguredByProperties(@org.junit.jupiter.api.io.TempDir
            java.nio.file.Path dir) throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(256);
        String pem = "-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder().encodeToString(
                generator.generateKeyPair().getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        java.nio.file.Path key = java.nio.file.Files.writeString(dir.resolve("client.pem"), pem);
        java.nio.file.Path jwt = java.nio.file.Files.writeString(dir.resolve("workload.jwt"), "a.b.c");
        List<String> servers = List.of(
                "--mcp.client.servers.keyed.url=" + server.url(),
                "--mcp.client.servers.keyed.auth.client-id=" + CLIENT_ID,
                "--mcp.client.servers.keyed.auth.private-key-location=file:" + key,
                "--mcp.client.servers.keyed.auth.key-id=k1",
                "--mcp.client.servers.keyed.auth.dpop=true",
                "--mcp.client.servers.workload.url=" + server.url(),
                "--mcp.client.servers.workload.auth.assertion-file=" + jwt,
                "--mcp.client.servers.enterprise.url=" + server.url(),
                "--mcp.client.servers.enterprise.auth.client-id=" + CLIENT_ID,
                "--mcp.client.servers.enterprise.auth.enterprise.idp-token-endpoint=http://127.0.0.1:1/token",
                "--mcp.client.servers.enterprise.auth.enterprise.id-token-file=" + jwt,
                "--mcp.client.servers.enterprise.auth.enterprise.idp-client-id=app",
                "--mcp.client.servers.enterprise.auth.enterprise.idp-client-secret=idp-secret-77");
        try (ConfigurableApplicationContext context = run(App.class, servers)) {
            McpClientRegistry registry = context.getBean(McpClientRegistry.class);
            assertThat(registry.settings("keyed").orElseThrow().auth().oauth().grantType())
                    .isEqualTo(dev.mcpclient.boot.autoconfigure.McpServerAuthProperties.GrantType.CLIENT_CREDENTIALS);
            assertThat(registry.settings("keyed").orElseThrow().auth().oauth().dpop()).isTrue();
            assertThat(registry.settings("workload").orElseThrow().auth().oauth().grantType())
                    .isEqualTo(dev.mcpclient.boot.autoconfigure.McpServerAuthProperties.GrantType.JWT_BEARER);
            assertThat(registry.settings("enterprise").orElseThrow().auth().oauth().grantType())
                    .isEqualTo(dev.mcpclient.boot.autoconfigure.McpServerAuthProperties.GrantType.ENTERPRISE_MANAGED);
            String shown = registry.settings("keyed").orElseThrow() + " " + registry.settings("enterprise").orElseThrow();
            assertThat(shown).contains("privateKey=******", "idpClientSecret=******")
                    .doesNotContain("BEGIN PRIVATE KEY", "idp-secret-77");
        }
    }

    @Test
    void grantsWithoutWhatTheyNeedOrAnUnusableKeyFailAtStartup(CapturedOutput output) {
        assertThatThrownBy(() -> run(App.class, List.of("--mcp.client.servers.x.url=" + server.url(),
                "--mcp.client.servers.x.auth.grant-type=jwt-bearer")).close()).isNotNull();
        assertThat(output.getAll()).contains("the jwt-bearer grant needs mcp.client.servers.x.auth.assertion-file");

        assertThatThrownBy(() -> run(App.class, List.of("--mcp.client.servers.x.url=" + server.url(),
                "--mcp.client.servers.x.auth.enterprise.idp-token-endpoint=http://127.0.0.1:1/token")).close()).isNotNull();
        assertThat(output.getAll()).contains("the enterprise-managed grant needs mcp.client.servers.x.auth.enterprise.idp-token-endpoint");

        assertThatThrownBy(() -> run(App.class, List.of("--mcp.client.servers.x.url=" + server.url(),
                "--mcp.client.servers.x.auth.client-id=" + CLIENT_ID,
                "--mcp.client.servers.x.auth.private-key=not-a-key-7731")).close()).isNotNull();
        assertThat(output.getAll()).contains("mcp.client.servers.x.auth.private-key is not a usable key")
                .doesNotContain("not-a-key-7731");
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class HandlerApp {
        final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

        @Bean
        AuthorizationCodeHandler declining() {
            return (authorizationUrl, redirectUri) -> {
                asked.add(authorizationUrl.toString());
                return Mono.error(new IllegalStateException("the user declined"));
            };
        }
    }
}
