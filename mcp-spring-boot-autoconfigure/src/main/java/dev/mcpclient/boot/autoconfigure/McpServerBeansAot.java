package dev.mcpclient.boot.autoconfigure;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.aot.BeanRegistrationExcludeFilter;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.EnvironmentAware;
import org.springframework.core.env.Environment;

/**
 * The per-server beans under ahead-of-time processing (Spring AOT, GraalVM native images).
 *
 * <p>{@link McpServerBeanRegistrar} registers them from the configuration, each with an instance
 * supplier. AOT can write no code for an instance supplier, and the servers of an application built
 * ahead of time are those of the run, not of the build. So the definitions the registrar marks
 * ({@link #REGISTERED_AT_STARTUP}) are left out of the generated code ({@link ExcludeFilter}, named in
 * {@code META-INF/spring/aot.factories}), and {@link RuntimeRegistration}, a plain bean that is in the
 * generated code, registers them when the application starts: from that run's configuration, checked
 * the same way, before any bean is made. Without AOT the registrar has registered them already and
 * {@link RuntimeRegistration} does nothing.
 */
final class McpServerBeansAot {

    /** The attribute marking a bean definition registered by {@link McpServerBeanRegistrar}. */
    static final String REGISTERED_AT_STARTUP = McpServerBeansAot.class.getName() + ".registeredAtStartup";

    /** The name of the {@link RuntimeRegistration} bean. */
    static final String RUNTIME_REGISTRATION = "mcpServerBeansRuntimeRegistration";

    private McpServerBeansAot() {
    }

    /** Registers the {@link RuntimeRegistration} bean, an infrastructure bean. */
    static void registerRuntimeRegistration(BeanDefinitionRegistry registry) {
        if (registry.containsBeanDefinition(RUNTIME_REGISTRATION)) {
            return;
        }
        RootBeanDefinition definition = new RootBeanDefinition(RuntimeRegistration.class);
        definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
        registry.registerBeanDefinition(RUNTIME_REGISTRATION, definition);
    }

    /** Leaves the definitions of {@link McpServerBeanRegistrar} out of the generated code. */
    static final class ExcludeFilter implements BeanRegistrationExcludeFilter {

        @Override
        public boolean isExcludedFromAotProcessing(RegisteredBean registeredBean) {
            return registeredBean.getMergedBeanDefinition().hasAttribute(REGISTERED_AT_STARTUP);
        }
    }

    /**
     * Registers the servers' beans at startup when they are not registered yet: in an application
     * built ahead of time, whose configuration classes are not read again at run time.
     */
    static final class RuntimeRegistration implements BeanDefinitionRegistryPostProcessor, EnvironmentAware,
            BeanFactoryAware {

        private Environment environment;
        private BeanFactory beanFactory;

        @Override
        public void setEnvironment(Environment environment) {
            this.environment = environment;
        }

        @Override
        public void setBeanFactory(BeanFactory beanFactory) {
            this.beanFactory = beanFactory;
        }

        @Override
        public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
            if (!registry.containsBeanDefinition(McpServerBeanRegistrar.SERVERS)) {
                McpServerBeanRegistrar.registerServers(registry, environment, beanFactory);
            }
        }
    }
}
