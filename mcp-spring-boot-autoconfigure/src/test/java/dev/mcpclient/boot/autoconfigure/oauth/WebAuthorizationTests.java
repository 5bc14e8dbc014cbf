package dev.mcpclient.boot.autoconfigure.oauth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.McpTimeoutException;
import dev.mcpclient.auth.McpAuthorizationException;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.testing.SdkServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.MapPropertySource;

/**
 * A web application connected once to an MCP server that needs a user to sign in
 * ({@code mcp.client.servers.x.auth.grant-type=authorization-code}), everything real on 127.0.0.1: the
 * application (WebFlux on Reactor Netty, or Spring MVC on Tomcat) on a random port with its callback
 * endpoint, an authorization server whose authorization endpoint redirects back at once (a user signed
 * in already), and the Java SDK's MCP server behind a bearer-token guard. The test plays the browser:
 * it takes the authorization URL from the {@link McpAuthorizationRequestedEvent}, requests it without
 * following redirects, and requests the {@code Location} it is sent to, the application's callback.
 *
 * <p>The server is configured once the application runs (its port, part of the redirect URI, is known
 * only then): by properties added to the environment and {@link McpClientRegistry#refresh()}, as
 * {@code spring-cloud-context} does on a configuration change.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebAuthorizationTests {

    static final Duration WAIT = Duration.ofSeconds(30);

    final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    EmulatedAuthorizationServer authorizationServer;
    BearerProtectedSdkServer server;
    ConfigurableApplicationContext app;

    @BeforeEach
    void startServers() {
        authorizationServer = EmulatedAuthorizationServer.start();
        server = BearerProtectedSdkServer.start(authorizationServer);
    }

    @AfterEach
    void stop() {
        if (app != null) {
            app.close();
        }
        server.close();
        authorizationServer.close();
    }

    ConfigurableApplicationContext start(WebApplicationType type, String... properties) {
        SpringApplication application = new SpringApplication(WebApp.class);
        application.setWebApplicationType(type);
        String[] args = new String[properties.length + 2];
        args[0] = "--server.port=0";
        args[1] = "--server.address=127.0.0.1";
        System.arraycopy(properties, 0, args, 2, properties.length);
        app = application.run(args);
        return app;
    }

    /** The callback URL of the running application. */
    String callbackUrl() {
        return "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port") + "/mcp/oauth/callback";
    }

    /** Configures server {@code x} with the authorization-code grant, redirecting to the application's callback. */
    McpClient connect() {
        String redirectUri = callbackUrl();
        authorizationServer.redirectUri(redirectUri);
        app.getEnvironment().getPropertySources().addFirst(new MapPropertySource("connect", Map.of(
                "mcp.client.servers.x.url", server.url(),
                "mcp.client.servers.x.background-stream", "false",
                "mcp.client.servers.x.auth.grant-type", "authorization-code",
                "mcp.client.servers.x.auth.client-id", EmulatedAuthorizationServer.CLIENT_ID,
                "mcp.client.servers.x.auth.redirect-uri", redirectUri)));
        McpClientRegistry registry = app.getBean(McpClientRegistry.class);
        assertThat(registry.refresh()).containsExactly("x");
        return registry.client("x");
    }

    McpAuthorizationRequestedEvent nextRequest() throws InterruptedException {
        McpAuthorizationRequestedEvent event = app.getBean(WebApp.class).requested.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(event).as("an McpAuthorizationRequestedEvent").isNotNull();
        return event;
    }

    HttpResponse<String> get(URI url) throws IOException, InterruptedException {
        return browser.send(HttpRequest.newBuilder(url).timeout(WAIT).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Plays the browser: the authorization URL, then where it redirects, which must be the callback. */
    HttpResponse<String> signIn(URI authorizationUrl) throws IOException, InterruptedException {
        HttpResponse<String> authorization = get(authorizationUrl);
        assertThat(authorization.statusCode()).isEqualTo(302);
        String location = authorization.headers().firstValue("Location").orElseThrow();
        assertThat(location).startsWith(callbackUrl() + "?code=");
        return get(URI.create(location));
    }

    @Test
    void aUserSignsInThroughTheBrowserAndTheCallThatWaitedForItSucceeds(CapturedOutput output) throws Exception {
        start(WebApplicationType.REACTIVE);
        signInAndCall(output);
    }

    @Test
    void aServletApplicationServesTheCallbackToo(CapturedOutput output) throws Exception {
        start(WebApplicationType.SERVLET);
        signInAndCall(output);
    }

    private void signInAndCall(CapturedOutput output) throws Exception {
        McpClient client = connect();
        CompletableFuture<CallToolResult> call = client.reactive().callTool("echo", Map.of("text", "hello")).toFuture();

        McpAuthorizationRequestedEvent request = nextRequest();
        assertThat(request.redirectUri()).isEqualTo(URI.create(callbackUrl()));
        assertThat(request.resource()).isEqualTo(server.url());
        WebAuthorizationCodeHandler handler = app.getBean(WebAuthorizationCodeHandler.class);
        assertThat(handler.pendingAuthorizationUrls()).containsExactly(request.authorizationUrl());
        assertThat(call).isNotDone();

        HttpResponse<String> callback = signIn(request.authorizationUrl());

        assertThat(callback.statusCode()).isEqualTo(200);
        assertThat(callback.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(callback.headers().firstValue("Cache-Control")).hasValue("no-store");
        assertThat(callback.body()).contains("You can close this window");
        assertThat(get(URI.create(callbackUrl().replace("/mcp/oauth/callback", "/other"))).statusCode())
                .as("the rest of the application").isIn(401, 403);
        assertThat(call.get(WAIT.toSeconds(), TimeUnit.SECONDS).content().toString()).contains("hello");
        assertThat(handler.pendingAuthorizationUrls()).isEmpty();

        // One sign-in, one token, sent on every request after the first refusal.
        assertThat(authorizationServer.authorizationRequests()).isEqualTo(1);
        assertThat(authorizationServer.issuedTokens()).hasSize(1);
        String token = authorizationServer.issuedTokens().get(0);
        List<SdkServer.RecordedRequest> posts = server.sdk().requests("POST");
        assertThat(posts.get(posts.size() - 1).header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(client.callTool("echo", Map.of("text", "again")).content().toString()).contains("again");
        assertThat(authorizationServer.authorizationRequests()).isEqualTo(1);

        // The log told the operator where to sign in; it never shows the code or the token.
        assertThat(output.getAll()).contains("open " + request.authorizationUrl() + " in a browser");
        assertThat(authorizationServer.issuedCodes()).singleElement()
                .satisfies(code -> assertThat(output.getAll()).doesNotContain(code));
        assertThat(output.getAll()).doesNotContain(token);
        assertThat(app.getBean(WebApp.class).requested).isEmpty();
    }

    @Test
    void aCallbackOfAnUnknownOrUsedStateIsAnswered400() throws Exception {
        start(WebApplicationType.REACTIVE);
        McpClient client = connect();
        CompletableFuture<CallToolResult> call = client.reactive().callTool("echo", Map.of("text", "hello")).toFuture();
        McpAuthorizationRequestedEvent request = nextRequest();

        HttpResponse<String> unknown = get(URI.create(callbackUrl() + "?code=forged&state=unknown"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("unknown or has expired").doesNotContain("forged");
        assertThat(get(URI.create(callbackUrl())).statusCode()).isEqualTo(400);
        assertThat(call).isNotDone();

        HttpResponse<String> authorization = get(request.authorizationUrl());
        URI callback = URI.create(authorization.headers().firstValue("Location").orElseThrow());
        assertThat(get(callback).statusCode()).isEqualTo(200);
        assertThat(get(callback).statusCode()).as("the same callback again").isEqualTo(400);
        assertThat(call.get(WAIT.toSeconds(), TimeUnit.SECONDS).content().toString()).contains("hello");
    }

    @Test
    void aUserWhoSignsInAfterTheCallGaveUpAuthorizesTheNextCallWithoutSigningInAgain() throws Exception {
        start(WebApplicationType.REACTIVE);
        McpClient client = connect();
        CompletableFuture<CallToolResult> first = client.reactive()
                .callTool("echo", Map.of("text", "first"), CallOptions.withTimeout(Duration.ofMillis(300))).toFuture();
        McpAuthorizationRequestedEvent request = nextRequest();
        assertThatThrownBy(() -> first.get(WAIT.toSeconds(), TimeUnit.SECONDS)).hasCauseInstanceOf(McpTimeoutException.class);
        assertThat(app.getBean(WebAuthorizationCodeHandler.class).pendingAuthorizationUrls())
                .as("the authorization outlives the call").containsExactly(request.authorizationUrl());

        assertThat(signIn(request.authorizationUrl()).statusCode()).isEqualTo(200);

        assertThat(client.callTool("echo", Map.of("text", "second")).content().toString()).contains("second");
        assertThat(authorizationServer.authorizationRequests()).isEqualTo(1);
        assertThat(authorizationServer.issuedTokens()).hasSize(1);
        assertThat(app.getBean(WebApp.class).requested).isEmpty();
    }

    @Test
    void anAuthorizationNobodyCompletesFailsTheCallWithAnAuthorizationError() throws Exception {
        start(WebApplicationType.REACTIVE, "--mcp.client.oauth.authorization-timeout=200ms");
        McpClient client = connect();

        assertThatThrownBy(() -> client.callTool("echo", Map.of("text", "hello")))
                .isInstanceOf(McpAuthorizationException.class)
                .hasMessageContaining("No user completed the authorization")
                .hasMessageContaining("mcp.client.oauth.authorization-timeout");
        URI expired = nextRequest().authorizationUrl();
        assertThat(app.getBean(WebAuthorizationCodeHandler.class).pendingAuthorizationUrls()).doesNotContain(expired);
        assertThat(authorizationServer.tokenRequests()).isZero();
    }

    /**
     * An application secured by Spring Security: everything needs a signed-in user but the callback,
     * which the state protects (the browser that comes back may have no session of the application).
     */
    @Configuration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class WebApp {

        @Bean
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
        SecurityWebFilterChain reactiveSecurity(ServerHttpSecurity http) {
            return http.authorizeExchange(exchanges -> exchanges.pathMatchers("/mcp/oauth/callback").permitAll()
                    .anyExchange().authenticated()).build();
        }

        @Bean
        @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
        SecurityFilterChain servletSecurity(HttpSecurity http) throws Exception {
            return http.authorizeHttpRequests(requests -> requests.requestMatchers("/mcp/oauth/callback").permitAll()
                    .anyRequest().authenticated()).build();
        }

        final BlockingQueue<McpAuthorizationRequestedEvent> requested = new LinkedBlockingQueue<>();

        @EventListener
        void authorizationRequested(McpAuthorizationRequestedEvent event) {
            requested.add(event);
        }
    }
}
