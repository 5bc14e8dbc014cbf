package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.mcpclient.transport.TransportBuilder;
import dev.mcpclient.transport.http.HttpTransportBuilder;
import dev.mcpclient.transport.http.LegacySseTransport;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import dev.mcpclient.transport.stdio.StdioTransport;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

/**
 * Which servers a {@link McpTransportCustomizer} reaches: those whose builder its type argument
 * accepts, whether the type comes from its class or, for a lambda or method reference, from its
 * {@code @Bean} method. One server of each transport; nothing is connected (the application's
 * lifecycle bean connects no client), only the transports are built.
 */
class McpTransportCustomizerTests {

    /** The servers' customizations, as "customizer server", in the order they ran. */
    static final List<String> calls = new CopyOnWriteArrayList<>();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class))
            .withPropertyValues("mcp.client.servers.modern.url=http://127.0.0.1:9/mcp",
                    "mcp.client.servers.legacy.transport=sse", "mcp.client.servers.legacy.url=http://127.0.0.1:9/sse",
                    "mcp.client.servers.local.transport=stdio", "mcp.client.servers.local.command=never-started")
            .withBean(McpClientLifecycle.class,
                    () -> new McpClientLifecycle(new McpClientRegistry(Map.of()), new McpServers(List.of())));

    private ListAppender<ILoggingEvent> skips;

    /** Records what LambdaSafe logs of the customizers it skipped after a failed cast. */
    @BeforeEach
    void recordSkips() {
        Logger logger = (Logger) LoggerFactory.getLogger(McpTransportCustomizer.class);
        logger.setLevel(Level.DEBUG);
        skips = new ListAppender<>();
        skips.start();
        logger.addAppender(skips);
    }

    @AfterEach
    void stopRecordingSkips() {
        Logger logger = (Logger) LoggerFactory.getLogger(McpTransportCustomizer.class);
        logger.detachAppender(skips);
        logger.setLevel(null);
    }

    private List<String> skipped() {
        return skips.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    }

    /** The customizations made with {@code configuration}; asserts that no customizer had to be skipped by a failed cast. */
    private List<String> callsOf(Class<?> configuration) {
        calls.clear();
        runner.withUserConfiguration(configuration).run(context -> assertThat(context).hasNotFailed()
                .hasBean("modernMcpTransport").hasBean("legacyMcpTransport").hasBean("localMcpTransport"));
        assertThat(skipped()).as("customizers called with a builder they do not take").isEmpty();
        return List.copyOf(calls);
    }

    static final class StreamableHttpOnly implements McpTransportCustomizer<StreamableHttpTransport.Builder> {
        @Override
        public void customize(String server, StreamableHttpTransport.Builder builder) {
            calls.add("class " + server);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ClassOfTheStreamableHttpBuilder {
        @Bean
        StreamableHttpOnly streamableHttpOnly() {
            return new StreamableHttpOnly();
        }
    }

    @Test
    void aClassOfTheStreamableHttpBuilderReachesStreamableHttpServersOnly() {
        assertThat(callsOf(ClassOfTheStreamableHttpBuilder.class)).containsExactly("class modern");
    }

    static final class EveryHttpServer implements McpTransportCustomizer<HttpTransportBuilder<?>> {
        @Override
        public void customize(String server, HttpTransportBuilder<?> builder) {
            calls.add("class " + server);
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ClassOfTheHttpBuilder {
        @Bean
        McpTransportCustomizer<HttpTransportBuilder<?>> everyHttpServer() {
            return new EveryHttpServer();
        }
    }

    @Test
    void aClassOfTheHttpBuilderReachesBothHttpTransports() {
        assertThat(callsOf(ClassOfTheHttpBuilder.class)).containsExactly("class modern", "class legacy");
    }

    @Configuration(proxyBeanMethods = false)
    static class ClassOfTheBaseBuilder {
        @Bean
        @SuppressWarnings("rawtypes")
        McpTransportCustomizer everyServer() { // a raw declared type: the class tells the builder type
            return new McpTransportCustomizer<TransportBuilder<?>>() {
                @Override
                public void customize(String server, TransportBuilder<?> builder) {
                    calls.add("class " + server);
                }
            };
        }
    }

    @Test
    void aClassOfTheBaseBuilderReachesEveryServer() {
        assertThat(callsOf(ClassOfTheBaseBuilder.class)).containsExactly("class modern", "class legacy", "class local");
    }

    @Configuration(proxyBeanMethods = false)
    static class LambdaOfTheBaseBuilder {
        @Bean
        McpTransportCustomizer<TransportBuilder<?>> everyServer() {
            return (server, builder) -> calls.add("lambda " + server);
        }
    }

    @Test
    void aLambdaOfTheBaseBuilderReachesSseAndStdioServers() {
        assertThat(callsOf(LambdaOfTheBaseBuilder.class)).containsExactly("lambda modern", "lambda legacy", "lambda local");
    }

    @Configuration(proxyBeanMethods = false)
    static class LambdaOfTheHttpBuilder {
        @Bean
        McpTransportCustomizer<HttpTransportBuilder<?>> everyHttpServer() {
            return (server, builder) -> calls.add("lambda " + server);
        }
    }

    @Test
    void aLambdaOfTheHttpBuilderReachesBothHttpTransports() {
        assertThat(callsOf(LambdaOfTheHttpBuilder.class)).containsExactly("lambda modern", "lambda legacy");
    }

    @Configuration(proxyBeanMethods = false)
    static class LambdasOfOneBuilderEach {

        @Bean
        McpTransportCustomizer<StdioTransport.Builder> stdioOnly() {
            return (server, builder) -> calls.add("stdio " + builder.getClass().getSimpleName() + " " + server);
        }

        @Bean
        McpTransportCustomizer<LegacySseTransport.Builder> sseOnly() {
            return LambdasOfOneBuilderEach::sse;
        }

        @Bean
        McpTransportCustomizer<StreamableHttpTransport.Builder> streamableHttpOnly() {
            return (server, builder) -> calls.add("streamable-http " + builder.getClass().getSimpleName() + " " + server);
        }

        private static void sse(String server, LegacySseTransport.Builder builder) {
            calls.add("sse " + builder.getClass().getSimpleName() + " " + server);
        }
    }

    @Test
    void aLambdaOrMethodReferenceOfOneBuilderIsNeitherAppliedToTheOthersNorFails() {
        assertThat(callsOf(LambdasOfOneBuilderEach.class)).containsExactlyInAnyOrder("stdio Builder local",
                "sse Builder legacy", "streamable-http Builder modern");
    }

    @Test
    void aLambdaRegisteredUnderTheRawTypeIsSkippedWhereItsBuilderTypeDoesNotFit() {
        calls.clear();
        runner.withBean("rawStdio", McpTransportCustomizer.class,
                        () -> (McpTransportCustomizer<StdioTransport.Builder>) (server, builder) -> calls.add(
                                "stdio " + server + " " + builder.getClass().getEnclosingClass().getSimpleName()))
                .withBean("rawEvery", McpTransportCustomizer.class,
                        () -> (McpTransportCustomizer<TransportBuilder<?>>) (server, builder) -> calls.add("every " + server))
                .run(context -> assertThat(context).hasNotFailed());
        assertThat(calls).containsExactlyInAnyOrder("every modern", "every legacy", "every local",
                "stdio local StdioTransport");
        assertThat(skipped()).hasSize(2).allMatch(line -> line.startsWith("Non-matching"));
    }

    @Configuration(proxyBeanMethods = false)
    static class CustomizersOfDifferentBuilders {

        @Bean
        @Order(2)
        McpTransportCustomizer<TransportBuilder<?>> second() {
            return (server, builder) -> calls.add("second " + server);
        }

        @Bean
        @Order(1)
        McpTransportCustomizer<StdioTransport.Builder> first() {
            return (server, builder) -> calls.add("first " + server);
        }

        @Bean
        @Order(3)
        McpTransportCustomizer<HttpTransportBuilder<?>> third() {
            return (server, builder) -> calls.add("third " + server);
        }
    }

    @Test
    void customizersOfDifferentBuildersRunInOneOrder() {
        List<String> seen = callsOf(CustomizersOfDifferentBuilders.class);
        assertThat(seen).containsExactlyInAnyOrder("second modern", "third modern", "second legacy", "third legacy",
                "first local", "second local");
        assertThat(seen.indexOf("first local")).isLessThan(seen.indexOf("second local"));
        assertThat(seen.indexOf("second modern")).isLessThan(seen.indexOf("third modern"));
        assertThat(seen.indexOf("second legacy")).isLessThan(seen.indexOf("third legacy"));
    }
}
