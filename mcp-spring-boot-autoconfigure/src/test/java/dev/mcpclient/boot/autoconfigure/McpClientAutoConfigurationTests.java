package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.mcpclient.McpClient;
import dev.mcpclient.ReactiveMcpClient;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.testing.SdkServer;
import dev.mcpclient.transport.TransportBuilder;
import dev.mcpclient.transport.http.BackgroundStream;
import dev.mcpclient.transport.http.HttpTransportBuilder;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.NoUniqueBeanDefinitionException;
import org.springframework.beans.factory.annotation.BeanFactoryAnnotationUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.boot.webclient.autoconfigure.WebClientAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/** The beans of {@link McpClientAutoConfiguration}: when they exist, what they are, and how they back off. */
class McpClientAutoConfigurationTests {

    /** Nothing listens there: connection refused. */
    static final String NOWHERE = "http://127.0.0.1:9/mcp";

    private static SdkServer server;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class));

    @BeforeAll
    static void startServer() {
        server = SdkServer.streamableHttp();
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    @Test
    void withoutServersThereIsAnEmptyRegistryAndNoClient() {
        runner.run(context -> {
            assertThat(context).hasSingleBean(McpClientRegistry.class).hasSingleBean(McpClientLifecycle.class)
                    .doesNotHaveBean(McpClient.class).doesNotHaveBean(ReactiveMcpClient.class);
            assertThat(context.getBean(McpClientRegistry.class).names()).isEmpty();
        });
    }

    @Test
    void backsOffWhenDisabled() {
        runner.withPropertyValues("mcp.client.enabled=false", "mcp.client.servers.weather.url=" + NOWHERE)
                .run(context -> assertThat(context).doesNotHaveBean(McpClientRegistry.class)
                        .doesNotHaveBean(McpClient.class).doesNotHaveBean(McpClientLifecycle.class));
    }

    @Test
    void backsOffWithoutTheClientOnTheClasspath() {
        runner.withClassLoader(new FilteredClassLoader(McpClient.class))
                .withPropertyValues("mcp.client.servers.weather.url=" + NOWHERE)
                .run(context -> assertThat(context).doesNotHaveBean(McpClientRegistry.class)
                        .doesNotHaveBean("weatherMcpClient"));
    }

    @Test
    void oneServerGivesOneOfEachBeanInjectableByTypeAlone() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + server.url()).run(context -> {
            assertThat(context).hasSingleBean(McpClient.class).hasSingleBean(ReactiveMcpClient.class)
                    .hasSingleBean(StreamableHttpTransport.class).hasSingleBean(BackgroundStream.class);
            assertThat(context.getBeansOfType(McpClient.class)).containsOnlyKeys("weatherMcpClient");
            assertThat(context.getBeansOfType(ReactiveMcpClient.class)).containsOnlyKeys("weatherReactiveMcpClient");
            assertThat(context.getBeansOfType(StreamableHttpTransport.class)).containsOnlyKeys("weatherMcpTransport");
            assertThat(context.getBeansOfType(BackgroundStream.class)).containsOnlyKeys("weatherMcpBackgroundStream");
            McpClient client = context.getBean(McpClient.class);
            assertThat(context.getBean(ReactiveMcpClient.class)).isSameAs(client.reactive());
            assertThat(context.getBean(BackgroundStream.class))
                    .isSameAs(context.getBean(StreamableHttpTransport.class).backgroundStream().orElseThrow());
            assertThat(text(client.callTool("echo", Map.of("text", "hello")))).isEqualTo("hello");
            assertThat(context.getBean(McpClientRegistry.class).client("weather")).isSameAs(client);
        });
    }

    @Test
    void serversAreQualifiedByTheirNames() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + server.url(),
                "mcp.client.servers.calendar.url=" + NOWHERE).run(context -> {
                    var beans = context.getBeanFactory();
                    McpClient weather = BeanFactoryAnnotationUtils.qualifiedBeanOfType(beans, McpClient.class, "weather");
                    McpClient calendar = BeanFactoryAnnotationUtils.qualifiedBeanOfType(beans, McpClient.class, "calendar");
                    assertThat(weather).isSameAs(context.getBean("weatherMcpClient")).isNotSameAs(calendar);
                    assertThat(BeanFactoryAnnotationUtils.qualifiedBeanOfType(beans, ReactiveMcpClient.class, "calendar"))
                            .isSameAs(calendar.reactive());
                    assertThat(BeanFactoryAnnotationUtils.qualifiedBeanOfType(beans, StreamableHttpTransport.class,
                            "calendar").endpoint()).hasToString(NOWHERE);
                    assertThat(context.getBean(McpClientRegistry.class).names()).containsExactly("weather", "calendar");
                    assertThatExceptionOfType(NoUniqueBeanDefinitionException.class)
                            .isThrownBy(() -> context.getBean(McpClient.class));
                });
    }

    @Test
    void beanNamesAreTheServerNameInCamelCase() {
        runner.withPropertyValues("mcp.client.servers.my-weather_server.url=" + NOWHERE)
                .run(context -> assertThat(context).hasBean("myWeatherServerMcpClient")
                        .hasBean("myWeatherServerReactiveMcpClient").hasBean("myWeatherServerMcpTransport")
                        .hasBean("myWeatherServerMcpBackgroundStream"));
    }

    @Test
    void aDisabledServerHasNoBeans() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + NOWHERE,
                "mcp.client.servers.calendar.enabled=false").run(context -> {
                    assertThat(context.getBeansOfType(McpClient.class)).containsOnlyKeys("weatherMcpClient");
                    assertThat(context.getBean(McpClientRegistry.class).names()).containsExactly("weather");
                });
    }

    @Test
    void theBackgroundStreamCanBeSwitchedOffPerServer() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + NOWHERE,
                "mcp.client.servers.weather.background-stream=false",
                "mcp.client.servers.calendar.url=" + NOWHERE).run(context -> {
                    assertThat(context.getBeansOfType(BackgroundStream.class)).containsOnlyKeys("calendarMcpBackgroundStream");
                    assertThat(context.getBean("weatherMcpTransport", StreamableHttpTransport.class).backgroundStream())
                            .isEmpty();
                });
    }

    @Test
    void theApplicationsTransportReplacesOurs() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + NOWHERE)
                .withBean("weatherMcpTransport", StreamableHttpTransport.class,
                        () -> StreamableHttpTransport.builder(server.url()).header("X-Mine", "transport").build())
                .run(context -> {
                    assertThat(context).hasSingleBean(StreamableHttpTransport.class).doesNotHaveBean(BackgroundStream.class);
                    assertThat(context.getBean(StreamableHttpTransport.class).endpoint()).hasToString(server.url());
                    assertThat(text(context.getBean(McpClient.class).callTool("echo", Map.of("text", "mine"))))
                            .isEqualTo("mine");
                    assertThat(server.requests("POST")).anyMatch(r -> "transport".equals(r.header("X-Mine")));
                });
    }

    @Test
    void theApplicationsClientReplacesOurs() {
        McpClient own = McpClient.streamableHttp(NOWHERE).build();
        runner.withPropertyValues("mcp.client.servers.weather.url=" + NOWHERE)
                .withBean("weatherMcpClient", McpClient.class, () -> own)
                .run(context -> {
                    assertThat(context.getBean(McpClient.class)).isSameAs(own);
                    assertThat(context.getBean(ReactiveMcpClient.class)).isSameAs(own.reactive());
                    assertThat(context.getBean(McpClientRegistry.class).client("weather")).isSameAs(own);
                });
    }

    @Test
    void theApplicationsRegistryAndLifecycleReplaceOurs() {
        McpClientRegistry registry = new McpClientRegistry(Map.of());
        McpClientLifecycle lifecycle = new McpClientLifecycle(registry, new McpServers(List.of()));
        runner.withPropertyValues("mcp.client.servers.weather.url=" + NOWHERE)
                .withBean("myRegistry", McpClientRegistry.class, () -> registry)
                .withBean("myLifecycle", McpClientLifecycle.class, () -> lifecycle)
                .run(context -> {
                    assertThat(context).getBean(McpClientRegistry.class).isSameAs(registry);
                    assertThat(context).getBean(McpClientLifecycle.class).isSameAs(lifecycle);
                });
    }

    @Test
    void customizersAdjustEveryServerInOrder() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + server.url(),
                "mcp.client.servers.calendar.url=" + NOWHERE)
                .withUserConfiguration(Customizers.class)
                .run(context -> {
                    Customizers customizers = context.getBean(Customizers.class);
                    assertThat(customizers.calls).containsExactlyInAnyOrder(
                            "transport weather first", "transport weather second",
                            "transport calendar first", "transport calendar second",
                            "client weather", "client calendar");
                    assertThat(customizers.calls.indexOf("transport weather first"))
                            .isLessThan(customizers.calls.indexOf("transport weather second"));
                    context.getBean("weatherMcpClient", McpClient.class).callTool("echo", Map.of("text", "x"));
                    assertThat(server.requests("POST")).anyMatch(r -> "weather".equals(r.header("X-Server")));
                    assertThat(customizers.intercepted).contains("tools/call echo");
                });
    }

    @Test
    void aClientCustomizerIsToldOfTheClientOnceItIsBuilt() {
        List<String> calls = new CopyOnWriteArrayList<>();
        Map<String, McpClient> built = new java.util.concurrent.ConcurrentHashMap<>();
        runner.withPropertyValues("mcp.client.servers.weather.url=" + server.url(),
                "mcp.client.servers.calendar.url=" + NOWHERE)
                .withBean(McpClientCustomizer.class, () -> new McpClientCustomizer() {
                    @Override
                    public void customize(String server, dev.mcpclient.McpClientBuilder builder) {
                        calls.add("customize " + server);
                    }

                    @Override
                    public void clientBuilt(String server, McpClient client) {
                        calls.add("built " + server);
                        built.put(server, client);
                    }
                })
                .run(context -> {
                    assertThat(calls).containsExactlyInAnyOrder("customize weather", "built weather",
                            "customize calendar", "built calendar");
                    assertThat(calls.indexOf("built weather")).isEqualTo(calls.indexOf("customize weather") + 1);
                    assertThat(calls.indexOf("built calendar")).isEqualTo(calls.indexOf("customize calendar") + 1);
                    assertThat(built.get("weather")).isSameAs(context.getBean("weatherMcpClient"));
                    assertThat(built.get("calendar")).isSameAs(context.getBean("calendarMcpClient"));
                });
    }

    @Test
    void aTransportCustomizerCanSetHeadersPerRequest() {
        java.util.concurrent.atomic.AtomicInteger token = new java.util.concurrent.atomic.AtomicInteger();
        try (SdkServer own = SdkServer.streamableHttp()) {
            runner.withPropertyValues("mcp.client.servers.weather.url=" + own.url())
                    .withBean("bearerToken", McpTransportCustomizer.class,
                            () -> (McpTransportCustomizer<HttpTransportBuilder<?>>) (server, builder) -> builder.headers(
                                    headers -> headers.setBearerAuth("token-" + token.incrementAndGet())))
                    .run(context -> {
                        McpClient client = context.getBean(McpClient.class);
                        client.callTool("echo", Map.of("text", "one"));
                        client.callTool("echo", Map.of("text", "two"));
                    });
            List<String> tokens = own.requests("POST").stream().map(r -> r.header("Authorization")).toList();
            assertThat(tokens).hasSizeGreaterThanOrEqualTo(4).doesNotHaveDuplicates()
                    .allMatch(value -> value.startsWith("Bearer token-"));
        }
    }

    @Test
    void buildsOnTheApplicationsWebClientBuilder() {
        runner.withConfiguration(AutoConfigurations.of(WebClientAutoConfiguration.class))
                .withPropertyValues("mcp.client.servers.weather.url=" + server.url())
                .withBean(WebClientCustomizer.class,
                        () -> builder -> builder.defaultHeader("X-From-WebClient-Builder", "yes"))
                .run(context -> {
                    context.getBean(McpClient.class).callTool("echo", Map.of("text", "x"));
                    assertThat(server.requests("POST")).anyMatch(r -> "yes".equals(r.header("X-From-WebClient-Builder")));
                });
    }

    @Test
    void theHeadersOfAServerGoOnEveryRequestToIt() {
        try (SdkServer own = SdkServer.streamableHttp()) {
            runner.withPropertyValues("mcp.client.servers.weather.url=" + own.url(),
                    "mcp.client.servers.weather.headers.X-Api-Key=weather-key").run(context -> {
                        context.getBean(McpClient.class).callTool("echo", Map.of("text", "x"));
                    });
            assertThat(own.requests()).extracting(r -> r.method()).contains("POST", "DELETE");
            assertThat(own.requests()).allMatch(r -> "weather-key".equals(r.header("X-Api-Key")));
        }
    }

    @Test
    void theClientIsNamedAfterTheApplication() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + server.url(), "spring.application.name=orders",
                "spring.application.version=1.2.3")
                .run(context -> assertThat(text(context.getBean(McpClient.class).callTool("whoami", Map.of())))
                        .isEqualTo("orders 1.2.3"));
        runner.withPropertyValues("mcp.client.servers.weather.url=" + server.url(), "spring.application.name=orders",
                "mcp.client.client-name=billing", "mcp.client.client-version=9")
                .run(context -> assertThat(text(context.getBean(McpClient.class).callTool("whoami", Map.of())))
                        .isEqualTo("billing 9"));
    }

    @Configuration(proxyBeanMethods = false)
    static class Customizers {

        final List<String> calls = new CopyOnWriteArrayList<>();
        final List<String> intercepted = new CopyOnWriteArrayList<>();

        @Bean
        @Order(2)
        McpTransportCustomizer<TransportBuilder<?>> second() {
            return (server, builder) -> calls.add("transport " + server + " second");
        }

        @Bean
        @Order(1)
        McpTransportCustomizer<StreamableHttpTransport.Builder> first() {
            return (server, builder) -> {
                calls.add("transport " + server + " first");
                builder.header("X-Server", server);
            };
        }

        @Bean
        McpClientCustomizer client() {
            return (server, builder) -> {
                calls.add("client " + server);
                builder.interceptor(new dev.mcpclient.McpCallInterceptor() {
                    @Override
                    public <T> reactor.core.publisher.Mono<T> intercept(McpCall call, reactor.core.publisher.Mono<T> execution) {
                        intercepted.add(call.method() + " " + call.target());
                        return execution;
                    }
                });
            };
        }
    }
}
