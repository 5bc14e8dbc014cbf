package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientListener;
import dev.mcpclient.McpRootsProvider;
import dev.mcpclient.McpSamplingHandler;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.CreateMessageResult;
import dev.mcpclient.schema.LoggingMessageNotification;
import dev.mcpclient.schema.Role;
import dev.mcpclient.schema.Root;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.schema.Tool;
import dev.mcpclient.testing.SdkServer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;

/**
 * Handler and listener beans bound to every server or to the servers they name, and the application
 * events of list changes and resource updates, against two servers of the official Java SDK.
 */
class McpClientHandlersTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static SdkServer weatherServer;
    private static SdkServer calendarServer;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class));

    @BeforeAll
    static void startServers() {
        weatherServer = SdkServer.streamableHttp();
        calendarServer = SdkServer.streamableHttp();
    }

    @AfterAll
    static void stopServers() {
        weatherServer.close();
        calendarServer.close();
    }

    private ApplicationContextRunner twoServers() {
        return runner.withPropertyValues("mcp.client.servers.weather.url=" + weatherServer.url(),
                "mcp.client.servers.calendar.url=" + calendarServer.url(),
                "mcp.client.request-timeout=10s");
    }

    static String text(CallToolResult result) {
        return ((TextContent) result.content().get(0)).text();
    }

    private static <T> T next(BlockingQueue<T> queue) throws InterruptedException {
        T value = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(value).as("a value within " + WAIT).isNotNull();
        return value;
    }

    @Configuration(proxyBeanMethods = false)
    static class Handlers {

        final BlockingQueue<LoggingMessageNotification> weatherLogs = new LinkedBlockingQueue<>();
        final BlockingQueue<String> everyLog = new LinkedBlockingQueue<>();

        @Bean
        @McpClientHandler(servers = "weather")
        McpSamplingHandler weatherSampling() {
            return request -> new CreateMessageResult(Role.ASSISTANT,
                    new TextContent("answer to " + ((TextContent) request.messages().get(0).content().get(0)).text()),
                    "test-model", CreateMessageResult.STOP_END_TURN);
        }

        @Bean
        McpRootsProvider roots() {
            return () -> List.of(new Root("file:///everywhere", "everywhere"));
        }

        @Bean
        @McpClientHandler(servers = "calendar")
        McpRootsProvider calendarRoots() {
            return () -> List.of(new Root("file:///calendar", "calendar"));
        }

        @Bean
        @McpClientHandler(servers = { "weather" })
        McpClientListener weatherListener() {
            return new McpClientListener() {
                @Override
                public void onLoggingMessage(LoggingMessageNotification message) {
                    weatherLogs.add(message);
                }
            };
        }

        @Bean
        McpClientListener everyServerListener(McpClientRegistry registry) { // may depend on the clients
            return new McpClientListener() {
                @Override
                public void onLoggingMessage(LoggingMessageNotification message) {
                    everyLog.add(message.data().asString());
                }
            };
        }
    }

    @Test
    void handlerBeansServeTheServersTheyName() {
        twoServers().withUserConfiguration(Handlers.class).run(context -> {
            McpClient weather = context.getBean("weatherMcpClient", McpClient.class);
            McpClient calendar = context.getBean("calendarMcpClient", McpClient.class);

            assertThat(text(weather.callTool("capabilities", Map.of()))).isEqualTo("roots=true sampling=true elicitation=false");
            assertThat(text(calendar.callTool("capabilities", Map.of()))).isEqualTo("roots=true sampling=false elicitation=false");
            assertThat(text(weather.callTool("sample", Map.of("question", "rain?"))))
                    .isEqualTo("sampled: answer to rain? by test-model");
            assertThat(text(weather.callTool("roots", Map.of()))).isEqualTo("roots: [file:///everywhere (everywhere)]");
            assertThat(text(calendar.callTool("roots", Map.of()))).as("a bean naming the server wins")
                    .isEqualTo("roots: [file:///calendar (calendar)]");
        });
    }

    @Test
    void listenerBeansHearTheServersTheyServe() {
        twoServers().withUserConfiguration(Handlers.class).run(context -> {
            Handlers handlers = context.getBean(Handlers.class);
            McpClient weather = context.getBean("weatherMcpClient", McpClient.class);
            McpClient calendar = context.getBean("calendarMcpClient", McpClient.class);

            calendar.callTool("log", Map.of("message", "from calendar"));
            assertThat(next(handlers.everyLog)).isEqualTo("from calendar");
            weather.callTool("log", Map.of("message", "from weather"));
            assertThat(next(handlers.everyLog)).isEqualTo("from weather");

            LoggingMessageNotification logged = next(handlers.weatherLogs);
            assertThat(logged.data().asString()).as("the weather listener never hears the calendar").isEqualTo("from weather");
            assertThat(logged.logger()).isEqualTo("sdk");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class TwoSamplingHandlers {

        @Bean
        McpSamplingHandler first() {
            return request -> null;
        }

        @Bean
        McpSamplingHandler second() {
            return request -> null;
        }
    }

    @Test
    void twoHandlersOfOneKindForAServerFailStartupNamingThem() {
        twoServers().withUserConfiguration(TwoSamplingHandlers.class).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .hasMessageContaining("2 McpSamplingHandler beans [first, second]")
                    .hasMessageContaining("@McpClientHandler");
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class Events {

        final BlockingQueue<McpListChangedEvent> listChanges = new LinkedBlockingQueue<>();
        final BlockingQueue<McpResourceUpdatedEvent> updates = new LinkedBlockingQueue<>();

        @EventListener
        void on(McpListChangedEvent event) {
            listChanges.add(event);
        }

        @EventListener
        void on(McpResourceUpdatedEvent event) {
            updates.add(event);
        }
    }

    @Test
    void listChangesAndResourceUpdatesArePublishedAsApplicationEvents() {
        runner.withPropertyValues("mcp.client.servers.weather.url=" + weatherServer.url(),
                "mcp.client.request-timeout=10s").withUserConfiguration(Events.class).run(context -> {
            Events events = context.getBean(Events.class);
            McpClient weather = context.getBean(McpClient.class);
            weather.listTools();
            weather.subscribeResource(SdkServer.README);
            // The server sends its own notifications on the background stream: wait until it is connected.
            await().atMost(WAIT).until(() -> weather.status().backgroundStreamOpen());

            weatherServer.addTool("forecast");
            McpListChangedEvent changed = next(events.listChanges);
            while (changed.items().stream().noneMatch(t -> ((Tool) t).name().equals("forecast"))) {
                changed = next(events.listChanges); // the SDK may announce a change more than once
            }
            assertThat(changed.server()).isEqualTo("weather");
            assertThat(changed.kind()).isEqualTo(McpListChangedEvent.Kind.TOOLS);
            assertThat(changed.getSource()).isSameAs(weather);
            assertThat(weather.listTools().tools()).extracting(Tool::name).contains("forecast");

            weatherServer.updateResource(SdkServer.README);
            McpResourceUpdatedEvent updated = next(events.updates);
            assertThat(updated.server()).isEqualTo("weather");
            assertThat(updated.uri()).isEqualTo(SdkServer.README);
            assertThat(weather.readResource(updated.uri()).contents()).hasSize(1);
        });
    }
}
