package dev.mcpclient.interop.support;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.http.HttpServlet;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The official MCP Java SDK's server ({@code io.modelcontextprotocol.sdk:mcp}, test scope) on an embedded
 * Tomcat bound to 127.0.0.1 on a free port: over Streamable HTTP ({@link #streamableHttp()}, endpoint
 * {@code /mcp}) or over the 2024-11-05 HTTP+SSE transport ({@link #sse()}, endpoint {@code /sse}).
 *
 * <p>Tools: {@code echo(text)}, {@code add(a, b)}, {@code fail()} (the tool's own error),
 * {@code count(steps)} (a progress notification per step, to the caller's progress token) and
 * {@code weather(city)} (structured content with an output schema).
 */
public final class SdkServer implements AutoCloseable {

    private final Tomcat tomcat;
    private final Connector connector;
    private final McpSyncServer server;
    private final String path;

    private SdkServer(HttpServlet transport, McpSyncServer server, String mapping, String path) {
        this.server = server;
        this.path = path;
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("sdk-server");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        this.connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());
        Wrapper servlet = Tomcat.addServlet(context, "mcp", transport);
        servlet.setAsyncSupported(true);
        context.addServletMappingDecoded(mapping, "mcp");
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a server over Streamable HTTP. */
    public static SdkServer streamableHttp() {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").keepAliveInterval(Duration.ofSeconds(1)).build();
        McpSyncServer server = McpServer.sync(transport).serverInfo("sdk-interop-server", "2.1.0")
                .capabilities(capabilities()).tools(tools()).build();
        return new SdkServer(transport, server, "/mcp", "/mcp");
    }

    /** Starts a server over the 2024-11-05 HTTP+SSE transport (GET /sse, POST /message). */
    public static SdkServer sse() {
        HttpServletSseServerTransportProvider transport = HttpServletSseServerTransportProvider.builder()
                .sseEndpoint("/sse").messageEndpoint("/message").build();
        McpSyncServer server = McpServer.sync(transport).serverInfo("sdk-interop-server", "2.1.0")
                .capabilities(capabilities()).tools(tools()).build();
        return new SdkServer(transport, server, "/*", "/sse");
    }

    private static McpSchema.ServerCapabilities capabilities() {
        return McpSchema.ServerCapabilities.builder().tools(true).build();
    }

    private static List<SyncToolSpecification> tools() {
        return List.of(
                tool("echo", Map.of("text", Map.of("type", "string")), null,
                        (exchange, args) -> text(String.valueOf(args.get("text")), false)),
                tool("add", Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")), null,
                        (exchange, args) -> text(String.valueOf(((Number) args.get("a")).longValue()
                                + ((Number) args.get("b")).longValue()), false)),
                tool("fail", Map.of(), null, (exchange, args) -> text("this tool always fails", true)),
                SyncToolSpecification.builder()
                        .tool(McpSchema.Tool.builder("count", Map.of("type", "object", "properties",
                                        Map.of("steps", Map.of("type", "integer"))))
                                .description("Counts to steps, one progress notification per step").build())
                        .callHandler(SdkServer::count)
                        .build(),
                tool("weather", Map.of("city", Map.of("type", "string")),
                        Map.of("type", "object",
                                "properties", Map.of("city", Map.of("type", "string"),
                                        "temperature", Map.of("type", "number")),
                                "required", List.of("city", "temperature")),
                        (exchange, args) -> McpSchema.CallToolResult.builder()
                                .addTextContent("{\"city\":\"" + args.get("city") + "\",\"temperature\":21.5}")
                                .structuredContent(Map.of("city", String.valueOf(args.get("city")), "temperature", 21.5))
                                .build()));
    }

    private static McpSchema.CallToolResult count(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        int steps = ((Number) request.arguments().getOrDefault("steps", 3)).intValue();
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        for (int i = 1; i <= steps; i++) {
            if (token != null) {
                exchange.progressNotification(new McpSchema.ProgressNotification(token, i, (double) steps,
                        "step " + i + " of " + steps));
            }
        }
        return text("counted to " + steps, false);
    }

    private static SyncToolSpecification tool(String name, Map<String, Object> properties, Map<String, Object> outputSchema,
            BiFunction<McpSyncServerExchange, Map<String, Object>, McpSchema.CallToolResult> handler) {
        McpSchema.Tool.Builder tool = McpSchema.Tool.builder(name, Map.of("type", "object", "properties", properties))
                .description("The " + name + " tool");
        if (outputSchema != null) {
            tool.outputSchema(outputSchema);
        }
        return SyncToolSpecification.builder().tool(tool.build())
                .callHandler((exchange, request) -> handler.apply(exchange,
                        request.arguments() == null ? Map.of() : request.arguments()))
                .build();
    }

    private static McpSchema.CallToolResult text(String text, boolean error) {
        return McpSchema.CallToolResult.builder().addTextContent(text).isError(error).build();
    }

    /** The endpoint: {@code http://127.0.0.1:<port>/mcp} (Streamable HTTP) or {@code .../sse} (HTTP+SSE). */
    public String url() {
        return "http://127.0.0.1:" + connector.getLocalPort() + path;
    }

    @Override
    public void close() {
        server.close();
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }
}
