package dev.mcpclient.bench;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.resources.LoopResources;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The loopback MCP server every contender talks to: Streamable HTTP on Reactor Netty, 127.0.0.1, an
 * ephemeral port, its own event-loop threads (named {@value #THREAD_PREFIX}, so that allocation
 * measurements can leave them out).
 *
 * <p>One server, one endpoint per way of answering {@code tools/call}:
 * <ul>
 *   <li>{@code /json}: a JSON body;</li>
 *   <li>{@code /sse}: an SSE stream with one progress notification, then the response (two flushed
 *       writes), then the end of the stream;</li>
 *   <li>{@code /seed}: the seed's race. The POST stream carries only a priming event (an id and
 *       {@code retry: 0}) and ends; the response then goes out on the session's background GET
 *       stream, stamped with {@link System#nanoTime()} taken just before it is handed to that
 *       stream; a resumption GET ({@code Last-Event-ID}) is held open with nothing;</li>
 *   <li>{@code /hold}: while {@linkplain #hold() holding}, answers nothing until {@link #release()}.</li>
 * </ul>
 * {@code initialize} opens a session ({@code Mcp-Session-Id}); other requests need it (400 without,
 * 404 for an unknown one): so {@code server/discover}, which comes without a session, gets a 400, the
 * way a server of the handshake era answers it. Notifications and client responses get 202. GET opens
 * the session's background stream; DELETE ends the session.
 *
 * <p>The same answers in the modern era (MCP 2026-07-28, stateless) on {@code /modern-json} and
 * {@code /modern-sse}: no session and no handshake. {@code server/discover} is answered with a
 * {@code DiscoverResult} ({@link Payloads#DISCOVER_RESULT}), {@code tools/call} as on {@code /json} and
 * {@code /sse}. Every request there must carry the revision in {@code _meta}
 * ({@code io.modelcontextprotocol/protocolVersion}; else HTTP 400 with {@code UnsupportedProtocolVersionError},
 * -32022, which is how {@code initialize} is refused) and the headers that mirror its body
 * ({@code MCP-Protocol-Version}, {@code Mcp-Method}, {@code Mcp-Name} for {@code tools/call}; else HTTP
 * 400 with {@code HeaderMismatch}, -32020), so no contender can send less than a modern request. GET
 * and DELETE get 405: there is no session and no background stream.
 *
 * <p>The server counts what it receives, per endpoint and JSON-RPC method ({@link #received}; GET and
 * DELETE under their HTTP method), and, when asked to ({@link #recording}), keeps every POST's headers
 * and body. Control endpoints for a server in another process:
 * {@code GET /control/held}, {@code POST /control/hold}, {@code POST /control/release}.
 */
public final class BenchServer implements AutoCloseable {

    /** The prefix of the server's thread names. */
    public static final String THREAD_PREFIX = "bench-server";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String SESSION_ID = "Mcp-Session-Id";
    private static final String PROTOCOL_VERSION_HEADER = "MCP-Protocol-Version";
    private static final String METHOD_HEADER = "Mcp-Method";
    private static final String NAME_HEADER = "Mcp-Name";
    private static final String PROTOCOL_VERSION_META = "io.modelcontextprotocol/protocolVersion";
    private static final String EVENT_STREAM = "text/event-stream";
    private static final String JSON = "application/json";
    private static final String TOOLS_LIST_RESULT = "{\"tools\":[{\"name\":\"search\",\"description\":"
            + "\"Searches the index\",\"inputSchema\":{\"type\":\"object\",\"properties\":{\"query\":{\"type\":\"string\"},"
            + "\"limit\":{\"type\":\"integer\"},\"filters\":{\"type\":\"object\"}},\"required\":[\"query\"]}}]}";

    private final LoopResources loops;
    private final DisposableServer server;
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final AtomicLong eventIds = new AtomicLong();
    private final Queue<Sinks.One<String>> held = new ConcurrentLinkedQueue<>();
    private final AtomicInteger heldCount = new AtomicInteger();
    private final AtomicLong connections = new AtomicLong();
    /** What each endpoint received, by JSON-RPC method (or HTTP method for GET and DELETE). */
    private final Map<String, Map<String, LongAdder>> received = new ConcurrentHashMap<>();
    private final Queue<Received> recorded = new ConcurrentLinkedQueue<>();
    private volatile boolean recording;
    private volatile boolean holding;

    private BenchServer(int port, int workers) {
        this.loops = LoopResources.create(THREAD_PREFIX, 1, workers, true);
        this.server = HttpServer.create()
                .runOn(loops)
                .host("127.0.0.1")
                .port(port)
                .option(ChannelOption.SO_BACKLOG, 8192)
                .doOnChannelInit((observer, channel, address) -> connections.incrementAndGet())
                .handle(this::serve)
                .bindNow(Duration.ofSeconds(10));
    }

    /** A server on an ephemeral port with {@code workers} event-loop threads. */
    public static BenchServer start(int workers) {
        return new BenchServer(0, workers);
    }

    /** {@code http://127.0.0.1:<port>}. */
    public String baseUrl() {
        return "http://127.0.0.1:" + server.port();
    }

    /** The port. */
    public int port() {
        return server.port();
    }

    /** From now on, {@code /hold} answers nothing until {@link #release()}. */
    public void hold() {
        holding = true;
    }

    /** Answers every held call and stops holding. */
    public void release() {
        holding = false;
        Sinks.One<String> sink;
        while ((sink = held.poll()) != null) {
            heldCount.decrementAndGet();
            sink.tryEmitValue(Payloads.TOOL_RESULT);
        }
    }

    /** How many connections the server accepted so far. */
    public long connectionsAccepted() {
        return connections.get();
    }

    /**
     * How many messages the endpoint named {@code mode} ({@code json}, {@code modern-json}, ...) received
     * so far, by JSON-RPC method ({@code (response)} for a client's response), and GET and DELETE requests
     * by their HTTP method.
     */
    public Map<String, Long> received(String mode) {
        Map<String, Long> out = new java.util.TreeMap<>();
        received.getOrDefault(mode, Map.of()).forEach((method, count) -> out.put(method, count.sum()));
        return out;
    }

    /** Forgets what every endpoint received so far. */
    public void resetReceived() {
        received.clear();
        recorded.clear();
    }

    /** From now on ({@code true}), keeps every POST's headers and body ({@link #recorded()}); for tests. */
    public BenchServer recording(boolean on) {
        recording = on;
        return this;
    }

    /** The POSTs kept since {@link #recording} was switched on, in the order they arrived. */
    public java.util.List<Received> recorded() {
        return java.util.List.copyOf(recorded);
    }

    /**
     * One POST as the server received it.
     *
     * @param mode the endpoint's name
     * @param headers the request's headers, names as sent (only the last value of a repeated one)
     * @param body the body as text
     */
    public record Received(String mode, Map<String, String> headers, String body) {
    }

    /** How many calls are held now. */
    public int heldCount() {
        return heldCount.get();
    }

    @Override
    public void close() {
        sessions.values().forEach(Session::end);
        server.disposeNow(Duration.ofSeconds(5));
        loops.disposeLater(Duration.ZERO, Duration.ofSeconds(5)).block(Duration.ofSeconds(10));
    }

    // ------------------------------------------------------------------ serving

    private Publisher<Void> serve(HttpServerRequest request, HttpServerResponse response) {
        String path = request.uri();
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        if (path.startsWith("/control/")) {
            return control(path, request, response);
        }
        String mode = path.length() > 1 ? path.substring(1) : "";
        boolean modern = Era.of(mode) == Era.MODERN;
        String answer = Era.answer(mode);
        if (!answer.equals("json") && !answer.equals("sse") && (modern || !answer.equals("seed") && !answer.equals("hold"))) {
            return response.status(HttpResponseStatus.NOT_FOUND).send();
        }
        String method = request.method().name();
        if (!method.equals("POST")) {
            count(mode, method);
        }
        switch (method) {
            case "POST":
                return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
                        .flatMap(body -> {
                            if (recording) {
                                record(mode, request, body);
                            }
                            return modern ? postModern(mode, answer, body, request, response)
                                    : post(mode, body, request, response);
                        });
            case "GET":
                return modern ? response.status(HttpResponseStatus.METHOD_NOT_ALLOWED).send() : get(request, response);
            case "DELETE":
                return modern ? response.status(HttpResponseStatus.METHOD_NOT_ALLOWED).send() : delete(request, response);
            default:
                return response.status(HttpResponseStatus.METHOD_NOT_ALLOWED).send();
        }
    }

    private void count(String mode, String method) {
        Map<String, LongAdder> counts = received.get(mode);
        if (counts == null) {
            counts = received.computeIfAbsent(mode, m -> new ConcurrentHashMap<>());
        }
        LongAdder count = counts.get(method);
        if (count == null) {
            count = counts.computeIfAbsent(method, m -> new LongAdder());
        }
        count.increment();
    }

    private void record(String mode, HttpServerRequest request, byte[] body) {
        Map<String, String> headers = new java.util.LinkedHashMap<>();
        request.requestHeaders().forEach(h -> headers.put(h.getKey(), h.getValue()));
        recorded.add(new Received(mode, headers, new String(body, StandardCharsets.UTF_8)));
    }

    /** The message's JSON-RPC method as counted: {@code (response)} for a client's response, {@code (invalid)} for no message. */
    private static String counted(JsonNode message) {
        if (message == null) {
            return "(invalid)";
        }
        JsonNode method = message.get("method");
        return method == null ? "(response)" : method.asString();
    }

    private Mono<Void> post(String mode, byte[] body, HttpServerRequest request, HttpServerResponse response) {
        JsonNode message;
        try {
            message = MAPPER.readTree(body);
        } catch (RuntimeException e) {
            count(mode, "(invalid)");
            return response.status(HttpResponseStatus.BAD_REQUEST).send().then();
        }
        count(mode, counted(message));
        JsonNode methodNode = message.get("method");
        JsonNode idNode = message.get("id");
        String method = methodNode == null ? null : methodNode.asString();
        if ("initialize".equals(method)) {
            return initialize(message, idNode.toString(), response);
        }
        String sid = request.requestHeaders().get(SESSION_ID);
        if (sid == null) {
            return response.status(HttpResponseStatus.BAD_REQUEST).send().then();
        }
        Session session = sessions.get(sid);
        if (session == null) {
            return response.status(HttpResponseStatus.NOT_FOUND).send().then();
        }
        if (method == null || idNode == null) {
            // a notification, or the client's response to a server request
            return response.status(HttpResponseStatus.ACCEPTED).send().then();
        }
        String id = idNode.toString();
        switch (method) {
            case "tools/call":
                return toolsCall(mode, message, id, session, response, Payloads.TOOL_RESULT);
            case "ping":
                return json(response, Payloads.response(id, "{}"));
            case "tools/list":
                return json(response, Payloads.response(id, TOOLS_LIST_RESULT));
            default:
                return json(response, "{\"jsonrpc\":\"2.0\",\"id\":" + id
                        + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
        }
    }

    /**
     * A POST to an endpoint of the modern era: no session; the revision in {@code _meta} and the headers
     * that mirror the body are checked; {@code server/discover} and {@code tools/call} answered.
     */
    private Mono<Void> postModern(String mode, String answer, byte[] body, HttpServerRequest request,
            HttpServerResponse response) {
        JsonNode message;
        try {
            message = MAPPER.readTree(body);
        } catch (RuntimeException e) {
            count(mode, "(invalid)");
            return response.status(HttpResponseStatus.BAD_REQUEST).send().then();
        }
        count(mode, counted(message));
        JsonNode methodNode = message.get("method");
        JsonNode idNode = message.get("id");
        if (methodNode == null || idNode == null) {
            // a notification, or the client's response to a server request
            return response.status(HttpResponseStatus.ACCEPTED).send().then();
        }
        String method = methodNode.asString();
        String id = idNode.toString();
        JsonNode params = message.path("params");
        String version = params.path("_meta").path(PROTOCOL_VERSION_META).asString(null);
        if (!Payloads.MODERN_PROTOCOL_VERSION.equals(version)) {
            // initialize (or any request without the revision): refused the way a server of this era only refuses it
            return error(response, id, -32022, "Unsupported protocol version",
                    "{\"supported\":[\"" + Payloads.MODERN_PROTOCOL_VERSION + "\"]}");
        }
        io.netty.handler.codec.http.HttpHeaders headers = request.requestHeaders();
        String name = method.equals("tools/call") ? params.path("name").asString(null) : null;
        if (!version.equals(headers.get(PROTOCOL_VERSION_HEADER)) || !method.equals(headers.get(METHOD_HEADER))
                || name != null && !name.equals(headers.get(NAME_HEADER))) {
            return error(response, id, -32020, "Header mismatch", null);
        }
        switch (method) {
            case "server/discover":
                return json(response, Payloads.response(id, Payloads.DISCOVER_RESULT));
            case "tools/call":
                return toolsCall(answer, message, id, null, response, Payloads.MODERN_TOOL_RESULT);
            case "tools/list":
                return json(response, Payloads.response(id, TOOLS_LIST_RESULT));
            default:
                return json(response, "{\"jsonrpc\":\"2.0\",\"id\":" + id
                        + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
        }
    }

    /** HTTP 400 with a JSON-RPC error for request {@code id}. */
    private static Mono<Void> error(HttpServerResponse response, String id, int code, String message, String data) {
        response.status(HttpResponseStatus.BAD_REQUEST);
        return json(response, "{\"jsonrpc\":\"2.0\",\"id\":" + id + ",\"error\":{\"code\":" + code
                + ",\"message\":\"" + message + "\"" + (data == null ? "" : ",\"data\":" + data) + "}}");
    }

    private Mono<Void> initialize(JsonNode message, String id, HttpServerResponse response) {
        JsonNode asked = message.path("params").path("protocolVersion");
        String version = asked.isString() && (asked.asString().equals("2025-11-25")
                || asked.asString().equals("2025-06-18") || asked.asString().equals("2025-03-26"))
                ? asked.asString() : Payloads.PROTOCOL_VERSION;
        String sid = UUID.randomUUID().toString();
        sessions.put(sid, new Session());
        response.header(SESSION_ID, sid);
        return json(response, Payloads.response(id, "{\"protocolVersion\":\"" + version
                + "\",\"capabilities\":{\"tools\":{\"listChanged\":false}},"
                + "\"serverInfo\":{\"name\":\"bench-server\",\"version\":\"1.0.0\"}}"));
    }

    private Mono<Void> toolsCall(String answer, JsonNode message, String id, Session session, HttpServerResponse response,
            String result) {
        switch (answer) {
            case "json":
                return json(response, Payloads.response(id, result));
            case "sse": {
                JsonNode token = message.path("params").path("_meta").path("progressToken");
                String progress = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":"
                        + (token.isMissingNode() ? id : token.toString())
                        + ",\"progress\":1,\"total\":2,\"message\":\"searching\"}}";
                sse(response);
                // hide(): a scalar source would be sent as the whole (Content-Length) body. Each send is flushed.
                return response.sendString(Flux.just(Payloads.event(eventIds.incrementAndGet(), progress)).hide())
                        .then(response.sendString(Flux.just(
                                Payloads.event(eventIds.incrementAndGet(), Payloads.response(id, result))).hide()))
                        .then();
            }
            case "seed": {
                sse(response);
                String priming = "id: " + eventIds.incrementAndGet() + "\nretry: 0\ndata: \n\n";
                return response.sendString(Mono.just(priming)).then()
                        .doOnSuccess(v -> session.emit(() -> Payloads.event(eventIds.incrementAndGet(),
                                Payloads.response(id, "{\"content\":[{\"type\":\"text\",\"text\":\"t="
                                        + System.nanoTime() + "\"}],\"isError\":false}"))));
            }
            default: { // hold
                if (!holding) {
                    return json(response, Payloads.response(id, Payloads.TOOL_RESULT));
                }
                Sinks.One<String> sink = Sinks.one();
                held.add(sink);
                heldCount.incrementAndGet();
                if (!holding) {
                    release();
                }
                response.header(HttpHeaderNames.CONTENT_TYPE, JSON);
                return response.sendString(sink.asMono().map(value -> Payloads.response(id, value))).then();
            }
        }
    }

    private Mono<Void> get(HttpServerRequest request, HttpServerResponse response) {
        String sid = request.requestHeaders().get(SESSION_ID);
        Session session = sid == null ? null : sessions.get(sid);
        if (session == null) {
            return response.status(sid == null ? HttpResponseStatus.BAD_REQUEST : HttpResponseStatus.NOT_FOUND)
                    .send().then();
        }
        sse(response);
        if (request.requestHeaders().contains("Last-Event-ID")) {
            // A resumption: held open with nothing, as in the seed.
            return response.sendString(Flux.just(": resumed\n\n").concatWith(Flux.never())).then();
        }
        return response.sendString(Flux.just(": open\n\n").concatWith(session.openBackground())).then();
    }

    private Mono<Void> delete(HttpServerRequest request, HttpServerResponse response) {
        String sid = request.requestHeaders().get(SESSION_ID);
        Session session = sid == null ? null : sessions.remove(sid);
        if (session == null) {
            return response.status(HttpResponseStatus.NOT_FOUND).send().then();
        }
        session.end();
        return response.status(HttpResponseStatus.OK).send().then();
    }

    private Publisher<Void> control(String path, HttpServerRequest request, HttpServerResponse response) {
        switch (path) {
            case "/control/held":
                return response.sendString(Mono.just(Integer.toString(heldCount())));
            case "/control/hold":
                hold();
                return response.sendString(Mono.just("holding"));
            case "/control/release":
                release();
                return response.sendString(Mono.just("released"));
            default:
                return response.status(HttpResponseStatus.NOT_FOUND).send();
        }
    }

    private static Mono<Void> json(HttpServerResponse response, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        return response.header(HttpHeaderNames.CONTENT_TYPE, JSON)
                .header(HttpHeaderNames.CONTENT_LENGTH, Integer.toString(bytes.length))
                .sendByteArray(Mono.just(bytes)).then();
    }

    private static void sse(HttpServerResponse response) {
        response.header(HttpHeaderNames.CONTENT_TYPE, EVENT_STREAM).header(HttpHeaderNames.CACHE_CONTROL, "no-cache");
    }

    /** One session: its background stream (buffered until the client opens it). */
    private static final class Session {
        private final AtomicReference<Background> background = new AtomicReference<>(new Background());

        Flux<String> openBackground() {
            Background current = background.get();
            if (!current.taken.compareAndSet(false, true)) {
                Background fresh = new Background();
                fresh.taken.set(true);
                background.set(fresh);
                current = fresh;
            }
            return current.sink.asFlux();
        }

        void emit(java.util.function.Supplier<String> event) {
            Background current = background.get();
            synchronized (current) {
                current.sink.tryEmitNext(event.get());
            }
        }

        void end() {
            Background current = background.get();
            synchronized (current) {
                current.sink.tryEmitComplete();
            }
        }
    }

    private static final class Background {
        final Sinks.Many<String> sink = Sinks.many().unicast().onBackpressureBuffer();
        final AtomicBoolean taken = new AtomicBoolean();
    }

    /**
     * Runs a server in this process for a client in another: prints {@code LISTENING <port>}, then
     * serves until its standard input ends (the parent closed it or died).
     */
    public static void main(String[] args) throws Exception {
        int workers = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        BenchServer server = new BenchServer(0, workers);
        System.out.println("LISTENING " + server.port());
        System.out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        while (in.readLine() != null) {
            // wait for EOF
        }
        server.close();
    }
}
