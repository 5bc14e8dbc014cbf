package dev.mcpclient.boot.autoconfigure.ai;

import dev.mcpclient.boot.autoconfigure.McpServerProperties;
import dev.mcpclient.boot.autoconfigure.McpServerToolsProperties;
import dev.mcpclient.schema.Tool;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The filter of {@code mcp.client.servers.<name>.tools}: a tool is offered when {@code include} is
 * empty or matches its name, and {@code exclude} does not. A server without configuration (one
 * registered by the application) offers every tool.
 */
final class ConfiguredToolFilter implements McpToolFilter {

    private final Map<String, McpServerProperties> servers;
    private final Map<String, Rule> rules = new ConcurrentHashMap<>();

    ConfiguredToolFilter(Map<String, McpServerProperties> servers) {
        this.servers = servers;
    }

    @Override
    public boolean accept(String server, Tool tool) {
        return rules.computeIfAbsent(server, this::rule).accept(tool.name());
    }

    private Rule rule(String server) {
        McpServerProperties properties = servers.get(server);
        if (properties == null) {
            return new Rule(NamePatterns.of(null), NamePatterns.of(null));
        }
        McpServerToolsProperties tools = properties.getTools();
        return new Rule(NamePatterns.of(tools.getInclude()), NamePatterns.of(tools.getExclude()));
    }

    private record Rule(NamePatterns include, NamePatterns exclude) {

        boolean accept(String tool) {
            return (include.isEmpty() || include.test(tool)) && !exclude.test(tool);
        }
    }
}
