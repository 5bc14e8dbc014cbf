package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.McpClientListener;
import dev.mcpclient.McpElicitationHandler;
import dev.mcpclient.McpRootsProvider;
import dev.mcpclient.McpSamplingHandler;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ListableBeanFactory;

/**
 * Finds the application's handler and listener beans and registers on a server's builder those that
 * serve it (all, or those whose {@link McpClientHandler} names it).
 *
 * <p>Roots providers and listeners are looked up by name when first used (the server's first
 * request or notification, after startup), so they may depend on the clients themselves (e.g. on the
 * {@link McpClientRegistry}). Sampling and elicitation handlers are needed at once: their
 * {@code capability()} is part of the {@code initialize} request.
 */
final class McpClientHandlers {

    private final ListableBeanFactory beans;

    McpClientHandlers(ListableBeanFactory beans) {
        this.beans = beans;
    }

    /** Registers on {@code builder} the handlers and listeners that serve {@code server}. */
    void apply(String server, McpClientBuilder builder) {
        String roots = single(server, McpRootsProvider.class);
        if (roots != null) {
            builder.roots(() -> beans.getBean(roots, McpRootsProvider.class).roots());
        }
        String sampling = single(server, McpSamplingHandler.class);
        if (sampling != null) {
            builder.sampling(beans.getBean(sampling, McpSamplingHandler.class));
        }
        String elicitation = single(server, McpElicitationHandler.class);
        if (elicitation != null) {
            builder.elicitation(beans.getBean(elicitation, McpElicitationHandler.class));
        }
        for (String name : beans.getBeanNamesForType(McpClientListener.class)) {
            List<String> servers = named(name);
            if (servers == null || servers.contains(server)) {
                builder.listener(new LazyListener(() -> beans.getBean(name, McpClientListener.class)));
            }
        }
    }

    /** The name of the one bean of {@code type} for {@code server} (one naming it, else one naming no server), or {@code null}. */
    private String single(String server, Class<?> type) {
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
        return chosen.isEmpty() ? null : chosen.get(0);
    }

    /** The servers the bean's {@link McpClientHandler} names, or {@code null} when it has none. */
    private List<String> named(String beanName) {
        McpClientHandler binding = beans.findAnnotationOnBean(beanName, McpClientHandler.class);
        return binding == null ? null : Arrays.stream(binding.servers()).map(String::strip).collect(Collectors.toList());
    }

    /** A listener bean, looked up when the first notification comes. */
    private static final class LazyListener implements McpClientListener {

        private final Supplier<McpClientListener> lookup;
        private volatile McpClientListener target;

        LazyListener(Supplier<McpClientListener> lookup) {
            this.lookup = lookup;
        }

        private McpClientListener target() {
            McpClientListener current = target;
            if (current == null) {
                current = lookup.get();
                target = current;
            }
            return current;
        }

        @Override
        public void onToolsListChanged(List<dev.mcpclient.schema.Tool> tools) {
            target().onToolsListChanged(tools);
        }

        @Override
        public void onResourcesListChanged(List<dev.mcpclient.schema.Resource> resources) {
            target().onResourcesListChanged(resources);
        }

        @Override
        public void onPromptsListChanged(List<dev.mcpclient.schema.Prompt> prompts) {
            target().onPromptsListChanged(prompts);
        }

        @Override
        public void onResourceUpdated(dev.mcpclient.schema.ResourceUpdatedNotification notification) {
            target().onResourceUpdated(notification);
        }

        @Override
        public void onLoggingMessage(dev.mcpclient.schema.LoggingMessageNotification message) {
            target().onLoggingMessage(message);
        }

        @Override
        public void onElicitationComplete(dev.mcpclient.schema.ElicitationCompleteNotification notification) {
            target().onElicitationComplete(notification);
        }
    }
}
