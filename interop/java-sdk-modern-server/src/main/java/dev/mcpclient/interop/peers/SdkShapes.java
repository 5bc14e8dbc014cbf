package dev.mcpclient.interop.peers;

import io.modelcontextprotocol.modern.McpSchema.CallToolRequest;
import io.modelcontextprotocol.modern.McpSchema.CallToolResult;
import io.modelcontextprotocol.modern.McpSchema.ReadResourceResult;
import io.modelcontextprotocol.modern.McpSchema.TextContent;
import io.modelcontextprotocol.modern.McpSchema.TextResourceContents;
import io.modelcontextprotocol.modern.McpSchema.Tool;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpSyncResource;
import io.modelcontextprotocol.modern.server.feature.McpSyncTool;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** The shapes {@link ModernSdkServer} builds its catalogue from: tools, their schemas and results, text resources. */
final class SdkShapes {

    private SdkShapes() {
    }

    static McpSyncResource textResource(String text) {
        return McpSyncResource.of((ctx, request) -> McpSyncResponse.result(ReadResourceResult.builder(List.of(
                TextResourceContents.builder(request.uri(), text).mimeType("text/plain").build())).build()));
    }

    static McpSyncTool tool(String name, Map<String, Object> properties,
            BiFunction<McpRequestContext, Map<String, Object>, CallToolResult> handler) {
        return McpSyncTool.of(describe(name, properties),
                (ctx, request) -> McpSyncResponse.result(handler.apply(ctx, arguments(request))));
    }

    static Tool describe(String name, Map<String, Object> properties) {
        return Tool.builder(name, objectSchema(properties)).description("The " + name + " tool").build();
    }

    static Map<String, Object> objectSchema(Map<String, Object> properties) {
        return Map.of("type", "object", "properties", properties);
    }

    static Map<String, Object> arguments(CallToolRequest request) {
        return request.arguments() == null ? Map.of() : request.arguments();
    }

    static CallToolResult text(String text) {
        return CallToolResult.builder().addContent(TextContent.builder(text).build()).build();
    }
}
