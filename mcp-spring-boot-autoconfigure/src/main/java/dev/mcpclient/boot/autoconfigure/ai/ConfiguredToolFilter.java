package dev.mcpclient.boot.autoconfigure.ai;

import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import dev.mcpclient.boot.autoconfigure.McpServerSettings;
import dev.mcpclient.schema.Tool;
import java.util.Collections;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * The filter of {@code mcp.client.servers.<name>.tools}: a tool is offered when {@code include} is
 * empty or matches its name, and {@code exclude} does not. Read from the settings the registry holds
 * for the server now, so a server added at run time or changed by a refresh is filtered by its own
 * settings; a server without settings (a client the application registered) offers every tool.
 */
final class ConfiguredToolFilter implements McpToolFilter {

    private static final Rule EVERY_TOOL = new Rule(NamePatterns.of(null), NamePatterns.of(null));

    private final McpClientRegistry registry;
    /** The rules compiled, by the settings they were compiled from (replaced settings are new keys). */
    private final Map<McpServerSettings, Rule> rules = Collections.synchronizedMap(new WeakHashMap<>());

    ConfiguredToolFilter(McpClientRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean accept(String server, Tool tool) {
        Rule rule = registry.settings(server)
                .map(settings -> rules.computeIfAbsent(settings, ConfiguredToolFilter::rule))
                .orElse(EVERY_TOOL);
        return rule.accept(tool.name());
    }

    private static Rule rule(McpServerSettings settings) {
        return new Rule(NamePatterns.of(settings.toolsInclude()), NamePatterns.of(settings.toolsExclude()));
    }

    private record Rule(NamePatterns include, NamePatterns exclude) {

        boolean accept(String tool) {
            return (include.isEmpty() || include.test(tool)) && !exclude.test(tool);
        }
    }
}
