package dev.mcpclient.boot.autoconfigure;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What a refreshed configuration changes in the configured servers: those to remove, and those to
 * build (new, or replacing one whose settings changed), in configuration order.
 *
 * @param removed the servers no longer configured (or disabled)
 * @param build the settings of the servers to add or replace
 * @param replaced the names of those of {@code build} that replace a server
 */
record McpServersDiff(List<String> removed, List<McpServerSettings> build, Set<String> replaced) {

    /**
     * @param current the settings of the configured servers now
     * @param next the servers configured from now on
     * @param present whether a server of that name is in the registry (configured or added at run time)
     * @throws McpClientConfigurationException when {@code next} configures a server that was added at run time
     */
    static McpServersDiff of(Map<String, McpServerSettings> current, McpServers next, Predicate<String> present) {
        List<String> removed = new ArrayList<>();
        current.keySet().forEach(name -> {
            if (next.find(name).isEmpty()) {
                removed.add(name);
            }
        });
        List<McpServerSettings> build = new ArrayList<>();
        Set<String> replaced = new LinkedHashSet<>();
        for (McpServerSettings server : next.all()) {
            if (!current.containsKey(server.name()) && present.test(server.name())) {
                String property = McpClientProperties.PREFIX + ".servers." + server.name();
                throw new McpClientConfigurationException(List.of(property), property
                        + " names a server that was added at run time",
                        "Remove that server first (McpClientRegistry.remove), or configure the new one under another name.");
            }
            if (!Objects.equals(current.get(server.name()), server)) {
                build.add(server);
                if (current.containsKey(server.name())) {
                    replaced.add(server.name());
                }
            }
        }
        return new McpServersDiff(List.copyOf(removed), List.copyOf(build), Set.copyOf(replaced));
    }

    boolean isEmpty() {
        return removed.isEmpty() && build.isEmpty();
    }

    /** The servers removed, added or replaced. */
    Set<String> names() {
        Set<String> names = new LinkedHashSet<>(removed);
        build.forEach(server -> names.add(server.name()));
        return names;
    }

    @Override
    public String toString() {
        List<String> added = build.stream().map(McpServerSettings::name).filter(name -> !replaced.contains(name)).toList();
        return "added " + added + ", replaced " + build.stream().map(McpServerSettings::name).filter(replaced::contains)
                .toList() + ", removed " + removed;
    }
}
