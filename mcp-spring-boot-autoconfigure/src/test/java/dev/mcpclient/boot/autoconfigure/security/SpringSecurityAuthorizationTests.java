package dev.mcpclient.boot.autoconfigure.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.McpClient;
import dev.mcpclient.boot.autoconfigure.CommandLineApps;
import dev.mcpclient.ReactiveMcpClient;
import dev.mcpclient.auth.McpAuthorizationException;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.testing.SdkServer;
import dev.mcpclient.testing.oauth.AdjustableClock;
import dev.mcpclient.testing.oauth.ProtectedSdkServer;
import dev.mcpclient.testing.oauth.TestAuthorizationServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.ReactiveOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.registration.ReactiveClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultReactiveOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.server.AuthenticatedPrincipalServerOAuth2AuthorizedClientRepository;
import org.springframework.boot.webclient.WebClientCustomizer;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * A Boot application whose MCP server is an OAuth 2.0 resource server (the Java SDK's server behind Spring
 * Security), with tokens from Spring Security's OAuth2 client for a {@code client_credentials}
 * registration declared under {@code spring.security.oauth2.client.registration}, issued by Spring
 * Authorization Server: all real, on 127.0.0.1.
 */
@ExtendWith(OutputCaptureExtension.class)
class SpringSecurityAuthorizationTests {

    static final String CLIENT_ID = "mcp-client";
    static final String SECRET = "client-secret-4711";

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

    /**
     * The application's properties: the registration under Spring Security's, the server referencing it;
     * {@code more} ({@code --name=value}) added or replacing those of the same name.
     */
    List<String> properties(String... more) {
        return CommandLineApps.arguments(List.of(
                "--spring.security.oauth2.client.registration.mcp.client-id=" + CLIENT_ID,
                "--spring.security.oauth2.client.registration.mcp.client-secret=" + SECRET,
                "--spring.security.oauth2.client.registration.mcp.authorization-grant-type=client_credentials",
                "--spring.security.oauth2.client.registration.mcp.scope=mcp:read",
                "--spring.security.oauth2.client.registration.mcp.provider=test-as",
                "--spring.security.oauth2.client.provider.test-as.token-uri=" + authorizationServer.tokenUri(),
                "--mcp.client.servers.x.url=" + server.url(),
                "--mcp.client.servers.x.background-stream=false",
                "--mcp.client.servers.x.auth.spring-security.registration-id=mcp"), more);
    }

    ConfigurableApplicationContext run(Class<?> app, List<String> properties) {
        return CommandLineApps.run(app, properties);
    }

    static <T extends Throwable> T cause(Throwable e, Class<T> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        throw new AssertionError("no " + type.getSimpleName() + " in the causes of " + e, e);
    }

    static String text(CallToolResult result) {
        return result.content().toString();
    }

    @Test
    void theFixturesAnswer401WithResourceMetadataThatNamesTheAuthorizationServer() throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(server.url()))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).header("Content-Type", "application/json").build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(challenge -> assertThat(challenge)
                .startsWith("Bearer").contains("resource_metadata=\"" + server.resourceMetadataUrl() + "\""));

        HttpResponse<String> metadata = http.send(HttpRequest.newBuilder(URI.create(server.resourceMetadataUrl())).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(metadata.statusCode()).isEqualTo(200);
        assertThat(metadata.body()).contains("\"authorization_servers\":[\"" + authorizationServer.issuer() + "\"]")
                .contains("\"resource\":\"" + server.url() + "\"");

        HttpResponse<String> asMetadata = http.send(HttpRequest.newBuilder(
                URI.create(authorizationServer.issuer() + "/.well-known/oauth-authorization-server")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(asMetadata.statusCode()).isEqualTo(200);
        assertThat(asMetadata.body()).contains("\"token_endpoint\":\"" + authorizationServer.tokenUri() + "\"");
    }

    @Test
    void aToolOfTheProtectedServerIsCalledWithTheRegistrationsToken() {
        try (ConfigurableApplicationContext context = run(App.class, properties())) {
            McpClient client = context.getBean("xMcpClient", McpClient.class);

            assertThat(text(client.callTool("echo", Map.of("text", "hello")))).contains("hello");

            assertThat(authorizationServer.tokenRequests()).isEqualTo(1);
            String token = authorizationServer.issuedAccessTokens().get(0);
            assertThat(server.sdk().requests("POST")).isNotEmpty()
                    .allMatch(r -> ("Bearer " + token).equals(r.header("Authorization")));
        }
    }

    @Test
    void aManagerThatNeedsAWebRequestIsNotUsed() {
        // The one Spring Security registers in a WebFlux application: it fails outside a web request.
        try (ConfigurableApplicationContext context = run(WebFluxManagerApp.class, properties())) {
            McpClient client = context.getBean("xMcpClient", McpClient.class);

            assertThat(text(client.callTool("echo", Map.of("text", "hello")))).contains("hello");
        }
    }

    @Test
    void aTokenThatExpiresMidwayIsRenewedAndTheCallSentAgain() {
        try (ConfigurableApplicationContext context = run(App.class, properties())) {
            McpClient client = context.getBean("xMcpClient", McpClient.class);
            client.callTool("echo", Map.of("text", "one"));

            // Time passes the token's expiry for the servers (not for the client): the MCP server answers
            // 401 invalid_token, and the token the client gets then is valid.
            authorizationServer.advanceClock(TestAuthorizationServer.DEFAULT_TOKEN_LIFETIME.plusMinutes(1));
            assertThat(text(client.callTool("echo", Map.of("text", "two")))).contains("two");

            assertThat(authorizationServer.tokenRequests()).isEqualTo(2);
            List<String> tokens = authorizationServer.issuedAccessTokens();
            assertThat(tokens).hasSize(2).doesNotHaveDuplicates();
            List<SdkServer.RecordedRequest> posts = server.sdk().requests("POST");
            SdkServer.RecordedRequest last = posts.get(posts.size() - 1);
            assertThat(last.header("Authorization")).isEqualTo("Bearer " + tokens.get(1));
            assertThat(posts.get(posts.size() - 2).header("Authorization")).isEqualTo("Bearer " + tokens.get(0));
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
                    .hasMessageContaining("MCP server 'x'")
                    .hasMessageContaining("registration 'mcp'")
                    .hasMessageContaining("invalid_client");
            // Refused (401), removed, and one more token request, which the server refused.
            assertThat(authorizationServer.tokenRequests()).isEqualTo(2);
        }
    }

    @Test
    void anUnknownClientFailsStartupWithAnAuthorizationErrorNamingTheServer() {
        assertThatThrownBy(() -> run(App.class, properties(
                "--spring.security.oauth2.client.registration.mcp.client-id=nobody",
                "--mcp.client.servers.x.required=true")).close())
                .satisfies(e -> assertThat(cause(e, McpAuthorizationException.class))
                        .hasMessageContaining("MCP server 'x'").hasMessageContaining("invalid_client"));
        assertThat(authorizationServer.tokenRequests()).isEqualTo(1);
    }

    @Test
    void anUnknownRegistrationIdIsReportedWithTheOriginOfTheProperty(CapturedOutput output) {
        assertThatThrownBy(() -> run(App.class, properties("--mcp.client.servers.x.auth.spring-security.registration-id=mpc"))
                .close()).isNotNull();
        String report = output.getAll().substring(output.getAll().indexOf("APPLICATION FAILED TO START"));
        assertThat(report).contains("The MCP client configuration is invalid: mcp.client.servers.x.auth.spring-security"
                        + ".registration-id is 'mpc', but there is no OAuth2 client registration of that id.")
                .contains("Origin: \"mcp.client.servers.x.auth.spring-security.registration-id\" from property source "
                        + "\"commandLineArgs\"")
                .contains("Declare it under spring.security.oauth2.client.registration.mpc");
        assertThat(authorizationServer.tokenRequests()).isZero();
    }

    @Test
    void aToolThatNeedsAScopeTheTokenLacksIsRefusedWith403() {
        try (ConfigurableApplicationContext context = run(App.class, properties())) {
            McpClient client = context.getBean("xMcpClient", McpClient.class);

            assertThatThrownBy(() -> client.callTool(ProtectedSdkServer.ADMIN_TOOL, Map.of()))
                    .isInstanceOf(McpAuthorizationException.class)
                    .hasMessageContaining("403")
                    .hasMessageContaining("insufficient_scope");
            // A new token of the same registration has the same scopes: none is asked for.
            assertThat(authorizationServer.tokenRequests()).isEqualTo(1);
        }
    }

    @Test
    void aToolThatNeedsAScopeIsCalledWithATokenThatHasIt() {
        try (ConfigurableApplicationContext context = run(App.class, properties(
                "--spring.security.oauth2.client.registration.mcp.scope=mcp:read," + ProtectedSdkServer.ADMIN_SCOPE))) {
            McpClient client = context.getBean("xMcpClient", McpClient.class);

            assertThat(client.callTool(ProtectedSdkServer.ADMIN_TOOL, Map.of()).isError()).isFalse();
        }
    }

    @Test
    void aHundredCallsWhenTheTokenExpiredMakeOneTokenRequest() throws Exception {
        try (ConfigurableApplicationContext context = run(ClockedApp.class, properties())) {
            ReactiveMcpClient client = context.getBean("xReactiveMcpClient", ReactiveMcpClient.class);
            client.callTool("echo", Map.of("text", "first")).block(Duration.ofSeconds(30));
            assertThat(authorizationServer.tokenRequests()).isEqualTo(1);

            // The token expired for the client (its clock), and the token endpoint holds the renewal.
            context.getBean(AdjustableClock.class).advance(TestAuthorizationServer.DEFAULT_TOKEN_LIFETIME);
            TestAuthorizationServer.TokenRequestHold hold = authorizationServer.holdTokenRequests();
            CountDownLatch sent = new CountDownLatch(100);
            context.getBean(SentRequests.class).latch.set(sent);
            List<Mono<CallToolResult>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(client.callTool("echo", Map.of("text", "call " + i)));
            }
            Mono<List<CallToolResult>> all = Flux.merge(calls).collectList().cache();
            all.subscribe();

            // Every call asks for its token while the one renewal is held.
            assertThat(hold.awaitRequest()).isTrue();
            assertThat(sent.await(30, TimeUnit.SECONDS)).isTrue();
            hold.release();

            assertThat(all.block(Duration.ofSeconds(30))).hasSize(100).noneMatch(CallToolResult::isError);
            assertThat(authorizationServer.tokenRequests()).isEqualTo(2);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class App {
    }

    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class WebFluxManagerApp {

        @Bean
        ReactiveOAuth2AuthorizedClientManager authorizedClientManager(ReactiveClientRegistrationRepository registrations,
                ReactiveOAuth2AuthorizedClientService authorizedClients) {
            return new DefaultReactiveOAuth2AuthorizedClientManager(registrations,
                    new AuthenticatedPrincipalServerOAuth2AuthorizedClientRepository(authorizedClients));
        }
    }

    /**
     * With the application's own manager, whose {@code client_credentials} provider reads a clock the test
     * moves; and a {@code WebClient} filter that counts the MCP requests sent once the test arms it.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class ClockedApp {

        @Bean
        AdjustableClock clock() {
            return new AdjustableClock();
        }

        @Bean
        ReactiveOAuth2AuthorizedClientManager authorizedClientManager(ReactiveClientRegistrationRepository registrations,
                ReactiveOAuth2AuthorizedClientService authorizedClients, AdjustableClock clock) {
            AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager manager =
                    new AuthorizedClientServiceReactiveOAuth2AuthorizedClientManager(registrations, authorizedClients);
            manager.setAuthorizedClientProvider(ReactiveOAuth2AuthorizedClientProviderBuilder.builder()
                    .clientCredentials(credentials -> credentials.clock(clock)).build());
            return manager;
        }

        @Bean
        SentRequests sentRequests() {
            return new SentRequests();
        }

        @Bean
        WebClientCustomizer countSentRequests(SentRequests sent) {
            // Applied before the authorization filter: counted as each request goes on to ask for its token.
            return builder -> builder.filter((request, next) -> Mono.defer(() -> {
                CountDownLatch latch = sent.latch.get();
                if (latch != null) {
                    latch.countDown();
                }
                return next.exchange(request);
            }));
        }
    }

    static final class SentRequests {
        final AtomicReference<CountDownLatch> latch = new AtomicReference<>();
    }
}
