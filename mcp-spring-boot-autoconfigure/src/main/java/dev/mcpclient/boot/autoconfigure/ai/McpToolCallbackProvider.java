package dev.mcpclient.boot.autoconfigure.ai;

import dev.mcpclient.McpClient;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import dev.mcpclient.schema.Tool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.ToolCallbackProvider;

/**
 * The tools of every MCP server of a {@link McpClientRegistry}, as Spring AI {@link ToolCallback}s
 * ({@link McpToolCallback}): give it to a {@code ChatClient} and the model can call them.
 *
 * <pre>{@code
 * ChatClient chat = ChatClient.builder(chatModel).defaultToolCallbacks(mcpTools).build();
 * }</pre>
 *
 * <p>Always current: every {@link #getToolCallbacks()} (Spring AI asks once per prompt) reads the
 * registry's clients and each client's cached tool list, so a server that connects later, restarts,
 * changes its tools ({@code list_changed}), or is added to or removed from the registry changes what
 * the next prompt sees. A server that is not connected, or whose client is closed, contributes no
 * tools; one whose list is not cached is asked for it (one listing per server at a time), and the
 * prompt waits for the answer at most {@code listToolsTimeout} (never on a non-blocking thread: there
 * the tools listed last are used). A 2026-07-28 server's list that went stale (its {@code ttlMs} ran
 * out, or it gave none) is not waited for: the tools listed last are used while it is listed again in
 * the background.
 *
 * <p>The names are unique within the set and match {@code ^[a-zA-Z0-9_-]{1,64}$}: a tool's own name,
 * prefixed by its server's ({@code <server>_<tool>}) as {@link McpToolNamePrefix} says; other
 * characters become {@code _}, and a name that is too long or would clash with another ends with a
 * short hash of the server's and the tool's names.
 *
 * @since 0.2.0
 */
public final class McpToolCallbackProvider implements ToolCallbackProvider {

    private static final Logger log = LoggerFactory.getLogger(McpToolCallbackProvider.class);

    private final McpClientRegistry registry;
    private final McpToolNamePrefix prefix;
    private final McpToolFilter filter;
    private final Predicate<String> metaKeys;
    private final ServerToolLists lists;
    private volatile String lastWarned = "";

    private McpToolCallbackProvider(Builder builder) {
        this.registry = builder.registry;
        this.prefix = builder.prefix;
        this.filter = builder.filter;
        this.metaKeys = NamePatterns.of(builder.toolContextKeys);
        this.lists = new ServerToolLists(builder.listToolsTimeout);
    }

    /** A builder of a provider of the tools of {@code registry}'s servers. */
    public static Builder builder(McpClientRegistry registry) {
        return new Builder(registry);
    }

    /** The tools every server offers now, in the registry's order of servers and each server's order of tools. */
    @Override
    public ToolCallback[] getToolCallbacks() {
        Map<String, McpClient> clients = registry.clients();
        List<ToolNames.ServerTool> offered = new ArrayList<>();
        List<Tool> tools = new ArrayList<>();
        lists.current(clients).forEach((server, list) -> {
            for (Tool tool : list) {
                if (tool != null && tool.name() != null && filter.accept(server, tool)) {
                    offered.add(new ToolNames.ServerTool(server, tool.name()));
                    tools.add(tool);
                }
            }
        });
        List<String> names = ToolNames.assign(offered, prefix);
        List<ToolCallback> callbacks = new ArrayList<>(names.size());
        List<String> left = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            ToolNames.ServerTool tool = offered.get(i);
            if (names.get(i) == null) {
                left.add(tool.server() + "/" + tool.tool());
            } else {
                callbacks.add(new McpToolCallback(tool.server(), clients.get(tool.server()), tools.get(i), names.get(i),
                        metaKeys));
            }
        }
        warnOnce(left);
        return callbacks.toArray(new ToolCallback[0]);
    }

    /** Warns of the tools left out, once for as long as the same ones are. */
    private void warnOnce(List<String> left) {
        String now = String.join(", ", left);
        if (!now.equals(lastWarned)) {
            lastWarned = now;
            if (!left.isEmpty()) {
                log.warn("These MCP tools are not offered to Spring AI, because an earlier server's tool has the same name "
                        + "(mcp.client.spring-ai.tool-name-prefix is never) or their server lists them twice: {}", now);
            }
        }
    }

    @Override
    public String toString() {
        return "McpToolCallbackProvider[servers=" + registry.names() + ", toolNamePrefix=" + prefix + "]";
    }

    /** Builds a {@link McpToolCallbackProvider}. */
    public static final class Builder {

        private final McpClientRegistry registry;
        private McpToolNamePrefix prefix = McpToolNamePrefix.WHEN_NEEDED;
        private McpToolFilter filter = (server, tool) -> true;
        private Duration listToolsTimeout = Duration.ofSeconds(5);
        private List<String> toolContextKeys = List.of();

        private Builder(McpClientRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /** When a name starts with its server's ({@link McpToolNamePrefix#WHEN_NEEDED} by default). */
        public Builder toolNamePrefix(McpToolNamePrefix prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** Offers only the tools {@code filter} accepts (and that every filter set before accepted). */
        public Builder toolFilter(McpToolFilter filter) {
            Objects.requireNonNull(filter, "filter");
            McpToolFilter before = this.filter;
            this.filter = (server, tool) -> before.accept(server, tool) && filter.accept(server, tool);
            return this;
        }

        /** How long a prompt waits for tool lists that are not cached (5 s by default; never on a non-blocking thread). */
        public Builder listToolsTimeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("listToolsTimeout must not be negative: " + timeout);
            }
            this.listToolsTimeout = timeout;
            return this;
        }

        /**
         * The {@code ToolContext} entries passed to the server as the {@code _meta} of each
         * {@code tools/call}: keys, globs ({@code *}, {@code ?}) or {@code regex:<expression>}.
         */
        public Builder toolContextKeys(List<String> keys) {
            this.toolContextKeys = List.copyOf(keys);
            return this;
        }

        /** The provider. */
        public McpToolCallbackProvider build() {
            return new McpToolCallbackProvider(this);
        }
    }
}
