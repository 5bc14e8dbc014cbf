package dev.mcpclient.testserver;

import dev.mcpclient.jsonrpc.JsonRpcError;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.McpJson;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.DisposableServer;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A programmable MCP server (Streamable HTTP, protocol 2025-11-25) on a real Reactor Netty
 * {@link HttpServer} bound to 127.0.0.1 on an ephemeral port, for deterministic client tests.
 *
 * <p>By default it is a small but real MCP server at {@value #PATH}:
 * <ul>
 *   <li>POST needs {@code Accept} with both {@code application/json} and {@code text/event-stream}
 *       (else 406) and {@code Content-Type: application/json} (else 415); a body that is not JSON
 *       gets 400;</li>
 *   <li>{@code initialize} creates a session ({@code Mcp-Session-Id}, a UUID) and answers with the
 *       client's protocol version if supported ({@link #SUPPORTED_VERSIONS}), else the latest, or
 *       with {@link #overrideProtocolVersion(String) the override};</li>
 *   <li>any other POST, GET and DELETE need a known session: no {@code Mcp-Session-Id} gives 400,
 *       an unknown or {@link #expireSessions() expired} one gives 404; an unsupported
 *       {@code MCP-Protocol-Version} header gives 400;</li>
 *   <li>notifications and client responses get 202; {@code ping}, {@code tools/list} (one tool,
 *       {@code echo}) and {@code tools/call} (echoes the arguments as compact JSON text) are answered
 *       with JSON; other methods get JSON-RPC error -32601;</li>
 *   <li>GET opens the session's {@link Background background stream}; DELETE forgets the session
 *       and ends its background stream cleanly.</li>
 * </ul>
 * Every behaviour can be replaced ({@link #onPost}, {@link #onGet}, {@link #onDelete},
 * {@link #onClientResponse}); the checks before them can be switched off ({@link #validate}).
 * Every request is recorded ({@link #requests()}, {@link #awaitRequest}) with the moment the
 * server saw its exchange end ({@link RecordedRequest#awaitClosed}).
 *
 * <p>Waiting is done on a condition signalled by the server's own events, never by polling.
 */
public final class ProgrammableMcpServer implements AutoCloseable {

    /** The endpoint path. */
    public static final String PATH = "/mcp";
    /** The protocol version answered when the client's is not supported. */
    public static final String LATEST_VERSION = "2025-11-25";
    /** The protocol versions this server accepts, newest first. */
    public static final List<String> SUPPORTED_VERSIONS = List.of("2025-11-25", "2025-06-18", "2025-03-26");
    /** The JSON-RPC error code of the 404 answer to an unknown session. */
    public static final int SESSION_NOT_FOUND = -32001;

    private static final Object ABORT = new Object() {
        @Override
        public String toString() {
            return "ABORT";
        }
    };
    private static final String ABORT_HANDLER = "programmable-mcp-abort";

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    // guarded by lock
    private final List<RecordedRequest> requests = new ArrayList<>();
    private final Map<String, Session> liveSessions = new HashMap<>();
    private final Map<String, Session> allSessions = new HashMap<>();
    private Session latest;

    /** The handlers replacing a default behaviour, by {@link #route}. */
    private final Map<String, Handler> handlers = new ConcurrentHashMap<>();
    private volatile String versionOverride;
    private volatile JsonNode capabilities;
    private volatile boolean validate = true;
    private final List<Throwable> handlerErrors = new CopyOnWriteArrayList<>();

    private final ChannelGroup channels = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final DisposableServer server;
    /** The server's own event loops: never shared with the client under test. */
    private final reactor.netty.resources.LoopResources loops =
            reactor.netty.resources.LoopResources.create("mcp-test-server", 1, 2, true);

    private ProgrammableMcpServer(int port) {
        this.server = HttpServer.create()
                .runOn(loops)
                .host("127.0.0.1")
                .port(port)
                .option(ChannelOption.SO_BACKLOG, 4096)
                .doOnChannelInit((observer, channel, address) -> channels.add(channel))
                .handle(this::serve)
                .bindNow(Duration.ofSeconds(10));
    }

    /** Starts a server on 127.0.0.1 and an ephemeral port. */
    public static ProgrammableMcpServer start() {
        return new ProgrammableMcpServer(0);
    }

    /**
     * Starts a server on 127.0.0.1 and {@code port}, e.g. that of a server just {@link #close() closed}:
     * the same server restarted, without its sessions and handlers.
     */
    public static ProgrammableMcpServer start(int port) {
        return new ProgrammableMcpServer(port);
    }

    /** {@code http://127.0.0.1:<port>/mcp}. */
    public String url() {
        return "http://127.0.0.1:" + port() + PATH;
    }

    /** The port bound. */
    public int port() {
        return server.port();
    }

    /** How many connections to this server are open now (accepted, not closed yet by either side). */
    public int openConnections() {
        return channels.size();
    }

    /**
     * Closes the listening socket and then every connection (streams are cut), as a server process that
     * dies: no client is left with a connection nobody answers or closes.
     */
    @Override
    public void close() {
        server.disposeNow(Duration.ofSeconds(5));
        // A connection accepted just before may still be registering on its event loop, and only joins
        // the group then: a task queued behind its registration tells when it has (closing the group
        // first left such connections open, and their clients waiting for their timeout).
        for (io.netty.util.concurrent.EventExecutor loop : loops.onServer(true)) {
            if (!loop.isShuttingDown()) { // closed before
                loop.submit(() -> { }).awaitUninterruptibly(5, TimeUnit.SECONDS);
            }
        }
        channels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
    }

    // ---------------------------------------------------------------- programming

    /**
     * Replaces the behaviour for POSTs carrying JSON-RPC method {@code method} (a request or a
     * notification); {@code null} restores the default.
     */
    public ProgrammableMcpServer onPost(String method, Handler handler) {
        return replace(route("POST", method), handler);
    }

    /**
     * Replaces the behaviour for POSTs carrying a JSON-RPC response from the client (default 202);
     * {@code null} restores the default.
     */
    public ProgrammableMcpServer onClientResponse(Handler handler) {
        return replace(route("POST", null), handler);
    }

    /** Replaces the GET behaviour (after the session checks); {@code null} restores the default. */
    public ProgrammableMcpServer onGet(Handler handler) {
        return replace(route("GET", null), handler);
    }

    /** Replaces the DELETE behaviour (after the session checks); {@code null} restores the default. */
    public ProgrammableMcpServer onDelete(Handler handler) {
        return replace(route("DELETE", null), handler);
    }

    /**
     * The key of a handler: the HTTP method, and for a POST the JSON-RPC method it carries
     * ({@code null}: a response from the client).
     */
    private static String route(String httpMethod, String jsonRpcMethod) {
        return jsonRpcMethod == null ? httpMethod : httpMethod + " " + jsonRpcMethod;
    }

    private ProgrammableMcpServer replace(String route, Handler handler) {
        if (handler == null) {
            handlers.remove(route);
        } else {
            handlers.put(route, handler);
        }
        return this;
    }

    /** What the handler of {@code route} answers, or the default behaviour if none replaced it. */
    private Reply reply(String route, RecordedRequest r, Exchange exchange) {
        Handler handler = handlers.get(route);
        return handler != null ? handler.handle(r, exchange) : exchange.defaultReply();
    }

    /**
     * Makes {@code initialize} answer with exactly this protocol version (which the server then also
     * accepts in {@code MCP-Protocol-Version}); {@code null} restores the negotiation rules.
     */
    public ProgrammableMcpServer overrideProtocolVersion(String version) {
        this.versionOverride = version;
        return this;
    }

    /**
     * The {@code capabilities} the default {@code initialize} answers with; {@code null} restores the
     * default ({@code {"tools":{"listChanged":true}}}).
     */
    public ProgrammableMcpServer capabilities(JsonNode capabilities) {
        this.capabilities = capabilities;
        return this;
    }

    /**
     * Whether the checks run before the handlers (Accept, Content-Type, session id, protocol version
     * header); on by default. When off, any request reaches its handler.
     */
    public ProgrammableMcpServer validate(boolean enabled) {
        this.validate = enabled;
        return this;
    }

    /** Forgets all sessions: requests naming them get 404. Open GET streams are left as they are. */
    public ProgrammableMcpServer expireSessions() {
        change(liveSessions::clear);
        return this;
    }

    /** Forgets one session: requests naming it get 404. Its open GET stream is left as it is. */
    public ProgrammableMcpServer expireSession(String sessionId) {
        change(() -> liveSessions.remove(sessionId));
        return this;
    }

    /**
     * Creates a valid session, as the default {@code initialize} does, e.g. for a custom
     * {@code initialize} handler to put in its {@code Mcp-Session-Id} header.
     *
     * @return the new session's id
     */
    public String createSession(String protocolVersion) {
        return newSession(protocolVersion).id;
    }

    /** The ids of the sessions that are currently valid. */
    public Set<String> sessionIds() {
        return locked(() -> Set.copyOf(liveSessions.keySet()));
    }

    /** The ids of every session this server started, expired or not. */
    public Set<String> allSessionIds() {
        return locked(() -> Set.copyOf(allSessions.keySet()));
    }

    /** The id of the most recently created session, or {@code null}. */
    public String latestSessionId() {
        return locked(() -> latest == null ? null : latest.id);
    }

    /** The background stream of the most recently initialized session (resolved at each call). */
    public Background background() {
        return new Background(this, () -> locked(() -> latest));
    }

    /** The background stream of one session (also after it expired). */
    public Background background(String sessionId) {
        return new Background(this, () -> locked(() -> allSessions.get(sessionId)));
    }

    /** Exceptions thrown by handlers or by deferred replies; each got a 500. */
    public List<Throwable> handlerErrors() {
        return List.copyOf(handlerErrors);
    }

    /** Forgets the handler errors reported so far. */
    public ProgrammableMcpServer clearHandlerErrors() {
        handlerErrors.clear();
        return this;
    }

    // ---------------------------------------------------------------- recording

    /** Every request received so far, in arrival order (a snapshot). */
    public List<RecordedRequest> requests() {
        return locked(() -> List.copyOf(requests));
    }

    /**
     * The first request (since the server started) matching {@code predicate}, waiting for it if
     * none was received yet.
     *
     * @throws AssertionError if none arrives within {@code timeout}
     */
    public RecordedRequest awaitRequest(Predicate<? super RecordedRequest> predicate, Duration timeout) {
        return awaitRequests(predicate, 1, timeout).get(0);
    }

    /**
     * The first {@code count} requests matching {@code predicate}, waiting until there are that many.
     *
     * @throws AssertionError if fewer arrive within {@code timeout}
     */
    public List<RecordedRequest> awaitRequests(Predicate<? super RecordedRequest> predicate, int count,
            Duration timeout) {
        List<RecordedRequest> found = new ArrayList<>();
        int scanned = 0;
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                for (; scanned < requests.size(); scanned++) {
                    RecordedRequest r = requests.get(scanned);
                    if (predicate.test(r)) {
                        found.add(r);
                        if (found.size() == count) {
                            return found;
                        }
                    }
                }
                if (nanos <= 0) {
                    throw new AssertionError("expected " + count + " matching request(s) within " + timeout
                            + ", got " + found.size() + "; received: " + requests);
                }
                nanos = changed.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits, at most {@code timeout} in all, until the server has seen the exchange of every request
     * received so far end (see {@link RecordedRequest#awaitClosed}).
     *
     * @return the requests whose exchanges are still open
     */
    public List<RecordedRequest> awaitExchangesEnded(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<RecordedRequest> open = new ArrayList<>();
        for (RecordedRequest r : requests()) {
            try {
                r.awaitClosed(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (AssertionError stillOpen) {
                open.add(r);
            }
        }
        return open;
    }

    /** The first POST carrying JSON-RPC method {@code method}, waiting for it. */
    public RecordedRequest awaitPost(String method, Duration timeout) {
        return awaitRequest(r -> "POST".equals(r.httpMethod()) && method.equals(r.jsonRpcMethod()), timeout);
    }

    /** The first POST of a JSON-RPC response from the client with this id, waiting for it. */
    public RecordedRequest awaitClientResponse(RequestId id, Duration timeout) {
        return awaitRequest(r -> "POST".equals(r.httpMethod()) && r.isClientResponse() && id.equals(r.id()),
                timeout);
    }

    /** The {@code n}-th GET (from 1), waiting for it. */
    public RecordedRequest awaitGet(int n, Duration timeout) {
        return awaitRequests(r -> "GET".equals(r.httpMethod()), n, timeout).get(n - 1);
    }

    // ---------------------------------------------------------------- HTTP

    private Publisher<Void> serve(HttpServerRequest req, HttpServerResponse res) {
        ExchangeEnd end = new ExchangeEnd();
        Channel[] channel = new Channel[1];
        res.withConnection(c -> {
            channel[0] = c.channel();
            c.onTerminate().subscribe(null, e -> end.end(), end::end);
        });
        return req.receive().aggregate().asByteArray()
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> {
                    RecordedRequest recorded = record(req, bytes, end);
                    Reply reply;
                    try {
                        reply = dispatch(recorded, end);
                    } catch (Throwable t) {
                        handlerErrors.add(t);
                        reply = Reply.status(500, "text/plain", "handler failed: " + t);
                    }
                    return write(reply, res, channel[0]);
                });
    }

    private RecordedRequest record(HttpServerRequest req, byte[] bytes, ExchangeEnd end) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        req.requestHeaders().forEach(e -> headers.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        JsonNode body = null;
        if (bytes.length > 0) {
            try {
                body = McpJson.mapper().readTree(bytes);
                if (body != null && body.isMissingNode()) {
                    body = null;
                }
            } catch (JacksonException e) {
                body = null;
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        JsonNode json = body;
        return locked(() -> {
            RecordedRequest r = new RecordedRequest(requests.size(), req.method().name(), req.uri(), headers, text,
                    json, end.future());
            requests.add(r);
            changed.signalAll();
            return r;
        });
    }

    private Mono<Void> write(Reply reply, HttpServerResponse res, Channel channel) {
        switch (reply.kind) {
            case DEFERRED:
                return reply.deferred
                        .switchIfEmpty(Mono.error(() -> new IllegalStateException("deferred reply completed empty")))
                        .onErrorResume(e -> {
                            handlerErrors.add(e);
                            return Mono.just(Reply.status(500, "text/plain", "deferred reply failed: " + e));
                        })
                        .map(r -> r.withHeaders(reply.headers))
                        .publishOn(Schedulers.fromExecutor(channel.eventLoop()))
                        .flatMap(r -> write(r, res, channel));
            case RESET:
                // On the event loop, so the channel is closed before Reactor Netty could write anything.
                channel.config().setOption(ChannelOption.SO_LINGER, 0);
                channel.close();
                return Mono.never();
            case SSE:
                res.status(reply.status);
                res.header(HttpHeaderNames.CONTENT_TYPE, reply.contentType);
                res.header(HttpHeaderNames.CACHE_CONTROL, "no-cache");
                reply.headers.forEach(res::header);
                if (channel.pipeline().get(ABORT_HANDLER) == null) {
                    channel.pipeline().addBefore(NettyPipeline.ReactiveBridge, ABORT_HANDLER, AbortOnMarker.INSTANCE);
                }
                Flux<Object> body = Flux.from(reply.frames)
                        .<Object>map(frame -> Unpooled.wrappedBuffer(frame.wire()))
                        .onErrorResume(e -> Flux.just(ABORT).concatWith(Flux.never()));
                return res.sendHeaders().sendObject(body, o -> true).then();
            case BODY:
            default:
                res.status(reply.status);
                if (reply.contentType != null) {
                    res.header(HttpHeaderNames.CONTENT_TYPE, reply.contentType);
                }
                reply.headers.forEach(res::header);
                res.header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(reply.body.length));
                if (reply.body.length == 0) {
                    return res.send();
                }
                return res.sendByteArray(Mono.just(reply.body)).then();
        }
    }

    /**
     * Turns the {@link #ABORT} marker, written after an SSE reply's frames, into a close of the
     * connection once everything before it has been written: no terminating chunk, as when a server
     * dies mid-stream. Going through the pipeline keeps it ordered after the frames.
     */
    @ChannelHandler.Sharable
    static final class AbortOnMarker extends ChannelOutboundHandlerAdapter {

        static final AbortOnMarker INSTANCE = new AbortOnMarker();

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (msg == ABORT) {
                promise.trySuccess();
                ctx.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
                return;
            }
            ctx.write(msg, promise);
        }
    }

    // ---------------------------------------------------------------- routing

    private Reply dispatch(RecordedRequest r, ExchangeEnd end) {
        String path = r.uri();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (!PATH.equals(path)) {
            return Reply.status(404, "text/plain", "Not Found");
        }
        switch (r.httpMethod()) {
            case "POST":
                return post(r);
            case "GET":
                return get(r, end);
            case "DELETE":
                return delete(r);
            default:
                return Reply.status(405, "text/plain", "Method Not Allowed").header("Allow", "GET, POST, DELETE");
        }
    }

    private Reply post(RecordedRequest r) {
        if (validate) {
            if (!accepts(r, "application/json") || !accepts(r, "text/event-stream")) {
                return jsonStatus(406, Reply.errorMessage(r.id(), JsonRpcError.INVALID_REQUEST,
                        "Not Acceptable: Accept must list application/json and text/event-stream"));
            }
            String contentType = r.header("Content-Type");
            if (contentType == null || !mediaType(contentType).equals("application/json")) {
                return jsonStatus(415, Reply.errorMessage(null, JsonRpcError.INVALID_REQUEST,
                        "Unsupported Media Type: Content-Type must be application/json"));
            }
        }
        JsonNode body = r.body();
        if (body == null) {
            return jsonStatus(400, Reply.errorMessage(null, JsonRpcError.PARSE_ERROR, "Parse error"));
        }
        if (!body.isObject()) {
            return jsonStatus(400, Reply.errorMessage(null, JsonRpcError.INVALID_REQUEST,
                    "Invalid Request: one JSON-RPC message object expected (no batches)"));
        }
        String method = r.jsonRpcMethod();
        boolean initialize = "initialize".equals(method) && r.id() != null;
        Session session = null;
        if (!initialize) {
            Reply refused = checkSession(r);
            if (refused != null) {
                return refused;
            }
            session = liveSession(r.sessionId());
            String version = r.protocolVersion();
            if (validate && version != null && !SUPPORTED_VERSIONS.contains(version)
                    && !version.equals(versionOverride)) {
                return jsonStatus(400, Reply.errorMessage(r.id(), JsonRpcError.INVALID_REQUEST,
                        "Bad Request: unsupported MCP-Protocol-Version " + version));
            }
        }
        if (method == null && !r.isClientResponse()) {
            return jsonStatus(400, Reply.errorMessage(r.id(), JsonRpcError.INVALID_REQUEST, "Invalid Request"));
        }
        return reply(route("POST", method), r, new Exchange(this, r, session, this::defaultPost));
    }

    private Reply get(RecordedRequest r, ExchangeEnd end) {
        if (validate && !accepts(r, "text/event-stream")) {
            return Reply.status(406, "text/plain", "Not Acceptable: Accept must list text/event-stream");
        }
        Reply refused = checkSession(r);
        if (refused != null) {
            return refused;
        }
        Session session = liveSession(r.sessionId());
        Exchange exchange = new Exchange(this, r, session, ex -> {
            Session s = ex.session();
            if (s == null) {
                return jsonStatus(404, Reply.errorMessage(null, SESSION_NOT_FOUND, "Session not found"));
            }
            return Reply.sse(Flux.defer(() -> attach(s, r, end)));
        });
        return reply(route("GET", null), r, exchange);
    }

    private Reply delete(RecordedRequest r) {
        Reply refused = checkSession(r);
        if (refused != null) {
            return refused;
        }
        Session session = liveSession(r.sessionId());
        Exchange exchange = new Exchange(this, r, session, ex -> {
            Session s = ex.session();
            if (s != null) {
                expireSession(s.id);
                streamEnd(s, false);
            }
            return Reply.status(200, null, null);
        });
        return reply(route("DELETE", null), r, exchange);
    }

    private Reply checkSession(RecordedRequest r) {
        if (!validate) {
            return null;
        }
        String id = r.sessionId();
        if (id == null) {
            return jsonStatus(400, Reply.errorMessage(r.id(), JsonRpcError.INVALID_REQUEST,
                    "Bad Request: Mcp-Session-Id header is required"));
        }
        if (liveSession(id) == null) {
            return jsonStatus(404, Reply.errorMessage(r.id(), SESSION_NOT_FOUND, "Session not found"));
        }
        return null;
    }

    private Reply defaultPost(Exchange ex) {
        RecordedRequest r = ex.request();
        if (!r.isJsonRpcRequest()) {
            return Reply.accepted();
        }
        ObjectNode result = McpJson.mapper().createObjectNode();
        switch (r.jsonRpcMethod()) {
            case "initialize": {
                JsonNode params = r.params();
                JsonNode requested = params == null ? null : params.get("protocolVersion");
                String version = versionOverride;
                if (version == null) {
                    version = requested != null && requested.isString() && SUPPORTED_VERSIONS.contains(requested.asString())
                            ? requested.asString()
                            : LATEST_VERSION;
                }
                Session session = newSession(version);
                ex.session(session);
                result.put("protocolVersion", version);
                JsonNode declared = capabilities;
                if (declared != null) {
                    result.set("capabilities", declared.deepCopy());
                } else {
                    result.putObject("capabilities").putObject("tools").put("listChanged", true);
                }
                ObjectNode info = result.putObject("serverInfo");
                info.put("name", "programmable");
                info.put("version", "1.0.0");
                return Reply.result(r.id(), result).header("Mcp-Session-Id", session.id);
            }
            case "ping":
                return Reply.result(r.id(), result);
            case "tools/list": {
                ObjectNode tool = result.putArray("tools").addObject();
                tool.put("name", "echo");
                tool.putObject("inputSchema").put("type", "object");
                return Reply.result(r.id(), result);
            }
            case "tools/call": {
                JsonNode params = r.params();
                JsonNode arguments = params == null ? null : params.get("arguments");
                String text = arguments == null || arguments.isNull() ? "{}"
                        : McpJson.mapper().writeValueAsString(arguments);
                ObjectNode content = result.putArray("content").addObject();
                content.put("type", "text");
                content.put("text", text);
                result.put("isError", false);
                return Reply.result(r.id(), result);
            }
            default:
                return Reply.error(r.id(), JsonRpcError.METHOD_NOT_FOUND, "Method not found: " + r.jsonRpcMethod());
        }
    }

    private static Reply jsonStatus(int status, JsonNode body) {
        return Reply.status(status, "application/json", McpJson.mapper().writeValueAsString(body));
    }

    private static boolean accepts(RecordedRequest r, String mediaType) {
        for (String value : r.headers("Accept")) {
            for (String part : value.split(",")) {
                if (mediaType(part).equals(mediaType)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static String mediaType(String value) {
        int semicolon = value.indexOf(';');
        return (semicolon >= 0 ? value.substring(0, semicolon) : value).trim().toLowerCase(Locale.ROOT);
    }

    // ---------------------------------------------------------------- sessions and streams

    /** {@code action}'s result, computed under the lock. */
    private <T> T locked(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    /** Makes {@code change} under the lock and wakes everyone waiting for a change. */
    private void change(Runnable change) {
        lock.lock();
        try {
            change.run();
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** One session; its stream state is guarded by the server's lock. */
    static final class Session {
        final String id;
        final String protocolVersion;
        final Deque<SseFrame> buffer = new ArrayDeque<>();
        Attachment current;

        Session(String id, String protocolVersion) {
            this.id = id;
            this.protocolVersion = protocolVersion;
        }
    }

    /** A GET response currently serving a session's background stream. */
    static final class Attachment {
        final Sinks.Many<SseFrame> sink = Sinks.many().unicast().onBackpressureBuffer();
        final RecordedRequest request;

        Attachment(RecordedRequest request) {
            this.request = request;
        }
    }

    private Session newSession(String version) {
        Session session = new Session(UUID.randomUUID().toString(), version);
        change(() -> {
            liveSessions.put(session.id, session);
            allSessions.put(session.id, session);
            latest = session;
        });
        return session;
    }

    private Session liveSession(String id) {
        return id == null ? null : locked(() -> liveSessions.get(id));
    }

    private Flux<SseFrame> attach(Session session, RecordedRequest request, ExchangeEnd end) {
        Attachment attachment = new Attachment(request);
        lock.lock();
        try {
            if (!end.beforeEnd(() -> detach(session, attachment))) {
                return Flux.empty(); // the client is already gone: keep the buffer for the next GET
            }
            if (session.current != null) {
                session.current.sink.tryEmitComplete();
            }
            while (!session.buffer.isEmpty()) {
                attachment.sink.tryEmitNext(session.buffer.poll());
            }
            session.current = attachment;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
        return attachment.sink.asFlux();
    }

    private void detach(Session session, Attachment attachment) {
        lock.lock();
        try {
            if (session.current == attachment) {
                session.current = null;
                changed.signalAll();
            }
        } finally {
            lock.unlock();
        }
    }

    void streamSend(Session session, SseFrame frame) {
        lock.lock();
        try {
            Attachment current = session.current;
            if (current != null && current.sink.tryEmitNext(frame).isSuccess()) {
                return;
            }
            if (current != null) { // its subscriber is gone although the end was not seen yet
                session.current = null;
                changed.signalAll();
            }
            session.buffer.add(frame);
        } finally {
            lock.unlock();
        }
    }

    void streamEnd(Session session, boolean abort) {
        lock.lock();
        try {
            Attachment current = session.current;
            if (current == null) {
                return;
            }
            session.current = null;
            if (abort) {
                current.sink.tryEmitError(new IOException("background stream aborted by the test"));
            } else {
                current.sink.tryEmitComplete();
            }
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    RecordedRequest streamRequest(Session session) {
        return locked(() -> session.current == null ? null : session.current.request);
    }

    int streamBuffered(Session session) {
        return locked(session.buffer::size);
    }

    RecordedRequest awaitStream(Supplier<Session> sessions, boolean connected, Duration timeout) {
        long nanos = timeout.toNanos();
        lock.lock();
        try {
            while (true) {
                Session s = sessions.get();
                if (s != null && (s.current != null) == connected) {
                    return connected ? s.current.request : null;
                }
                if (s == null && !connected) {
                    return null;
                }
                if (nanos <= 0) {
                    throw new AssertionError("background stream " + (s == null ? "(no session yet)" : "of " + s.id)
                            + " not " + (connected ? "connected" : "disconnected") + " within " + timeout);
                }
                nanos = changed.awaitNanos(nanos);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } finally {
            lock.unlock();
        }
    }
}
