package dev.mcpclient.testing;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.HttpServletSseServerTransportProvider;
import io.modelcontextprotocol.server.transport.HttpServletStreamableServerTransportProvider;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;

/**
 * The official MCP Java SDK's server ({@code io.modelcontextprotocol.sdk:mcp}) on an embedded Tomcat bound
 * to 127.0.0.1: a real peer for tests. Over Streamable HTTP ({@link #streamableHttp()}, endpoint
 * {@code /mcp}, keep-alive pings every 500 ms) or over the HTTP+SSE transport of revision 2024-11-05
 * ({@link #sse()}: the event stream at {@code /sse}, messages POSTed to
 * {@code /mcp/message?sessionId=...}; a POST to {@code /sse} is answered with 404, as a Streamable HTTP
 * client's {@code initialize} would be). {@link SdkStdioServer} runs the same server over stdio.
 *
 * <p>Tools ({@link #TOOLS}): {@code echo(text)}, {@code add(a, b)}, {@code fail()} (the tool's own error),
 * {@code wait()} (returns only when {@link #finishWaitingTools()} is called), {@code whoami()} (the
 * client's name and version), {@code capabilities()} (the client capabilities it declared, e.g.
 * {@code roots=true sampling=false elicitation=false}), {@code env(name)} (an environment variable of the
 * server's process), {@code count(steps)} (a progress notification per step, to the caller's progress
 * token), {@code weather(city)} (structured content with an output schema), and tools that make the server
 * call the client: {@code sample(question)} (sampling; {@code sampled: <answer> by <model>}),
 * {@code elicit()} (form elicitation), {@code roots()} ({@code roots: [<uri> (<name>), ...]}),
 * {@code log(message)} (a warning log message of the logger {@value #LOGGER}) and {@code touch()}
 * (notifications/resources/updated of {@link #README}). One resource, {@link #README}, which clients may
 * subscribe to ({@link #updateResource}); one resource template ({@value #NOTES_TEMPLATE}); one prompt,
 * {@code greeting(name)}, with completions of {@code name}. {@link #addTool(String)} adds a tool and announces the
 * change; {@link #addTool(McpServerFeatures.SyncToolSpecification)} adds one of the test's own.
 *
 * <p>A filter in front of the SDK records every HTTP request ({@link #requests()}), can hold requests
 * until the test lets them through ({@link #holdRequests()}), end the next background stream
 * ({@link #endNextBackgroundStream()}) or every open event stream ({@link #dropStreams()}).
 */
@SuppressWarnings("deprecation") // the 2024-11-05 HTTP+SSE servlet, on purpose
public final class SdkServer implements AutoCloseable {

    /** How long the SDK server's own close may take before Tomcat is stopped under it. */
    private static final java.time.Duration CLOSE_LIMIT = java.time.Duration.ofSeconds(5);


    /** The server's name in its {@code initialize} result. */
    public static final String NAME = "sdk-test-server";
    /** The server's version in its {@code initialize} result: the SDK's. */
    public static final String VERSION = "2.1.0";
    /** The URI of the one resource. */
    public static final String README = "file:///sdk/readme.txt";
    /** The text of {@link #README}. */
    public static final String README_TEXT = "hello from the Java SDK";
    /** The URI template of the one resource template. */
    public static final String NOTES_TEMPLATE = "file:///sdk/notes/{name}";
    /** The logger of the {@code log} tool's messages. */
    public static final String LOGGER = "sdk";
    /** The names of the tools, in the order {@code tools/list} gives them. */
    public static final List<String> TOOLS = new SdkFeatures().toolNames();

    /** One HTTP request as the server received it: method, URI with query, headers by lower-case name. */
    public record RecordedRequest(String method, String uri, Map<String, String> headers) {

        /** A header, by case-insensitive name, or {@code null}. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    private final SdkFeatures features = new SdkFeatures();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final List<AsyncContext> streams = new CopyOnWriteArrayList<>();
    private final AtomicBoolean endNextGet = new AtomicBoolean();
    private final Tomcat tomcat;
    private final Connector connector;
    private final McpSyncServer server;
    private final String path;
    private volatile CountDownLatch gate = new CountDownLatch(0);

    private SdkServer(int port, HttpServlet transport, McpServer.SyncSpecification<?> spec, String path,
            String... mappings) {
        this(port, transport, spec, path, List.of(), mappings);
    }

    private SdkServer(int port, HttpServlet transport, McpServer.SyncSpecification<?> spec, String path,
            List<Filter> guards, String... mappings) {
        this.server = features.build(spec);
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
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());
        Wrapper servlet = Tomcat.addServlet(context, "mcp", transport);
        servlet.setAsyncSupported(true);
        for (String mapping : mappings) {
            context.addServletMappingDecoded(mapping, "mcp");
        }
        FilterDef recorder = new FilterDef();
        recorder.setFilterName("recorder");
        recorder.setFilter(new Recorder());
        recorder.setAsyncSupported("true");
        context.addFilterDef(recorder);
        FilterMap all = new FilterMap();
        all.setFilterName("recorder");
        all.addURLPattern("/*");
        context.addFilterMap(all);
        for (int i = 0; i < guards.size(); i++) {
            FilterDef guard = new FilterDef();
            guard.setFilterName("guard-" + i);
            guard.setFilter(guards.get(i));
            guard.setAsyncSupported("true");
            context.addFilterDef(guard);
            FilterMap everything = new FilterMap();
            everything.setFilterName("guard-" + i);
            everything.addURLPattern("/*");
            context.addFilterMap(everything);
        }
        try {
            tomcat.start();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Starts a server over Streamable HTTP on a free port. */
    public static SdkServer streamableHttp() {
        return streamableHttp(0);
    }

    /** Starts a server over Streamable HTTP on {@code port} (0: any free port). */
    public static SdkServer streamableHttp(int port) {
        // The SDK sends the headers of a GET stream only with its first event: its keep-alive pings make
        // the background stream show as open soon after the session starts.
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").keepAliveInterval(Duration.ofMillis(500)).build();
        return new SdkServer(port, transport, McpServer.sync(transport), "/mcp", "/mcp");
    }

    /**
     * Starts a server over Streamable HTTP on a free port, behind {@code guards}: servlet filters applied in
     * order after the request was recorded, e.g. a Spring Security filter chain that answers 401 to a
     * request without a valid token. Every path of the server's Tomcat goes through them, so a guard may
     * answer paths of its own (e.g. {@code /.well-known/oauth-protected-resource}).
     */
    public static SdkServer streamableHttp(List<Filter> guards) {
        HttpServletStreamableServerTransportProvider transport = HttpServletStreamableServerTransportProvider.builder()
                .mcpEndpoint("/mcp").keepAliveInterval(Duration.ofMillis(500)).build();
        return new SdkServer(0, transport, McpServer.sync(transport), "/mcp", guards, "/mcp", "/.well-known/*");
    }

    /** Starts a server over the 2024-11-05 HTTP+SSE transport on a free port. */
    public static SdkServer sse() {
        HttpServletSseServerTransportProvider transport = HttpServletSseServerTransportProvider.builder()
                .sseEndpoint("/sse").messageEndpoint("/mcp/message").build();
        return new SdkServer(0, transport, McpServer.sync(transport), "/sse", "/sse", "/mcp/message");
    }

    /**
     * The URL clients connect to: {@code http://127.0.0.1:<port>/mcp} (Streamable HTTP) or
     * {@code .../sse} (HTTP+SSE, the event stream).
     */
    public String url() {
        return "http://127.0.0.1:" + port() + path;
    }

    /** The port it listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Adds a tool that answers {@code name}; the server announces the change to its clients. */
    public void addTool(String name) {
        server.addTool(SdkFeatures.namedTool(name));
        server.notifyToolsListChanged();
    }

    /**
     * Adds a tool of the test's own making (the SDK's specification: its definition and handler); the
     * server announces the change to its clients.
     */
    public void addTool(McpServerFeatures.SyncToolSpecification tool) {
        server.addTool(tool);
        server.notifyToolsListChanged();
    }

    /** Tells the clients subscribed to {@code uri} that it changed. */
    public void updateResource(String uri) {
        features.updateResource(uri);
    }

    /** Every request received so far, in order. */
    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The requests of this HTTP method received so far, in order. */
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

    /** Ends every event stream ({@code GET}) open now, as a server restart or a proxy timeout would. */
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

    /** Waits (at most 30 s) until a call of the {@code wait} tool is running; false if none started. */
    public boolean awaitWaitingTool() throws InterruptedException {
        return features.awaitWaitingTool();
    }

    /** Lets every call of the {@code wait} tool return. */
    public void finishWaitingTools() {
        features.finishWaitingTools();
    }

    /**
     * Stops the server. The SDK's own close is bounded: it completes each stream's {@code AsyncContext}
     * while holding its session lock, and a Tomcat thread writing to that stream at the same moment
     * holds the context's lock and waits for the session's (a deadlock seen in the SDK 2.1.0 on
     * Tomcat). Tomcat is stopped after at most {@link #CLOSE_LIMIT} either way.
     */
    @Override
    public void close() {
        releaseRequests();
        finishWaitingTools();
        dropStreams();
        Thread closer = new Thread(server::close, "sdk-test-server-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(CLOSE_LIMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (closer.isAlive()) {
            System.err.println("SdkServer: the SDK server did not close within " + CLOSE_LIMIT + "; stopping Tomcat");
        }
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
                headers.put(name.toLowerCase(Locale.ROOT), http.getHeader(name));
            }
            String query = http.getQueryString();
            requests.add(new RecordedRequest(http.getMethod(),
                    http.getRequestURI() + (query == null ? "" : "?" + query), Map.copyOf(headers)));
            SdkFeatures.await(gate, "the test never let the request through");
            boolean get = "GET".equals(http.getMethod());
            if (get && endNextGet.compareAndSet(true, false)) {
                response.setContentType("text/event-stream");
                response.getWriter().write("retry: 10\n\n");
                return;
            }
            chain.doFilter(request, response);
            if (get && request.isAsyncStarted()) {
                streams.add(request.getAsyncContext());
            }
        }
    }
}
