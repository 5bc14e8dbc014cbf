package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.McpClientListener;
import dev.mcpclient.McpElicitationHandler;
import dev.mcpclient.McpRootsProvider;
import dev.mcpclient.McpSamplingHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;

/**
 * Finds the application's handler and listener beans and registers on a server's builder those that
 * serve it (all, or those whose {@link McpClientHandler} names it).
 */
final class McpClientHandlers {

    private final ListableBeanFactory beans;

    McpClientHandlers(ListableBeanFactory beans) {
        this.beans = beans;
    }

    /** Registers on {@code builder} the handlers and listeners that serve {@code server}. */
    void apply(String server, McpClientBuilder builder) {
        single(server, McpRootsProvider.class, (b, provider) -> b.roots(provider), builder);
        single(server, McpSamplingHandler.class, (b, handler) -> b.sampling(handler), builder);
        single(server, McpElicitationHandler.class, (b, handler) -> b.elicitation(handler), builder);
        List<McpClientListener> listeners = new ArrayList<>();
        for (String name : beans.getBeanNamesForType(McpClientListener.class)) {
            if (named(name) == null || named(name).contains(server)) {
                listeners.add(beans.getBean(name, McpClientListener.class));
            }
        }
        AnnotationAwareOrderComparator.sort(listeners);
        listeners.forEach(builder::listener);
    }

    /** The one bean of {@code type} for {@code server}: one naming it, else one naming no server. */
    private <T> void single(String server, Class<T> type, BiConsumer<McpClientBuilder, T> register,
            McpClientBuilder builder) {
        List<String> forServer = new ArrayList<>();
        List<String> forAll = new ArrayList<>();
        for (String name : beans.getBeanNamesForType(type)) {
            List<String> servers = named(name);
            if (servers == null) {
                forAll.add(name);
            } else if (servers.contains(server)) {
                forServer.add(name);
            }
        }
        List<String> chosen = forServer.isEmpty() ? forAll : forServer;
        if (chosen.size() > 1) {
            throw new IllegalStateException("MCP server '" + server + "' has " + chosen.size() + " " + type.getSimpleName()
                    + " beans " + chosen + (forServer.isEmpty() ? " serving every server" : " naming it")
                    + "; keep one, or bind each to its servers with @McpClientHandler(servers = ...)");
        }
        if (!chosen.isEmpty()) {
            register.accept(builder, beans.getBean(chosen.get(0), type));
        }
    }

    /** The servers the bean's {@link McpClientHandler} names, or {@code null} when it has none. */
    private List<String> named(String beanName) {
        McpClientHandler binding = beans.findAnnotationOnBean(beanName, McpClientHandler.class);
        return binding == null ? null : Arrays.stream(binding.servers()).map(String::strip).collect(Collectors.toList());
    }
}
