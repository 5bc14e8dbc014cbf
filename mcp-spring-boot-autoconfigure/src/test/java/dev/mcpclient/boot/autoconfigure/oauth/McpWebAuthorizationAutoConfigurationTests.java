package dev.mcpclient.boot.autoconfigure.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.auth.AuthorizationCodeHandler;
import dev.mcpclient.boot.autoconfigure.McpClientAutoConfiguration;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/** When the web authorization handler and its callback endpoint are configured. */
class McpWebAuthorizationAutoConfigurationTests {

    private static final AutoConfigurations CONFIGURATIONS = AutoConfigurations.of(McpClientAutoConfiguration.class,
            McpWebAuthorizationAutoConfiguration.class, McpAuthorizationCallbackAutoConfiguration.class);

    private final ReactiveWebApplicationContextRunner reactive = new ReactiveWebApplicationContextRunner()
            .withConfiguration(CONFIGURATIONS);
    private final WebApplicationContextRunner servlet = new WebApplicationContextRunner().withConfiguration(CONFIGURATIONS);

    @Test
    void aReactiveApplicationGetsTheHandlerAndAWebFluxCallback() {
        reactive.run(context -> {
            assertThat(context).hasSingleBean(WebAuthorizationCodeHandler.class);
            assertThat(context.getBean("mcpAuthorizationCallbackRoute")).isInstanceOf(RouterFunction.class);
            assertThat(context.getBean(WebAuthorizationCodeHandler.class))
                    .hasToString("WebAuthorizationCodeHandler[pending=0, timeout=PT5M]");
        });
    }

    @Test
    void aServletApplicationGetsTheHandlerAndAnMvcCallback() {
        servlet.run(context -> {
            assertThat(context).hasSingleBean(WebAuthorizationCodeHandler.class);
            assertThat(context.getBean("mcpAuthorizationCallbackRoute"))
                    .isInstanceOf(org.springframework.web.servlet.function.RouterFunction.class);
        });
    }

    @Test
    void aServletApplicationWithoutSpringMvcGetsNoCallback() {
        servlet.withClassLoader(new FilteredClassLoader("org.springframework.web.servlet."))
                .run(context -> {
                    assertThat(context).hasNotFailed().hasSingleBean(WebAuthorizationCodeHandler.class);
                    assertThat(context).doesNotHaveBean("mcpAuthorizationCallbackRoute");
                });
    }

    @Test
    void anApplicationThatIsNoWebApplicationGetsNeither() {
        new ApplicationContextRunner().withConfiguration(CONFIGURATIONS).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(AuthorizationCodeHandler.class);
            assertThat(context).doesNotHaveBean("mcpAuthorizationCallbackRoute");
        });
    }

    @Test
    void noneWhenTheMcpClientIsOff() {
        reactive.withPropertyValues("mcp.client.enabled=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(AuthorizationCodeHandler.class);
            assertThat(context).doesNotHaveBean("mcpAuthorizationCallbackRoute");
        });
    }

    @Test
    void anApplicationsOwnHandlerServesInstead() {
        reactive.withBean("own", AuthorizationCodeHandler.class, () -> (url, redirect) -> Mono.empty()).run(context -> {
            assertThat(context).hasSingleBean(AuthorizationCodeHandler.class).doesNotHaveBean(WebAuthorizationCodeHandler.class);
            assertThat(context).doesNotHaveBean("mcpAuthorizationCallbackRoute");
        });
    }

    @Test
    void anApplicationsOwnWebHandlerGetsTheCallback() {
        reactive.withBean("own", WebAuthorizationCodeHandler.class,
                () -> new WebAuthorizationCodeHandler(event -> { }, Duration.ofMinutes(1))).run(context -> {
                    assertThat(context).hasSingleBean(AuthorizationCodeHandler.class);
                    assertThat(context.getBean(AuthorizationCodeHandler.class)).hasToString(
                            "WebAuthorizationCodeHandler[pending=0, timeout=PT1M]");
                    assertThat(context).hasBean("mcpAuthorizationCallbackRoute");
                });
    }

    @Test
    @SuppressWarnings("unchecked")
    void theTimeoutAndTheCallbackPathAreProperties() {
        reactive.withPropertyValues("mcp.client.oauth.authorization-timeout=90s", "mcp.client.oauth.callback-path=/connect/done")
                .run(context -> {
                    WebAuthorizationCodeHandler handler = context.getBean(WebAuthorizationCodeHandler.class);
                    assertThat(handler).hasToString("WebAuthorizationCodeHandler[pending=0, timeout=PT1M30S]");
                    WebTestClient client = WebTestClient.bindToRouterFunction(
                            context.getBean("mcpAuthorizationCallbackRoute", RouterFunction.class)).build();

                    handler.authorize(URI.create("https://as.example/authorize?state=s1"),
                            URI.create("http://127.0.0.1:8080/connect/done")).subscribe();
                    client.get().uri("/mcp/oauth/callback?code=c&state=s1").exchange().expectStatus().isNotFound();
                    client.get().uri("/connect/done?code=c&state=s1").exchange().expectStatus().isOk()
                            .expectHeader().valueEquals("Referrer-Policy", "no-referrer");
                    client.get().uri("/connect/done?code=c&state=s1").exchange().expectStatus().isBadRequest();
                });
    }

    @Test
    @SuppressWarnings("unchecked")
    void aDeniedAuthorizationGetsAPageSayingSo() {
        reactive.run(context -> {
            WebAuthorizationCodeHandler handler = context.getBean(WebAuthorizationCodeHandler.class);
            WebTestClient client = WebTestClient.bindToRouterFunction(
                    (RouterFunction<ServerResponse>) context.getBean("mcpAuthorizationCallbackRoute", RouterFunction.class)).build();
            handler.authorize(URI.create("https://as.example/authorize?state=s1"),
                    URI.create("http://127.0.0.1:8080/mcp/oauth/callback")).subscribe();

            client.get().uri("/mcp/oauth/callback?error=access_denied&state=s1").exchange().expectStatus().isOk()
                    .expectBody(String.class).value(page -> assertThat(page).contains("was not granted"));
        });
    }
}
