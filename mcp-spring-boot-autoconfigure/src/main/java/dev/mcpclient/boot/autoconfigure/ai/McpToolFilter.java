package dev.mcpclient.boot.autoconfigure.ai;

import dev.mcpclient.schema.Tool;

/**
 * Decides which tools of which server are offered to Spring AI. Beans of this type are applied
 * together with the {@code mcp.client.servers.<name>.tools} properties: a tool is offered only when
 * every filter accepts it.
 *
 * <pre>{@code
 * @Bean
 * McpToolFilter readOnlyTools() {
 *     return (server, tool) -> tool.annotations() != null && Boolean.TRUE.equals(tool.annotations().readOnlyHint());
 * }
 * }</pre>
 * @since 0.2.0
 */
@FunctionalInterface
public interface McpToolFilter {

    /**
     * Whether to offer {@code tool} of {@code server}.
     *
     * @param server the server's name (under {@code mcp.client.servers})
     * @param tool the tool as the server listed it
     */
    boolean accept(String server, Tool tool);
}
