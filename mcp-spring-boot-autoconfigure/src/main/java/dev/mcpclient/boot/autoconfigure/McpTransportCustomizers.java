package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.transport.TransportBuilder;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.util.LambdaSafe;
import org.springframework.core.ResolvableType;

/**
 * Applies the application's {@link McpTransportCustomizer} beans to a transport builder: in order,
 * each one whose builder type accepts the builder.
 *
 * <p>A customizer's builder type comes from its class when the class resolves the type argument;
 * otherwise (a lambda, a method reference) from the type its bean definition declares, e.g. the
 * return type of its {@code @Bean} method. When neither tells, the customizer is offered every builder
 * and {@link LambdaSafe} skips it where the lambda's cast of the builder fails. (A customizer bean of
 * prototype scope is a new instance on every lookup, so its declared type is not found: only its class
 * counts.)
 */
final class McpTransportCustomizers {

    private final ConfigurableListableBeanFactory beans;
    @SuppressWarnings("rawtypes")
    private final ObjectProvider<McpTransportCustomizer> customizers;

    McpTransportCustomizers(ConfigurableListableBeanFactory beans) {
        this.beans = beans;
        this.customizers = beans.getBeanProvider(McpTransportCustomizer.class);
    }

    /** Applies to {@code builder}, the builder of server {@code server}'s transport, the customizers that accept it. */
    @SuppressWarnings({ "rawtypes", "unchecked" })
    void apply(String server, TransportBuilder<?> builder) {
        List<McpTransportCustomizer> ordered = customizers.orderedStream().toList();
        if (ordered.isEmpty()) {
            return;
        }
        Map<Object, ResolvableType> declared = declaredTypes();
        LambdaSafe.callbacks(McpTransportCustomizer.class, ordered, builder)
                .withLogger(McpTransportCustomizer.class)
                .withFilter((type, customizer, argument, more) -> {
                    Class<?> accepted = builderType(customizer, declared.get(customizer));
                    return accepted == null || accepted.isInstance(argument);
                })
                .invoke(customizer -> customizer.customize(server, builder));
    }

    /** The declared type of every customizer bean that has a bean definition, by instance. */
    private Map<Object, ResolvableType> declaredTypes() {
        Map<Object, ResolvableType> declared = new IdentityHashMap<>();
        for (String name : beans.getBeanNamesForType(McpTransportCustomizer.class)) {
            if (beans.containsBeanDefinition(name)) {
                declared.put(beans.getBean(name), beans.getMergedBeanDefinition(name).getResolvableType());
            }
        }
        return declared;
    }

    /**
     * The builder type {@code customizer} takes: from its class, else from {@code declared} (its bean's
     * declared type, or {@code null}). A lambda's class implements the raw interface, whose type
     * argument resolves to its bound, {@link TransportBuilder}: then the bean's declared type decides.
     */
    static Class<?> builderType(Object customizer, ResolvableType declared) {
        Class<?> fromClass = ResolvableType.forClass(McpTransportCustomizer.class, customizer.getClass()).resolveGeneric();
        if (fromClass != null && fromClass != TransportBuilder.class) {
            return fromClass;
        }
        Class<?> fromBean = declared == null ? null : declared.as(McpTransportCustomizer.class).resolveGeneric();
        return fromBean != null ? fromBean : fromClass;
    }
}
