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
 * 404 for an unknown one). Notifications and client responses get 202. GET opens the session's
 * background stream; DELETE ends the session. Control endpoints for a server in another process:
 * {@code GET /control/held}, {@code POST /control/hold}, {@code POST /control/release}.
 */
public final class BenchServer implements AutoCloseable {

    /** The prefix of the server's thread names. */
    public static final String THREAD_PREFIX = "bench-server";

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String SESSION_ID = "Mcp-Session-Id";
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
        if (!mode.equals("json") && !mode.equals("sse") && !mode.equals("seed") && !mode.equals("hold")) {
            return response.status(HttpResponseStatus.NOT_FOUND).send();
        }
        switch (request.method().name()) {
            case "POST":
                return request.receive().aggregate().asByteArray().defaultIfEmpty(new byte[0])
                        .flatMap(body -> post(mode, body, request, response));
            case "GET":
                return get(request, response);
            case "DELETE":
                return delete(request, response);
            default:
                return response.status(HttpResponseStatus.METHOD_NOT_ALLOWED).send();
        }
    }

    private Mono<Void> post(String mode, byte[] body, HttpServerRequest request, HttpServerResponse response) {
        JsonNode message;
        try {
            message = MAPPER.readTree(body);
        } catch (RuntimeException e) {
            return response.status(HttpResponseStatus.BAD_REQUEST).send().then();
        }
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
                return toolsCall(mode, message, id, session, response);
            case "ping":
                return json(response, Payloads.response(id, "{}"));
            case "tools/list":
                return json(response, Payloads.response(id, TOOLS_LIST_RESULT));
            default:
                return json(response, "{\"jsonrpc\":\"2.0\",\"id\":" + id
                        + ",\"error\":{\"code\":-32601,\"message\":\"Method not found\"}}");
        }
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

    private Mono<Void> toolsCall(String mode, JsonNode message, String id, Session session, HttpServerResponse response) {
        switch (mode) {
            case "json":
                return json(response, Payloads.response(id, Payloads.TOOL_RESULT));
            case "sse": {
                JsonNode token = message.path("params").path("_meta").path("progressToken");
                String progress = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/progress\",\"params\":{\"progressToken\":"
                        + (token.isMissingNode() ? id : token.toString())
                        + ",\"progress\":1,\"total\":2,\"message\":\"searching\"}}";
                sse(response);
                // hide(): a scalar source would be sent as the whole (Content-Length) body. Each send is flushed.
                return response.sendString(Flux.just(Payloads.event(eventIds.incrementAndGet(), progress)).hide())
                        .then(response.sendString(Flux.just(
                                Payloads.event(eventIds.incrementAndGet(), Payloads.response(id, Payloads.TOOL_RESULT))).hide()))
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
                return response.sendString(sink.asMono().map(result -> Payloads.response(id, result))).then();
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
