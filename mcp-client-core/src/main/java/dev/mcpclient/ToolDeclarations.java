package dev.mcpclient;

import dev.mcpclient.schema.CallToolRequest;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.Tool;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code x-mcp-header} declarations of the tools a client listed (MCP 2026-07-28): a tool whose
 * declarations are invalid is left out of {@code tools/list} with a warning (once per tool and
 * reason), the valid ones are kept by tool name so a {@code tools/call} can mirror its parameters
 * into headers. In the legacy era it keeps nothing and leaves lists as they are.
 */
final class ToolDeclarations {

    private static final Logger log = LoggerFactory.getLogger(DefaultReactiveMcpClient.class);

    private final BooleanSupplier modern;
    private final Supplier<String> serverName;
    /** The declarations of the tools last listed, by tool name (tools without any are absent). */
    private volatile Map<String, ToolHeaders> byTool = Map.of();
    /** The invalid declarations already warned about. */
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param modern whether the client speaks the modern era now
     * @param serverName the server in warnings
     */
    ToolDeclarations(BooleanSupplier modern, Supplier<String> serverName) {
        this.modern = modern;
        this.serverName = serverName;
    }

    /** The modern era: {@code list} without the tools whose declarations are invalid, the others' kept. Else {@code list}. */
    ListToolsResult keepValid(ListToolsResult list) {
        if (!modern.getAsBoolean()) {
            return list;
        }
        List<Tool> valid = ToolHeaders.dropInvalid(list.tools(), (tool, reason) -> {
            if (warned.add(tool.name() + '\n' + reason)) { // once per tool and reason, not at every listing
                log.warn("Leaving out tool '{}' of {}: its x-mcp-header declarations are invalid: {}", tool.name(),
                        serverName.get(), reason);
            }
        });
        Map<String, ToolHeaders> declared = new HashMap<>(byTool);
        for (Tool tool : valid) {
            ToolHeaders headers = ToolHeaders.of(tool.inputSchema());
            if (headers == ToolHeaders.NONE) {
                declared.remove(tool.name());
            } else {
                declared.put(tool.name(), headers);
            }
        }
        byTool = Map.copyOf(declared);
        return valid == list.tools() ? list : new ListToolsResult(valid, list.nextCursor(), list.meta());
    }

    /** The header values of {@code call}'s marked parameters (the modern era, a tool that declares some), else none. */
    Map<String, String> headersFor(CallToolRequest call) {
        if (call == null || call.arguments() == null || !modern.getAsBoolean()) {
            return Map.of();
        }
        ToolHeaders declared = byTool.get(call.name());
        return declared == null ? Map.of() : declared.values(McpJson.toTree(call.arguments()));
    }
}
