package dev.mcpclient.boot.testing;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import jakarta.servlet.AsyncContext;
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
import java.util.List;
import java.util.Map;
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
 * The official MCP Java SDK's server over its HTTP+SSE transport (revision 2024-11-05,
 * {@code HttpServletSseServerTransportProvider}) on an embedded Tomcat bound to 127.0.0.1: the event
 * stream at {@code /sse}, messages POSTed to {@code /mcp/message?sessionId=...}. A POST to
 * {@code /sse} is answered with 404, as a Streamable HTTP client's {@code initialize} would be.
 *
 * <p>Tools: {@code echo(text)}, {@code add(a, b)} and {@code wait()}, which returns only when
 * {@link #finishWaitingTools()} is called. {@link #dropStreams()} ends every open event stream.
 */
public final class SdkSseServer implements AutoCloseable {

    /** One HTTP request as the server received it. */
    public record Request(String method, String uri) {
    }

    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final List<AsyncContext> streams = new CopyOnWriteArrayList<>();
    private final Tomcat tomcat;
    private final Connector connector;
    private final McpSyncServer server;
    private final CountDownLatch waitingTools = new CountDownLatch(1);
    private final CountDownLatch waitStarted = new CountDownLatch(1);

    private SdkSseServer() {
        HttpServletSseServerTransportProvider transport = HttpServletSseServerTransportProvider.builder()
                .sseEndpoint("/sse").messageEndpoint("/mcp/message").build();
        this.server = McpServer.sync(transport)
                .serverInfo("sdk-sse-test-server", "2.1.0")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).build())
                .tools(tool("echo", Map.of("text", Map.of("type", "string")),
                                args -> text(String.valueOf(args.get("text")))),
                        tool("add", Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")),
                                args -> text(String.valueOf(((Number) args.get("a")).longValue()
                                        + ((Number) args.get("b")).longValue()))),
                        tool("wait", Map.of(), args -> {
                            waitStarted.countDown();
                            await(waitingTools);
                            return text("waited");
                        }))
                .build();
        Path baseDir;
        try {
            baseDir = Files.createTempDirectory("sdk-sse-server");
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
        context.addServletMappingDecoded("/sse", "mcp");
        context.addServletMappingDecoded("/mcp/message", "mcp");
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
    public static SdkSseServer start() {
        SdkSseServer server = new SdkSseServer();
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

    private static McpSchema.CallToolResult text(String text) {
        return McpSchema.CallToolResult.builder().addTextContent(text).isError(false).build();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the test never let the tool finish");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The event stream's URL. */
    public String sseUrl() {
        return "http://127.0.0.1:" + connector.getLocalPort() + "/sse";
    }

    /** Every request received so far, in order. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** How many requests of this method were received so far. */
    public long count(String method) {
        return requests.stream().filter(r -> r.method().equals(method)).count();
    }

    /** Ends every event stream open now, as a server restart or a proxy timeout would. */
    public void dropStreams() {
        for (AsyncContext stream : streams) {
            streams.remove(stream);
            try {
                stream.complete();
            } catch (IllegalStateException alreadyDone) {
                // ended by itself meanwhile
            }
        }
    }

    /** Waits until a call of the {@code wait} tool is running. */
    public boolean awaitWaitingTool() throws InterruptedException {
        return waitStarted.await(30, TimeUnit.SECONDS);
    }

    /** Lets every call of the {@code wait} tool return. */
    public void finishWaitingTools() {
        waitingTools.countDown();
    }

    @Override
    public void close() {
        finishWaitingTools();
        dropStreams();
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
            String query = http.getQueryString();
            requests.add(new Request(http.getMethod(), http.getRequestURI() + (query == null ? "" : "?" + query)));
            chain.doFilter(request, response);
            if ("GET".equals(http.getMethod()) && request.isAsyncStarted()) {
                streams.add(request.getAsyncContext());
            }
        }
    }
}
