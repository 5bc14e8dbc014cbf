package dev.mcpclient.boot.autoconfigure;

import dev.mcpclient.McpClient;
import dev.mcpclient.schema.InitializeResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.core.env.Environment;
import reactor.core.publisher.Mono;

/**
 * What the {@link McpClientRegistry} needs to change its servers while the application runs: the
 * configuration read again from the {@link Environment} and checked as at startup
 * ({@link McpClientPropertiesValidator}, then {@link McpServerSettings#resolve}), and the clients built
 * from settings ({@link McpServerComponents}).
 */
final class McpServerFactory {

    /** The lifecycle's: "Connected to" is logged there for every server, however it was connected. */
    private static final Logger log = LoggerFactory.getLogger(McpClientLifecycle.class);

    private final Environment environment;
    private final McpServerComponents components;

    McpServerFactory(Environment environment, McpServerComponents components) {
        this.environment = environment;
        this.components = components;
    }

    /** Every enabled server of {@code mcp.client} as the environment has it now, checked. */
    McpServers configured() {
        McpClientProperties properties = bind();
        McpClientPropertiesValidator.validate(properties);
        return McpServers.resolve(properties, environment);
    }

    /**
     * The settings of a server {@code name} with these properties, checked like a configured one and
     * with the defaults {@code mcp.client} has now.
     */
    McpServerSettings settings(String name, McpServerProperties server) {
        String prefix = McpClientProperties.PREFIX + ".servers." + name;
        if (!server.isEnabled()) {
            throw new McpClientConfigurationException(List.of(prefix + ".enabled"),
                    "the server '" + name + "' to add is not enabled", "Set enabled to true, or do not add it.");
        }
        McpClientProperties properties = bind();
        Map<String, McpServerProperties> servers = new LinkedHashMap<>();
        servers.put(name, server);
        properties.setServers(servers);
        McpClientPropertiesValidator.validate(properties);
        return McpServerSettings.resolve(name, properties, environment);
    }

    /** A new client of {@code server}, not connected yet. */
    McpClient client(McpServerSettings server) {
        return components.client(server, components.transport(server));
    }

    /** {@code mcp.client} as the environment has it now; an unknown property is an error, as at startup. */
    private McpClientProperties bind() {
        try {
            return Binder.get(environment).bind(McpClientProperties.PREFIX, Bindable.of(McpClientProperties.class),
                    new NoUnboundElementsBindHandler(new IgnoreTopLevelConverterNotFoundBindHandler()))
                    .orElseGet(McpClientProperties::new);
        } catch (BindException e) {
            String property = e.getName() != null ? e.getName().toString() : McpClientProperties.PREFIX;
            String reason = (e.getCause() != null ? e.getCause() : e).getMessage();
            throw new McpClientConfigurationException(List.of(property), "the properties under " + property
                    + " cannot be read: " + (reason.endsWith(".") ? reason.substring(0, reason.length() - 1) : reason),
                    "Correct the properties under " + property + ".");
        }
    }

    /**
     * Connects {@code client} of {@code server} now: its handshake, logged; a failure becomes an
     * {@link McpServerUnavailableException} naming the server.
     */
    static Mono<InitializeResult> connect(McpServerSettings server, McpClient client) {
        return client.reactive().initialize()
                .doOnNext(result -> log.info("Connected to MCP server '{}' at {} ({})", server.name(),
                        server.displayUrl(), describe(result)))
                .onErrorMap(e -> new McpServerUnavailableException(server.name(), server.displayUrl(),
                        server.redact(e.getMessage()), e));
    }

    /** The server's name and version, and the revision spoken. */
    static String describe(InitializeResult result) {
        String server = result.serverInfo() == null ? "an unnamed server"
                : result.serverInfo().name() + " " + result.serverInfo().version();
        return server + ", protocol " + result.protocolVersion();
    }
}
