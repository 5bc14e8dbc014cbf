package dev.mcpclient.boot.autoconfigure;

import static dev.mcpclient.boot.autoconfigure.McpClientAutoConfigurationTests.NOWHERE;
import static dev.mcpclient.boot.autoconfigure.McpClientAutoConfigurationTests.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientClosedException;
import dev.mcpclient.testing.SdkServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;

/** Servers added to and removed from the {@link McpClientRegistry} while the application runs; against real servers. */
class McpClientRuntimeServersTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class));
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

    static McpServerProperties server(String url) {
        McpServerProperties server = new McpServerProperties();
        server.setUrl(url);
        return server;
    }

    /** Records every change of the registry as "added name" or "removed name". */
    static final class Changes implements McpClientRegistry.Listener {

        final List<String> seen = new CopyOnWriteArrayList<>();
        final List<McpClient> clients = new CopyOnWriteArrayList<>();

        @Override
        public void serverAdded(String server, McpClient client) {
            seen.add("added " + server);
            clients.add(client);
        }

        @Override
        public void serverRemoved(String server, McpClient client) {
            seen.add("removed " + server);
            clients.add(client);
        }
    }

    /** Records the registry's application events. */
    static final class Events implements ApplicationListener<ApplicationEvent> {

        final List<ApplicationEvent> seen = new CopyOnWriteArrayList<>();

        @Override
        public void onApplicationEvent(ApplicationEvent event) {
            if (event instanceof McpServerAddedEvent || event instanceof McpServerRemovedEvent) {
                seen.add(event);
            }
        }
    }

    @Test
    void anAddedServerIsConnectedInTheBackgroundAndAnswers() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + weather.url()).run(context -> {
            McpClientRegistry registry = context.getBean(McpClientRegistry.class);
            McpClient added = registry.add("calendar", server(calendar.url()));

            assertThat(registry.names()).containsExactly("weather", "calendar");
            assertThat(registry.client("calendar")).isSameAs(added);
            assertThat(registry.settings("calendar")).hasValueSatisfying(settings -> {
                assertThat(settings.url()).isEqualTo(calendar.url());
                assertThat(settings.requestTimeout()).as("the default of mcp.client").isEqualTo(Duration.ofSeconds(30));
            });
            // Connected without any call, as a configured server that is not required.
            await().atMost(Duration.ofSeconds(10)).until(() -> added.status().initialized());
            assertThat(text(added.callTool("echo", Map.of("text", "hello")))).isEqualTo("hello");
            assertThat(context).as("servers added at run time are not beans").doesNotHaveBean("calendarMcpClient");
        });
    }

    @Test
    void anAddedServerTakesTheDefaultsOfTheConfiguration() {
        runner.withPropertyValues("mcp.client.request-timeout=7s", "mcp.client.client-name=planner").run(context -> {
            McpClientRegistry registry = context.getBean(McpClientRegistry.class);
            McpServerProperties properties = server(calendar.url());
            properties.setInitializeTimeout(Duration.ofSeconds(3));
            registry.add("calendar", properties);
            McpServerSettings settings = registry.settings("calendar").orElseThrow();
            assertThat(settings.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
            assertThat(settings.initializeTimeout()).isEqualTo(Duration.ofSeconds(3));
            assertThat(settings.clientInfo().name()).isEqualTo("planner");
        });
    }

    @Test
    void anAddedServerIsBuiltLikeAConfiguredOne() {
        List<String> customized = new CopyOnWriteArrayList<>();
        runner.withBean(McpClientCustomizer.class, () -> (server, builder) -> customized.add(server)).run(context -> {
            context.getBean(McpClientRegistry.class).add("calendar", server(calendar.url()));
            assertThat(customized).containsExactly("calendar");
        });
    }

    @Test
    void listenersAndApplicationEventsAreToldOfAnAddedServer() {
        Changes changes = new Changes();
        runner.withBean(Events.class, Events::new).run(context -> {
            McpClientRegistry registry = context.getBean(McpClientRegistry.class);
            registry.addListener(changes);
            McpClient added = registry.add("calendar", server(calendar.url()));

            assertThat(changes.seen).containsExactly("added calendar");
            assertThat(changes.clients).containsExactly(added);
            assertThat(context.getBean(Events.class).seen).singleElement().isInstanceOfSatisfying(McpServerAddedEvent.class,
                    event -> {
                        assertThat(event.server()).isEqualTo("calendar");
                        assertThat(event.client()).isSameAs(added);
                    });
        });
    }

    @Test
    void aRemovedServerIsClosedAndGone() {
        Changes changes = new Changes();
        runner.withBean(Events.class, Events::new).run(context -> {
            McpClientRegistry registry = context.getBean(McpClientRegistry.class);
            McpClient added = registry.add("calendar", server(calendar.url()));
            await().atMost(Duration.ofSeconds(10)).until(() -> added.status().initialized());
            CompletableFuture<?> inFlight = added.reactive().callTool("wait", Map.of()).toFuture();
            assertThat(calendar.awaitWaitingTool()).as("the call reached the server").isTrue();
            registry.addListener(changes);

            assertThat(registry.remove("calendar")).isTrue();

            assertThat(registry.names()).isEmpty();
            assertThat(registry.find("calendar")).isEmpty();
            assertThat(changes.seen).containsExactly("removed calendar");
            assertThat(context.getBean(Events.class).seen).last().isInstanceOfSatisfying(McpServerRemovedEvent.class,
                    event -> assertThat(event.client()).isSameAs(added));
            assertThat(inFlight).failsWithin(Duration.ofSeconds(5)).withThrowableThat().havingCause()
                    .isInstanceOf(McpClientClosedException.class);
            assertThatExceptionOfType(McpClientClosedException.class).isThrownBy(() -> added.listTools());
            // The session ends with DELETE, in the background.
            await().atMost(Duration.ofSeconds(10)).until(() -> calendar.requests("DELETE").size() == 1);
            assertThat(registry.remove("calendar")).as("once").isFalse();
        });
    }

    @Test
    void aConfiguredServerCanBeRemovedToo() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + weather.url()).run(context -> {
            McpClientRegistry registry = context.getBean(McpClientRegistry.class);
            assertThat(registry.remove("weather")).isTrue();
            assertThat(registry.names()).isEmpty();
            assertThatExceptionOfType(McpClientClosedException.class)
                    .isThrownBy(() -> context.getBean("weatherMcpClient", McpClient.class).listTools());
        });
    }

    @Test
    void invalidSettingsAreRejectedAsAtStartup() {
        runner.run(context -> {
            McpClientRegistry registry = context.getBean(McpClientRegistry.class);
            assertThatExceptionOfType(McpClientConfigurationException.class)
                    .isThrownBy(() -> registry.add("calendar", server("ftp://127.0.0.1/mcp")))
                    .withMessage("mcp.client.servers.calendar.url is not a valid MCP endpoint URL: it must start with "
                            + "http:// or https://")
                    .satisfies(e -> assertThat(e.action()).contains("Set mcp.client.servers.calendar.url"));
            assertThatExceptionOfType(McpClientConfigurationException.class)
                    .isThrownBy(() -> registry.add("calendar", new McpServerProperties()))
                    .withMessage("mcp.client.servers.calendar.url is not set");
            assertThatExceptionOfType(McpClientConfigurationException.class)
                    .isThrownBy(() -> registry.add("my calendar", server(calendar.url())))
                    .withMessageContaining("the server name 'my calendar' is not valid");
            assertThat(registry.names()).isEmpty();
        });
    }

    @Test
    void aNameThatIsTakenIsRejected() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + weather.url()).run(context -> {
            McpClientRegistry registry = context.getBean(McpClientRegistry.class);
            McpClient configured = registry.client("weather");
            assertThatExceptionOfType(McpClientConfigurationException.class)
                    .isThrownBy(() -> registry.add("weather", server(calendar.url())))
                    .withMessage("an MCP server named 'weather' exists already");
            assertThat(registry.client("weather")).isSameAs(configured);
            assertThat(calendar.requests()).as("nothing was built for it").isEmpty();
        });
    }

    @Test
    void aRequiredServerIsConnectedBeforeAddReturns() {
        runner.run(context -> {
            McpServerProperties properties = server(calendar.url());
            properties.setRequired(true);
            McpClient added = context.getBean(McpClientRegistry.class).add("calendar", properties);
            assertThat(added.status().initialized()).isTrue();
        });
    }

    @Test
    void aRequiredServerThatCannotBeConnectedIsNotAdded() {
        runner.run(context -> {
            McpClientRegistry registry = context.getBean(McpClientRegistry.class);
            McpServerProperties properties = server(NOWHERE);
            properties.setRequired(true);
            assertThatExceptionOfType(McpServerUnavailableException.class)
                    .isThrownBy(() -> registry.add("calendar", properties))
                    .withMessageStartingWith("the required MCP server 'calendar' at " + NOWHERE + " could not be connected")
                    .withMessageContaining("Connection refused");
            assertThat(registry.names()).isEmpty();
        });
    }

    @Test
    void shutdownClosesTheServersAddedAtRunTime() {
        AtomicReference<McpClient> added = new AtomicReference<>();
        AtomicReference<McpClientRegistry> registry = new AtomicReference<>();
        runner.run(context -> {
            registry.set(context.getBean(McpClientRegistry.class));
            added.set(registry.get().add("calendar", server(calendar.url())));
            await().atMost(Duration.ofSeconds(10)).until(() -> added.get().status().initialized());
        });
        assertThat(calendar.requests("DELETE")).hasSize(1);
        assertThatExceptionOfType(McpClientClosedException.class).isThrownBy(() -> added.get().listTools());
        assertThatExceptionOfType(IllegalStateException.class)
                .isThrownBy(() -> registry.get().add("late", server(weather.url())))
                .withMessageContaining("shutting down");
    }

    @Test
    void aRegistryOfFixedClientsCannotAdd() {
        McpClientRegistry fixed = new McpClientRegistry(Map.of());
        assertThatExceptionOfType(UnsupportedOperationException.class)
                .isThrownBy(() -> fixed.add("calendar", server(calendar.url())))
                .withMessageContaining("fixed set of clients");
        assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(fixed::refresh);
    }
}
