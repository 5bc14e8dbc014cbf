package dev.mcpclient.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.schema.McpJson;
import java.lang.reflect.Constructor;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.ReflectionHintsPredicates;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.util.ClassUtils;

/**
 * The native-image hints of the starter cover every protocol type of {@code dev.mcpclient.schema}
 * (found by scanning the package, so a new type without a hint fails here) and the configuration
 * properties bound outside the {@code @ConfigurationProperties} bean.
 */
class McpClientRuntimeHintsTests {

    private static final ReflectionHintsPredicates REFLECTION = RuntimeHintsPredicates.reflection();

    private final RuntimeHints hints = new RuntimeHints();

    McpClientRuntimeHintsTests() {
        new McpClientRuntimeHints().registerHints(hints, getClass().getClassLoader());
    }

    @Test
    void everyTopLevelProtocolTypeIsListed() {
        List<Class<?>> topLevel = protocolTypes().stream().filter(type -> type.getEnclosingClass() == null).toList();

        assertThat(topLevel).hasSizeGreaterThan(60);
        assertThat(McpClientRuntimeHints.PROTOCOL_TYPES).containsExactlyInAnyOrderElementsOf(topLevel);
    }

    @Test
    void everyProtocolTypeIncludingNestedOnesCanBeReadAndWrittenByReflection() {
        for (Class<?> type : protocolTypes()) {
            assertThat(REFLECTION.onType(type)).as(type.getName()).accepts(hints);
            if (type.isRecord()) {
                Class<?>[] parameters = java.util.Arrays.stream(type.getRecordComponents())
                        .map(RecordComponent::getType).toArray(Class<?>[]::new);
                Constructor<?> canonical = ClassUtils.getConstructorIfAvailable(type, parameters);
                assertThat(canonical).as(type.getName()).isNotNull();
                assertThat(REFLECTION.onConstructorInvocation(canonical)).as(type.getName()).accepts(hints);
                for (RecordComponent component : type.getRecordComponents()) {
                    assertThat(REFLECTION.onMethodInvocation(component.getAccessor()))
                            .as(type.getName() + "." + component.getName()).accepts(hints);
                }
            }
            if (type.isEnum()) {
                assertThat(REFLECTION.onType(type).withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS))
                        .as(type.getName()).accepts(hints);
            }
        }
    }

    @Test
    void theSerializerNamedByAnAnnotationCanBeMade() {
        assertThat(REFLECTION.onType(TypeReference.of("dev.mcpclient.schema.UnknownContent$RawSerializer"))
                .withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(hints);
    }

    @Test
    void thePerServerPropertiesCanBeBound() throws Exception {
        // Made by the binder: the properties and each entry of mcp.client.servers.
        for (Class<?> type : List.of(McpClientProperties.class, McpServerProperties.class)) {
            assertThat(REFLECTION.onConstructorInvocation(type.getDeclaredConstructor())).as(type.getName()).accepts(hints);
        }
        // Bound into the instances their getters return.
        List<String[]> properties = List.of(new String[] { "McpClientProperties", "getServers" },
                new String[] { "McpServerProperties", "setUrl" }, new String[] { "McpServerProperties", "getHeaders" },
                new String[] { "McpServerProperties", "getReconnect" }, new String[] { "McpReconnectProperties", "setMaxDelay" },
                new String[] { "McpServerProperties", "getTools" }, new String[] { "McpServerToolsProperties", "setInclude" },
                new String[] { "McpServerProperties", "getAuth" }, new String[] { "McpServerAuthProperties", "setClientId" },
                new String[] { "McpServerAuthProperties", "getEnterprise" },
                new String[] { "McpServerAuthProperties$Enterprise", "setIdpTokenEndpoint" },
                new String[] { "McpServerAuthProperties", "getSpringSecurity" },
                new String[] { "McpServerAuthProperties$SpringSecurity", "setRegistrationId" });
        for (String[] property : properties) {
            assertThat(REFLECTION.onMethodInvocation(getClass().getPackageName() + "." + property[0], property[1]))
                    .as(property[0] + "." + property[1]).accepts(hints);
        }
    }

    /** The records, enums and interfaces of {@code dev.mcpclient.schema}, nested ones included. */
    private static List<Class<?>> protocolTypes() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition beanDefinition) {
                return true;
            }
        };
        scanner.addIncludeFilter((reader, factory) -> true);
        List<Class<?>> types = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(McpJson.class.getPackageName())) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), null);
            if (type.isRecord() || type.isEnum() || type.isInterface()) {
                types.add(type);
            }
        }
        return types;
    }
}
