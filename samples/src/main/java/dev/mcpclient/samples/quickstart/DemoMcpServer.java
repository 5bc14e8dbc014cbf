package dev.mcpclient.samples.quickstart;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.startup.Tomcat;
import org.springframework.beans.factory.DisposableBean;

/**
 * A small MCP server for the demo: the official MCP Java SDK's Streamable HTTP server on an
 * embedded Tomcat, listening on 127.0.0.1 only.
 *
 * <p>Tools: {@code greet(name)}, {@code add(a, b)} and {@code countdown(steps)}, which takes a moment
 * per step and reports its progress. Both samples use it: the quick start calls the tools itself, the
 * Spring AI sample lets a model call them. It remembers the calls it answered ({@link #toolCalls()}).
 *
 * <p>The tests' {@code SdkServer} ({@code mcp-test-support}) starts the same SDK server on Tomcat the
 * same way, and this class does not reuse it on purpose: this class ships in the sample application,
 * the code users read and copy, while {@code mcp-test-support} is a test-scoped module that is never
 * published, so the sample cannot depend on it; and a published module holding a few lines of Tomcat
 * set-up for one demo would cost more than it saves. The set-up here is kept to what the SDK's servlet
 * transport needs: a base directory, a loopback connector, one asynchronous servlet.
 */
public final class DemoMcpServer implements DisposableBean {

    private final Tomcat tomcat;
    private final McpSyncServer server;
    private final Duration stepDelay;
    private final List<String> calls = new CopyOnWriteArrayList<>();

    /**
     * @param name the server's name, as it tells clients
     * @param port the port, or 0 for any free one
     * @param stepDelay how long each step of {@code countdown} takes
     */
    public DemoMcpServer(String name, int port, Duration stepDelay) {
        this.stepDelay = stepDelay;
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").build();
        this.server = McpServer.sync(transport)
                .serverInfo(name, "1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tool("greet", "Greets someone by name", Map.of("name", Map.of("type", "string")),
                                (exchange, request) -> "Hello, " + text(request.arguments(), "name", "world") + "!"),
                        tool("add", "Adds two integers", Map.of("a", Map.of("type", "integer"), "b", Map.of("type", "integer")),
                                (exchange, request) -> String.valueOf(number(request.arguments(), "a")
                                        + number(request.arguments(), "b"))),
                        tool("countdown", "Counts down, one step at a time, reporting progress",
                                Map.of("steps", Map.of("type", "integer")), this::countdown))
                .build();
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("demo-mcp-server");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        tomcat.setPort(port);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        Context context = tomcat.addContext("", baseDir.toString());
        Tomcat.addServlet(context, "mcp", transport).setAsyncSupported(true);
        context.addServletMappingDecoded("/mcp", "mcp");
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException("The demo MCP server could not start", e);
        }
    }

    private String countdown(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        long steps = Math.max(1, number(request.arguments(), "steps"));
        Object token = request.progressToken();
        for (long step = 1; step <= steps; step++) {
            try {
                Thread.sleep(stepDelay.toMillis()); // the "work" of one step
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return "Interrupted at step " + step;
            }
            if (token != null) {
                exchange.progressNotification(new McpSchema.ProgressNotification(token, (double) step, (double) steps,
                        "T-" + (steps - step), null));
            }
        }
        return "Lift-off after " + steps + " steps";
    }

    private interface Handler {
        String apply(McpSyncServerExchange exchange, McpSchema.CallToolRequest request);
    }

    private SyncToolSpecification tool(String name, String description, Map<String, Object> properties,
            Handler handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder(name, Map.of("type", "object", "properties", properties))
                .description(description).build();
        return SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> {
                    calls.add(name + " " + new TreeMap<>(request.arguments() == null ? Map.of() : request.arguments()));
                    return McpSchema.CallToolResult.builder().addTextContent(handler.apply(exchange, request)).build();
                })
                .build();
    }

    private static String text(Map<String, Object> arguments, String name, String otherwise) {
        Object value = arguments == null ? null : arguments.get(name);
        return value == null ? otherwise : value.toString();
    }

    private static long number(Map<String, Object> arguments, String name) {
        Object value = arguments == null ? null : arguments.get(name);
        return value instanceof Number n ? n.longValue() : 0;
    }

    /**
     * The tool calls this server has received, oldest first, each as the tool's name and its arguments
     * in the order of their names, e.g. {@code add {a=19, b=23}}: how a test knows a call reached it.
     */
    public List<String> toolCalls() {
        return List.copyOf(calls);
    }

    /** The endpoint, e.g. {@code http://127.0.0.1:12345/mcp}. */
    public String url() {
        return "http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/mcp";
    }

    @Override
    public void destroy() {
        server.close();
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }
}
