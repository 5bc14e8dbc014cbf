package dev.mcpclient.boot.autoconfigure;

import static dev.mcpclient.boot.autoconfigure.McpClientAutoConfigurationTests.NOWHERE;
import static dev.mcpclient.boot.autoconfigure.McpClientAutoConfigurationTests.text;
import static dev.mcpclient.boot.autoconfigure.McpClientRuntimeServersTests.server;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientClosedException;
import dev.mcpclient.testing.SdkServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.cloud.context.environment.EnvironmentChangeEvent;
import org.springframework.cloud.context.environment.EnvironmentManager;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A changed {@code mcp.client} configuration applied to the registry: by Spring Cloud's
 * {@link EnvironmentChangeEvent} (published by its {@link EnvironmentManager}, as {@code POST
 * /actuator/env} does, and by its {@link ContextRefresher}, as {@code /actuator/refresh} does), or by
 * {@link McpClientRegistry#refresh()}; against real servers.
 */
@ExtendWith(OutputCaptureExtension.class)
class McpServersRefreshTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class,
                    ConfigurationPropertiesRebinderAutoConfiguration.class))
            .withUserConfiguration(Manager.class);
    private SdkServer weather;
    private SdkServer calendar;

    @BeforeEach
    void startServers() {
        weather = SdkServer.streamableHttp();
        calendar = SdkServer.streamableHttp();
    }

    @AfterEach
    void stopServers() {
        weather.close();
        calendar.close();
    }

    /** Spring Cloud's writable environment: each property set is published as an {@link EnvironmentChangeEvent}. */
    @Configuration(proxyBeanMethods = false)
    static class Manager {

        @Bean
        EnvironmentManager environmentManager(ConfigurableEnvironment environment) {
            return new EnvironmentManager(environment);
        }
    }

    private static void set(AssertableApplicationContext context, String property, String value) {
        context.getBean(EnvironmentManager.class).setProperty(property, value);
    }

    /** Changes several properties at once, and says so as Spring Cloud's refresh does. */
    private static void change(AssertableApplicationContext context, Map<String, Object> properties) {
        context.getBean(ConfigurableEnvironment.class).getPropertySources()
                .addFirst(new MapPropertySource("changed", properties));
        context.publishEvent(new EnvironmentChangeEvent(context, properties.keySet()));
    }

    private static McpClientRegistry registry(AssertableApplicationContext context) {
        return context.getBean(McpClientRegistry.class);
    }

    @Test
    void aServerAddedToTheConfigurationIsAdded() {
        McpClientRuntimeServersTests.Changes changes = new McpClientRuntimeServersTests.Changes();
        runner.withPropertyValues("mcp.client.servers.weather.url=" + weather.url()).run(context -> {
            registry(context).addListener(changes);
            set(context, "mcp.client.servers.calendar.url", calendar.url());

            assertThat(registry(context).names()).containsExactly("weather", "calendar");
            assertThat(changes.seen).containsExactly("added calendar");
            McpClient added = registry(context).client("calendar");
            await().atMost(Duration.ofSeconds(10)).until(() -> added.status().initialized());
            assertThat(text(added.callTool("echo", Map.of("text", "hi")))).isEqualTo("hi");
        });
    }

    @Test
    void aServerWhoseSettingsChangedIsReplacedUnderTheSameName() {
        McpClientRuntimeServersTests.Changes changes = new McpClientRuntimeServersTests.Changes();
        runner.withPropertyValues("mcp.client.servers.weather.url=" + weather.url(),
                "mcp.client.servers.calendar.url=" + calendar.url()).run(context -> {
                    McpClient before = registry(context).client("weather");
                    McpClient calendarBefore = registry(context).client("calendar");
                    await().atMost(Duration.ofSeconds(10)).until(() -> before.status().initialized());
                    registry(context).addListener(changes);

                    set(context, "mcp.client.servers.weather.request-timeout", "7s");

                    McpClient after = registry(context).client("weather");
                    assertThat(after).isNotSameAs(before);
                    assertThat(registry(context).names()).as("in its place").containsExactly("weather", "calendar");
                    assertThat(registry(context).settings("weather").orElseThrow().requestTimeout())
                            .isEqualTo(Duration.ofSeconds(7));
                    assertThat(changes.seen).containsExactly("removed weather", "added weather");
                    assertThat(changes.clients).containsExactly(before, after);
                    assertThat(registry(context).client("calendar")).as("unchanged").isSameAs(calendarBefore);
                    assertThatExceptionOfType(McpClientClosedException.class).isThrownBy(before::listTools);
                    assertThat(text(after.callTool("echo", Map.of("text", "still here")))).isEqualTo("still here");
                    await().atMost(Duration.ofSeconds(10)).until(() -> weather.requests("DELETE").size() == 1);
                });
    }

    @Test
    void aChangedDefaultReplacesTheServersThatTakeIt() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + weather.url(),
                "mcp.client.servers.calendar.url=" + calendar.url(),
                "mcp.client.servers.calendar.request-timeout=5s").run(context -> {
                    McpClient weatherBefore = registry(context).client("weather");
                    McpClient calendarBefore = registry(context).client("calendar");

                    set(context, "mcp.client.request-timeout", "9s");

                    assertThat(registry(context).client("weather")).isNotSameAs(weatherBefore);
                    assertThat(registry(context).settings("weather").orElseThrow().requestTimeout())
                            .isEqualTo(Duration.ofSeconds(9));
                    assertThat(registry(context).client("calendar")).as("it has its own").isSameAs(calendarBefore);
                });
    }

    @Test
    void aServerDisabledInTheConfigurationIsRemoved() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + weather.url(),
                "mcp.client.servers.calendar.url=" + calendar.url()).run(context -> {
                    McpClient before = registry(context).client("weather");

                    set(context, "mcp.client.servers.weather.enabled", "false");

                    assertThat(registry(context).names()).containsExactly("calendar");
                    assertThatExceptionOfType(McpClientClosedException.class).isThrownBy(before::listTools);
                });
    }

    @Test
    void anInvalidConfigurationChangesNothingAndIsLogged(CapturedOutput output) {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + weather.url(),
                "mcp.client.servers.calendar.url=" + calendar.url()).run(context -> {
                    McpClient weatherBefore = registry(context).client("weather");
                    McpClient calendarBefore = registry(context).client("calendar");

                    // A valid change and an invalid one, in one event: all or nothing.
                    change(context, Map.of("mcp.client.servers.calendar.request-timeout", "7s",
                            "mcp.client.servers.weather.request-timeout", "-1s"));

                    assertThat(registry(context).client("weather")).isSameAs(weatherBefore);
                    assertThat(registry(context).client("calendar")).isSameAs(calendarBefore);
                    assertThat(text(weatherBefore.callTool("echo", Map.of("text", "untouched")))).isEqualTo("untouched");
                    assertThat(output).contains("The changed MCP client configuration is invalid, so no server was "
                            + "changed: mcp.client.servers.weather.request-timeout must be positive, but is PT-1S. "
                            + "Correct mcp.client.servers.weather.request-timeout.");
                });
    }

    @Test
    void anUnknownPropertyChangesNothing(CapturedOutput output) {
        // Without Spring Cloud's rebinding of @ConfigurationProperties beans, which rejects it first (and throws).
        new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class))
                .withUserConfiguration(Manager.class).withPropertyValues("mcp.client.servers.weather.url=" + weather.url()).run(context -> {
            McpClient before = registry(context).client("weather");

            set(context, "mcp.client.servers.weather.urll", calendar.url());

            assertThat(registry(context).client("weather")).isSameAs(before);
            assertThat(output).contains("The changed MCP client configuration is invalid, so no server was changed")
                    .contains("mcp.client.servers.weather.urll");
        });
    }

    @Test
    void aNewRequiredServerThatCannotBeConnectedChangesNothing(CapturedOutput output) {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + weather.url()).run(context -> {
            McpClient before = registry(context).client("weather");
            change(context, Map.of("mcp.client.servers.weather.request-timeout", "7s",
                    "mcp.client.servers.calendar.url", NOWHERE, "mcp.client.servers.calendar.required", "true"));

            assertThat(registry(context).names()).containsExactly("weather");
            assertThat(registry(context).client("weather")).isSameAs(before);
            assertThat(output).contains("The changed MCP client configuration could not be applied, so no server was "
                    + "changed: the required MCP server 'calendar' at " + NOWHERE + " could not be connected");
        });
    }

    @Test
    void serversAddedAtRunTimeAreLeftAlone(CapturedOutput output) {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + weather.url()).run(context -> {
            McpClient added = registry(context).add("calendar", server(calendar.url()));

            set(context, "mcp.client.servers.weather.request-timeout", "7s");
            assertThat(registry(context).client("calendar")).isSameAs(added);
            assertThat(registry(context).names()).containsExactly("weather", "calendar");

            McpClient weatherNow = registry(context).client("weather");
            set(context, "mcp.client.servers.calendar.url", weather.url());
            assertThat(registry(context).client("calendar")).isSameAs(added);
            assertThat(registry(context).client("weather")).isSameAs(weatherNow);
            assertThat(output).contains("mcp.client.servers.calendar names a server that was added at run time");
        });
    }

    @Test
    void withoutSpringCloudTheApplicationRefreshes() {
        runner.withClassLoader(new FilteredClassLoader(EnvironmentChangeEvent.class))
                .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class))
                .withPropertyValues("mcp.client.servers.weather.url=" + weather.url()).run(context -> {
                    assertThat(context).doesNotHaveBean(McpServersRefreshListener.class);
                    McpClient before = registry(context).client("weather");
                    assertThat(registry(context).refresh()).as("nothing changed").isEmpty();
                    assertThat(registry(context).client("weather")).isSameAs(before);

                    Map<String, Object> changed = new HashMap<>();
                    changed.put("mcp.client.servers.calendar.url", calendar.url());
                    context.getBean(ConfigurableEnvironment.class).getPropertySources()
                            .addFirst(new MapPropertySource("changed", changed));
                    assertThat(registry(context).refresh()).containsExactly("calendar");
                    assertThat(registry(context).names()).containsExactly("weather", "calendar");

                    changed.remove("mcp.client.servers.calendar.url");
                    McpClient added = registry(context).client("calendar");
                    assertThat(registry(context).refresh()).containsExactly("calendar");
                    assertThat(registry(context).names()).containsExactly("weather");
                    assertThatExceptionOfType(McpClientClosedException.class).isThrownBy(added::listTools);

                    changed.put("mcp.client.servers.weather.url", "ftp://127.0.0.1/mcp");
                    assertThatExceptionOfType(McpClientConfigurationException.class)
                            .isThrownBy(() -> registry(context).refresh())
                            .withMessageStartingWith("mcp.client.servers.weather.url is not a valid MCP endpoint URL");
                    assertThat(registry(context).client("weather")).isSameAs(before);
                });
    }

    @Test
    void springCloudsContextRefresherAppliesAChangedConfigurationFile(@TempDir Path directory) throws IOException {
        Path file = directory.resolve("mcp.properties");
        Files.writeString(file, "mcp.client.servers.weather.url=" + weather.url() + "\n");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(RefreshingApplication.class)
                .web(WebApplicationType.NONE).run("--spring.config.import=file:" + file)) {
            McpClientRegistry registry = context.getBean(McpClientRegistry.class);
            McpClient weatherBefore = registry.client("weather");
            assertThat(registry.names()).containsExactly("weather");

            Files.writeString(file, "mcp.client.servers.weather.url=" + weather.url() + "\n"
                    + "mcp.client.servers.calendar.url=" + calendar.url() + "\n");
            assertThat(context.getBean(ContextRefresher.class).refresh()).contains("mcp.client.servers.calendar.url");

            assertThat(registry.names()).containsExactly("weather", "calendar");
            assertThat(registry.client("weather")).isSameAs(weatherBefore);
            McpClient added = registry.client("calendar");
            await().atMost(Duration.ofSeconds(10)).until(() -> added.status().initialized());

            Files.writeString(file, "mcp.client.servers.calendar.url=" + calendar.url() + "\n");
            context.getBean(ContextRefresher.class).refresh();
            assertThat(registry.names()).containsExactly("calendar");
            assertThatExceptionOfType(McpClientClosedException.class).isThrownBy(weatherBefore::listTools);
        }
    }

    /** An application with the starter and Spring Cloud's refresh. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({ McpClientAutoConfiguration.class, RefreshAutoConfiguration.class,
            ConfigurationPropertiesRebinderAutoConfiguration.class })
    static class RefreshingApplication {
    }
}
