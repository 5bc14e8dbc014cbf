package dev.mcpclient.boot.autoconfigure.ai;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * How the servers' tools are offered to Spring AI ({@code mcp.client.spring-ai}); which tools of a
 * server are offered is set per server under {@code mcp.client.servers.<name>.tools}.
 *
 * @since 0.2.0
 */
public class McpSpringAiProperties {

    /**
     * Whether to offer the tools of every MCP server to Spring AI as one ToolCallbackProvider bean
     * (when Spring AI is on the classpath).
     */
    private boolean enabled = true;

    /**
     * When a tool's name starts with its server's name (<server>_<tool>): when-needed (where two
     * servers offer a tool of the same name), always, or never (the first server's tool wins).
     */
    private McpToolNamePrefix toolNamePrefix = McpToolNamePrefix.WHEN_NEEDED;

    /**
     * How long a prompt waits for a server's tool list that is not cached yet (a server that just
     * connected or changed its tools); a server that has not answered by then contributes the tools
     * it listed last. A prompt on a non-blocking thread never waits, nor does one whose list only went
     * stale (2026-07-28 ttlMs): it gets the tools listed last while they are listed again.
     */
    private Duration listToolsTimeout = Duration.ofSeconds(5);

    /**
     * The ToolContext entries passed to the server as the _meta of each tools/call: keys, globs (*
     * and ?) or regex:<expression>. None by default.
     */
    private List<String> toolContextKeys = new ArrayList<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public McpToolNamePrefix getToolNamePrefix() {
        return toolNamePrefix;
    }

    public void setToolNamePrefix(McpToolNamePrefix toolNamePrefix) {
        this.toolNamePrefix = toolNamePrefix;
    }

    public Duration getListToolsTimeout() {
        return listToolsTimeout;
    }

    public void setListToolsTimeout(Duration listToolsTimeout) {
        this.listToolsTimeout = listToolsTimeout;
    }

    public List<String> getToolContextKeys() {
        return toolContextKeys;
    }

    public void setToolContextKeys(List<String> toolContextKeys) {
        this.toolContextKeys = toolContextKeys;
    }

    @Override
    public String toString() {
        return "SpringAi[enabled=" + enabled + ", toolNamePrefix=" + toolNamePrefix + ", listToolsTimeout="
                + listToolsTimeout + ", toolContextKeys=" + toolContextKeys + "]";
    }
}
