package dev.mcpclient.boot.testing;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * The official MCP Java SDK's server (Streamable HTTP servlet) on an embedded Tomcat bound to
 * 127.0.0.1: a real peer for the starter's tests. A filter in front of it records every HTTP request
 * and can hold requests until the test lets them through.
 *
 * <p>Tools: {@code echo(text)}, {@code add(a, b)}, {@code fail()} (a tool error), {@code whoami()} (the
 * client's name and version), {@code wait()},
 * which returns only when {@link #finishWaitingTools()} is called, and tools that turn to the client:
 * {@code capabilities()} (the client capabilities it declared, e.g. {@code roots=true sampling=false
 * elicitation=false}), {@code sample(text)} (asks the client to sample, returns the answer's text),
 * {@code roots()} (the client's root URIs, space-separated) and {@code log(text)} (sends a log message).
 * One resource, {@value #STATUS_URI}, which clients may subscribe to ({@link #updateResource});
 * {@link #addTool} adds a tool (and announces the change).
 */
public final class SdkMcpServer implements AutoCloseable {

    /** One HTTP request as the server received it. */
    public record RecordedRequest(String method, Map<String, String> headers) {

        /** A header, by case-insensitive name, or {@code null}. */
        public String header(String name) {
            return headers.get(name.toLowerCase(java.util.Locale.ROOT));
        }
    }

    /** The URI of the server's one resource. */
    public static final String STATUS_URI = "file:///status";

    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final Tomcat tomcat;
    private final Connector connector;
    private final McpSyncServer server;
    private final Path baseDir;
    private volatile CountDownLatch gate = new CountDownLatch(0);
    private volatile CountDownLatch waitingTools = new CountDownLatch(1);
    private final java.util.concurrent.atomic.AtomicBoolean endNextGet = new java.util.concurrent.atomic.AtomicBoolean();

    private SdkMcpServer(int port) {
        // The SDK sends the headers of a GET stream only with its first event: its keep-alive pings make
        // the background stream show as open soon after the session starts.
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").keepAliveInterval(Duration.ofMillis(500)).build();
        this.server = McpServer.sync(transport)
                .serverInfo("sdk-test-server", "2.1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).resources(true, true).logging().build())
                .resources(new McpServerFeatures.SyncResourceSpecification(
                        McpSchema.Resource.builder().uri(STATUS_URI).name("status").mimeType("text/plain").build(),
                        (exchange, request) -> new McpSchema.ReadResourceResult(
                                List.of(new McpSchema.TextResourceContents(STATUS_URI, "text/plain", "all good")))))
                .tools(tool("echo", Map.of("text", Map.of("type", "string")),
                                args -> text(String.valueOf(args.get("text")), false)),
                        tool("add", Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")),
                                args -> text(String.valueOf(((Number) args.get("a")).longValue()
                                        + ((Number) args.get("b")).longValue()), false)),
                        tool("fail", Map.of(), args -> text("this tool always fails", true)),
                        SyncToolSpecification.builder()
                                .tool(McpSchema.Tool.builder("whoami", Map.of("type", "object", "properties", Map.of()))
                                        .description("The client's name and version").build())
                                .callHandler((exchange, request) -> text(exchange.getClientInfo().name() + " "
                                        + exchange.getClientInfo().version(), false))
                                .build(),
                        tool("wait", Map.of(), args -> {
                            await(waitingTools);
                            return text("waited", false);
                        }),
                        exchangeTool("capabilities", (exchange, args) -> {
                            McpSchema.ClientCapabilities declared = exchange.getClientCapabilities();
                            return text("roots=" + (declared.roots() != null) + " sampling=" + (declared.sampling() != null)
                                    + " elicitation=" + (declared.elicitation() != null), false);
                        }),
                        exchangeTool("sample", (exchange, args) -> {
                            McpSchema.CreateMessageResult result = exchange.createMessage(McpSchema.CreateMessageRequest
                                    .builder()
                                    .messages(List.of(new McpSchema.SamplingMessage(McpSchema.Role.USER,
                                            new McpSchema.TextContent(String.valueOf(args.get("text"))))))
                                    .maxTokens(100)
                                    .build());
                            return text(((McpSchema.TextContent) result.content()).text(), false);
                        }),
                        exchangeTool("roots", (exchange, args) -> text(exchange.listRoots().roots().stream()
                                .map(McpSchema.Root::uri).collect(java.util.stream.Collectors.joining(" ")), false)),
                        exchangeTool("log", (exchange, args) -> {
                            exchange.loggingNotification(McpSchema.LoggingMessageNotification.builder()
                                    .level(McpSchema.LoggingLevel.WARNING).logger("sdk")
                                    .data(String.valueOf(args.get("text"))).build());
                            return text("logged", false);
                        }))
                .build();
        try {
            this.baseDir = Files.createTempDirectory("sdk-mcp-server");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        this.connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());
        Wrapper servlet = Tomcat.addServlet(context, "mcp", transport);
        servlet.setAsyncSupported(true);
        context.addServletMappingDecoded("/mcp", "mcp");
        FilterDef recorder = new FilterDef();
        recorder.setFilterName("recorder");
        recorder.setFilter(new Recorder());
        recorder.setAsyncSupported("true");
        context.addFilterDef(recorder);
        FilterMap all = new FilterMap();
        all.setFilterName("recorder");
        all.addURLPattern("/*");
        context.addFilterMap(all);
    }

    /** Starts a server on a free port. */
    public static SdkMcpServer start() {
        return start(0);
    }

    /** Starts a server on {@code port} (0: any free port). */
    public static SdkMcpServer start(int port) {
        SdkMcpServer server = new SdkMcpServer(port);
        try {
            server.tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
        return server;
    }

    private static SyncToolSpecification tool(String name, Map<String, Object> properties,
            java.util.function.Function<Map<String, Object>, McpSchema.CallToolResult> handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder(name, Map.of("type", "object", "properties", properties))
                .description("The " + name + " tool").build();
        return SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> handler.apply(request.arguments() == null ? Map.of() : request.arguments()))
                .build();
    }

    private static SyncToolSpecification exchangeTool(String name,
            java.util.function.BiFunction<io.modelcontextprotocol.server.McpSyncServerExchange, Map<String, Object>,
                    McpSchema.CallToolResult> handler) {
        McpSchema.Tool tool = McpSchema.Tool.builder(name, Map.of("type", "object", "properties", Map.of()))
                .description("The " + name + " tool").build();
        return SyncToolSpecification.builder().tool(tool)
                .callHandler((exchange, request) -> handler.apply(exchange,
                        request.arguments() == null ? Map.of() : request.arguments()))
                .build();
    }

    /** Adds a tool that answers {@code name}; the server announces the change to its clients. */
    public void addTool(String name) {
        server.addTool(tool(name, Map.of(), args -> text(name, false)));
        server.notifyToolsListChanged();
    }

    /** Tells the clients subscribed to {@code uri} that it changed. */
    public void updateResource(String uri) {
        server.notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(uri));
    }

    private static McpSchema.CallToolResult text(String text, boolean error) {
        return McpSchema.CallToolResult.builder().addTextContent(text).isError(error).build();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the request through");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The endpoint, e.g. {@code http://127.0.0.1:12345/mcp}. */
    public String url() {
        return "http://127.0.0.1:" + port() + "/mcp";
    }

    /** The port it listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Every request received so far, in order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests of this HTTP method received so far. */
    public List<RecordedRequest> requests(String method) {
        return requests.stream().filter(r -> r.method().equals(method)).toList();
    }

    /** From now on, requests are recorded and then held until {@link #releaseRequests()}. */
    public void holdRequests() {
        gate = new CountDownLatch(1);
    }

    /** Lets held requests (and later ones) through. */
    public void releaseRequests() {
        gate.countDown();
    }

    /**
     * Answers the next {@code GET} (a background stream) itself with a stream that asks for a 10 ms
     * reconnect delay and ends at once; the client then reconnects.
     */
    public void endNextBackgroundStream() {
        endNextGet.set(true);
    }

    /** Lets every call of the {@code wait} tool return. */
    public void finishWaitingTools() {
        waitingTools.countDown();
    }

    @Override
    public void close() {
        releaseRequests();
        finishWaitingTools();
        server.close();
        try {
            tomcat.stop();
            tomcat.destroy();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    private final class Recorder implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            HttpServletRequest http = (HttpServletRequest) request;
            Map<String, String> headers = new TreeMap<>();
            for (String name : Collections.list(http.getHeaderNames())) {
                headers.put(name.toLowerCase(java.util.Locale.ROOT), http.getHeader(name));
            }
            requests.add(new RecordedRequest(http.getMethod(), headers));
            await(gate);
            if ("GET".equals(http.getMethod()) && endNextGet.compareAndSet(true, false)) {
                response.setContentType("text/event-stream");
                response.getWriter().write("retry: 10\n\n");
                return;
            }
            chain.doFilter(request, response);
        }
    }
}
