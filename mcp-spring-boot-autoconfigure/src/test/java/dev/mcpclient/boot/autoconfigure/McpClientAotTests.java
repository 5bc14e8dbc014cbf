package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.mcpclient.McpClient;
import dev.mcpclient.ReactiveMcpClient;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.transport.McpTransport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.aot.ApplicationContextAotGenerator;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockEnvironment;

/**
 * Ahead-of-time processing of an application with configured servers (what {@code spring-boot:process-aot}
 * and a native image build do): it succeeds, writes no code for the per-server beans, keeps the bean
 * that registers them at run time, and carries the protocol types' hints. That the generated application
 * runs is shown by the samples' {@code QuickstartAotIT}.
 */
class McpClientAotTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class))
            .withPropertyValues("mcp.client.servers.weather.url=" + McpClientAutoConfigurationTests.NOWHERE,
                    "mcp.client.servers.calendar.url=" + McpClientAutoConfigurationTests.NOWHERE);

    @Test
    void processingAheadOfTimeLeavesThePerServerBeansToTheRunAndRegistersTheHints() {
        runner.prepare(context -> {
            GenericApplicationContext application = (GenericApplicationContext) context.getSourceApplicationContext();
            InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
            DefaultGenerationContext generation = new DefaultGenerationContext(
                    new ClassNameGenerator(ClassName.get("com.example", "McpApplication")), files);

            new ApplicationContextAotGenerator().processAheadOfTime(application, generation);
            generation.writeGeneratedContent();

            // The build saw both servers, but the code it wrote registers none of their beans.
            assertThat(application.getBeanFactory().containsBeanDefinition("weatherMcpClient")).isTrue();
            String sources = String.join("\n", files.getGeneratedFiles(Kind.SOURCE).values().stream()
                    .map(McpClientAotTests::text).toList());
            assertThat(sources).contains("mcpClientRegistry", McpServerBeansAot.RUNTIME_REGISTRATION)
                    .doesNotContain("weatherMcpClient", "calendarMcpTransport", McpServerBeanRegistrar.SERVERS);
            for (Class<?> type : List.of(CallToolResult.class, InitializeResult.class)) {
                assertThat(RuntimeHintsPredicates.reflection().onType(type)).accepts(generation.getRuntimeHints());
            }
        });
    }

    private static String text(org.springframework.core.io.InputStreamSource source) {
        try (var in = source.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void atRunTimeTheServersOfThatRunGetTheirBeans() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        McpServerBeansAot.RuntimeRegistration registration = new McpServerBeansAot.RuntimeRegistration();
        registration.setBeanFactory(beans);
        registration.setEnvironment(new MockEnvironment().withProperty("mcp.client.servers.later.url",
                McpClientAutoConfigurationTests.NOWHERE));

        registration.postProcessBeanDefinitionRegistry(beans);

        assertThat(beans.getBeanDefinitionNames()).containsExactlyInAnyOrder(McpServerBeanRegistrar.SERVERS,
                "laterMcpTransport", "laterMcpBackgroundStream", "laterMcpClient", "laterReactiveMcpClient");
        Map<String, Class<?>> types = Map.of("laterMcpTransport", McpTransport.class, "laterMcpClient",
                McpClient.class, "laterReactiveMcpClient", ReactiveMcpClient.class);
        types.forEach((name, type) -> {
            RootBeanDefinition definition = (RootBeanDefinition) beans.getBeanDefinition(name);
            assertThat(type).isAssignableFrom(definition.getBeanClass());
            assertThat(definition.getQualifier(Qualifier.class.getName()).getAttribute(AutowireCandidateQualifier.VALUE_KEY)).isEqualTo("later");
        });
    }

    @Test
    void withoutAheadOfTimeProcessingTheRegistrationAtRunTimeDoesNothing() {
        runner.run(context -> {
            assertThat(context).hasNotFailed().hasBean(McpServerBeansAot.RUNTIME_REGISTRATION);
            assertThat(Stream.of(context.getBeanNamesForType(McpClient.class)))
                    .containsExactlyInAnyOrder("weatherMcpClient", "calendarMcpClient");
        });
    }

    @Test
    void atRunTimeAWrongConfigurationFailsAsAtStartup() {
        DefaultListableBeanFactory beans = new DefaultListableBeanFactory();
        McpServerBeansAot.RuntimeRegistration registration = new McpServerBeansAot.RuntimeRegistration();
        registration.setBeanFactory(beans);
        registration.setEnvironment(new MockEnvironment().withProperty("mcp.client.servers.later.url", "ftp://x"));

        assertThatExceptionOfType(McpClientConfigurationException.class)
                .isThrownBy(() -> registration.postProcessBeanDefinitionRegistry(beans))
                .withMessageContaining("mcp.client.servers.later.url");
        assertThat(beans.getBeanDefinitionNames()).isEmpty();
    }
}
