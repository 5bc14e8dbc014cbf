package dev.mcpclient.boot.testing;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * The official MCP Java SDK's server over stdio ({@code StdioServerTransportProvider}), run as a child
 * JVM by the tests: a real peer of the stdio transport. Tools: {@code echo(text)} and {@code env(name)}
 * (the value of an environment variable).
 */
public final class SdkStdioMcpServer {

    private SdkStdioMcpServer() {
    }

    /** The command line that runs this server with the test classpath: the command, then its arguments. */
    public static List<String> commandLine() {
        List<String> line = new ArrayList<>();
        line.add(ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        try {
            line.add("-Dlogback.configurationFile="
                    + Path.of(SdkStdioMcpServer.class.getResource("/logback-stdio-server.xml").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        line.addAll(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                SdkStdioMcpServer.class.getName()));
        return line;
    }

    public static void main(String[] args) throws InterruptedException {
        // Like most stdio servers, it exits when its standard input ends (the client closed it).
        java.io.InputStream in = new java.io.FilterInputStream(System.in) {
            @Override
            public int read(byte[] b, int off, int len) throws java.io.IOException {
                int n = super.read(b, off, len);
                if (n < 0) {
                    System.err.println("stdin closed, exiting");
                    new Thread(() -> System.exit(0)).start();
                }
                return n;
            }
        };
        McpSyncServer server = McpServer.sync(new StdioServerTransportProvider(McpJsonDefaults.getMapper(), in,
                        System.out))
                .serverInfo("sdk-stdio-test-server", "2.1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tool("echo", arguments -> String.valueOf(arguments.get("text"))),
                        tool("env", arguments -> String.valueOf(System.getenv(String.valueOf(arguments.get("name"))))))
                .build();
        System.err.println("sdk stdio test server started");
        new CountDownLatch(1).await();
        server.close();
    }

    private static SyncToolSpecification tool(String name, java.util.function.Function<Map<String, Object>, String> handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder(name, Map.of("type", "object", "properties", Map.of()))
                .description("The " + name + " tool").build();
        return SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> McpSchema.CallToolResult.builder()
                        .addTextContent(handler.apply(request.arguments() == null ? Map.of() : request.arguments()))
                        .isError(false).build())
                .build();
    }
}
