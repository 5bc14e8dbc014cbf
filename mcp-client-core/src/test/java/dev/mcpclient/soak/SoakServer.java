package dev.mcpclient.soak;

import static dev.mcpclient.support.Messages.json;

import dev.mcpclient.jsonrpc.JsonRpcCodec;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.testserver.Exchange;
import dev.mcpclient.testserver.Handler;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.RecordedRequest;
import dev.mcpclient.testserver.Reply;
import dev.mcpclient.testserver.SseFrame;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One server of the soak on a fixed port, in one era, that can be restarted (closed, its connections
 * cut, and started again on the same port without its sessions), have its sessions expired, or go
 * through a broken phase in which it answers 503 with an HTML page. Its {@code tools/call} answers
 * follow each call's {@link CallPlan}.
 *
 * <p>The handshake-era server (2025-11-25) is {@link ProgrammableMcpServer}'s default, validating
 * every request and keeping sessions. The stateless one (2026-07-28) answers {@code server/discover},
 * refuses {@code initialize} the way a modern-only server does, and keeps nothing between requests.
 */
final class SoakServer implements AutoCloseable {

    private static final String DISCOVERED = """
            {"resultType":"complete","supportedVersions":["2026-07-28"],"ttlMs":0,"cacheScope":"public",
             "capabilities":{"tools":{"listChanged":true}},
             "_meta":{"io.modelcontextprotocol/serverInfo":{"name":"soak-modern","version":"1.0"}}}""";
    private static final String TOOLS = """
            {"resultType":"complete","ttlMs":0,"cacheScope":"public",
             "tools":[{"name":"echo","inputSchema":{"type":"object"}}]}""";
    private static final String SAMPLING_ROUND = """
            {"resultType":"input_required","inputRequests":{"ask":{"method":"sampling/createMessage",
             "params":{"messages":[{"role":"user","content":{"type":"text","text":"go on?"}}],"maxTokens":5}}}}""";
    private static final String BROKEN_PAGE = "<!DOCTYPE html><html><head><title>503 Service Unavailable</title>"
            + "</head><body><h1>Service Unavailable</h1><p>The server is temporarily unable to service your request."
            + "</p></body></html>";
    private static final String ERROR_PAGE = "<!DOCTYPE html><html><head><title>500 Internal Server Error</title>"
            + "</head><body><h1>Internal Server Error</h1></body></html>";

    final int index;
    final boolean modern;
    private final long seed;
    private final int port;
    private volatile ProgrammableMcpServer current;
    private volatile long brokenUntil = Long.MIN_VALUE;
    final Troubles troubles = new Troubles();

    /** 2025-11-25 {@link Fault#DROP_RECOVERED}: the id of each cut call's request, for its resumption. */
    private final Map<Long, RequestId> resumable = new ConcurrentHashMap<>();
    /** 2026-07-28 {@link Fault#DROP_RECOVERED}: how many times each call was sent. */
    private final Map<Long, AtomicInteger> attempts = new ConcurrentHashMap<>();

    final AtomicLong restarts = new AtomicLong();
    final AtomicLong expiries = new AtomicLong();
    final AtomicLong brokenPhases = new AtomicLong();
    final AtomicLong brokenAnswers = new AtomicLong();
    /** Exchanges a server instance still had open after it was closed (must stay empty). */
    final List<String> openAfterClose = new CopyOnWriteArrayList<>();
    /** Errors of the handlers of every instance (must stay empty). */
    final List<Throwable> handlerErrors = new CopyOnWriteArrayList<>();

    private SoakServer(int index, boolean modern, long seed) {
        this.index = index;
        this.modern = modern;
        this.seed = seed;
        this.current = program(ProgrammableMcpServer.start());
        this.port = current.port();
    }

    static SoakServer start(int index, boolean modern, long seed) {
        return new SoakServer(index, modern, seed);
    }

    String url() {
        return "http://127.0.0.1:" + port + ProgrammableMcpServer.PATH;
    }

    String name() {
        return "server " + index + " (" + (modern ? "2026-07-28" : "2025-11-25") + ", port " + port + ")";
    }

    /** Connections open to the server now (none while it is down). */
    int openConnections() {
        ProgrammableMcpServer server = current;
        return server == null ? 0 : server.openConnections();
    }

    /**
     * The exchanges of the running instance still open after waiting at most {@code timeout}, besides
     * the background streams (a {@code GET} without {@code Last-Event-ID}), which live as long as their
     * session.
     */
    List<RecordedRequest> awaitExchangesEndedBesidesStreams(Duration timeout) {
        ProgrammableMcpServer server = current;
        if (server == null) {
            return List.of();
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        List<RecordedRequest> open = new ArrayList<>();
        for (RecordedRequest r : server.requests()) {
            if (isBackgroundStream(r)) {
                continue;
            }
            try {
                r.awaitClosed(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            } catch (AssertionError stillOpen) {
                open.add(r);
            }
        }
        return open;
    }

    /** How many background streams are open now. */
    long openStreams() {
        ProgrammableMcpServer server = current;
        return server == null ? 0 : server.requests().stream().filter(SoakServer::isBackgroundStream)
                .filter(r -> !r.isClosed()).count();
    }

    private static boolean isBackgroundStream(RecordedRequest r) {
        return "GET".equals(r.httpMethod()) && r.lastEventId() == null;
    }

    /** The exchanges of the running instance still open after waiting at most {@code timeout}. */
    List<RecordedRequest> awaitExchangesEnded(Duration timeout) {
        ProgrammableMcpServer server = current;
        return server == null ? List.of() : server.awaitExchangesEnded(timeout);
    }

    // ------------------------------------------------------------------ troubles

    /** Closes the server (cutting every connection), keeps it down for {@code downtime}, starts it again on its port. */
    void restart(Duration downtime) throws InterruptedException {
        Troubles.Span span = troubles.begin(TroubleSchedule.Kind.RESTART);
        ProgrammableMcpServer old = current;
        current = null;
        try {
            retire(old);
            Thread.sleep(downtime.toMillis()); // the outage itself, not an ordering of events
            current = program(startOnPort());
            restarts.incrementAndGet();
        } finally {
            troubles.end(span);
        }
    }

    /** Forgets every session (2025-11-25): the next request of each client gets 404. */
    void expireSessions() {
        troubles.instant(TroubleSchedule.Kind.EXPIRE_SESSIONS);
        ProgrammableMcpServer server = current;
        if (server != null) {
            server.expireSessions();
            expiries.incrementAndGet();
        }
    }

    /** Answers every request it can with a 503 HTML page for {@code window}. */
    void breakFor(Duration window) throws InterruptedException {
        Troubles.Span span = troubles.begin(TroubleSchedule.Kind.BROKEN_PHASE);
        try {
            brokenUntil = System.nanoTime() + window.toNanos();
            brokenPhases.incrementAndGet();
            Thread.sleep(window.toMillis()); // the phase itself
        } finally {
            troubles.end(span);
        }
    }

    @Override
    public void close() {
        ProgrammableMcpServer server = current;
        current = null;
        if (server != null) {
            retire(server);
        }
    }

    private void retire(ProgrammableMcpServer server) {
        server.close();
        for (RecordedRequest open : server.awaitExchangesEnded(Duration.ofSeconds(10))) {
            openAfterClose.add(name() + ": " + open);
        }
        handlerErrors.addAll(server.handlerErrors());
    }

    private ProgrammableMcpServer startOnPort() throws InterruptedException {
        RuntimeException last = null;
        for (int attempt = 0; attempt < 20; attempt++) {
            try {
                return ProgrammableMcpServer.start(port);
            } catch (RuntimeException e) { // the port not free again yet
                last = e;
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("could not start " + name() + " again on its port", last);
    }

    // ------------------------------------------------------------------ behaviour

    private boolean broken() {
        return System.nanoTime() < brokenUntil;
    }

    /** {@code handler}, or the broken phase's 503 page while it lasts. */
    private Handler unlessBroken(Handler handler) {
        return (req, ex) -> {
            if (broken()) {
                brokenAnswers.incrementAndGet();
                return Reply.status(503, "text/html", BROKEN_PAGE).header("Retry-After", "1");
            }
            return handler.handle(req, ex);
        };
    }

    private ProgrammableMcpServer program(ProgrammableMcpServer server) {
        server.onPost("tools/call", unlessBroken(this::call));
        if (modern) {
            server.validate(false);
            server.onPost("server/discover", unlessBroken((req, ex) -> Reply.result(req.id(), json(DISCOVERED))));
            server.onPost("initialize", (req, ex) -> Reply.status(400, "application/json", unsupportedVersion(req)));
            server.onPost("tools/list", unlessBroken((req, ex) -> Reply.result(req.id(), json(TOOLS))));
        } else {
            server.onPost("initialize", unlessBroken((req, ex) -> ex.defaultReply()));
            server.onPost("tools/list", unlessBroken((req, ex) -> ex.defaultReply()));
            server.onGet(unlessBroken(this::get));
        }
        return server;
    }

    private static String unsupportedVersion(RecordedRequest req) {
        return "{\"jsonrpc\":\"2.0\",\"id\":" + req.id().toJson() + ",\"error\":{\"code\":-32022,"
                + "\"message\":\"Unsupported protocol version\",\"data\":{\"supported\":[\"2026-07-28\"]}}}";
    }

    private Reply get(RecordedRequest req, Exchange ex) {
        String last = req.lastEventId();
        if (last == null || !last.startsWith("c")) {
            return ex.defaultReply(); // the background stream
        }
        long n = Long.parseLong(last.substring(1, last.indexOf('-')));
        RequestId id = resumable.remove(n);
        if (id == null) {
            return Reply.status(400, "text/plain", "unknown event id " + last);
        }
        return Reply.sse(Flux.just(SseFrame.message("c" + n + "-1", result(id, CallPlan.of(seed, n)))));
    }

    private Reply call(RecordedRequest req, Exchange ex) {
        JsonNode arguments = req.params().path("arguments");
        if (!arguments.has("n")) {
            return Reply.json(result(req.id(), "no call number"));
        }
        long n = arguments.path("n").asLong();
        CallPlan plan = CallPlan.of(seed, n);
        RequestId id = req.id();
        switch (plan.fault()) {
            case OK_JSON:
                return Reply.json(result(id, plan));
            case OK_SSE:
                return Reply.sse(Flux.just(SseFrame.message(null, result(id, plan))));
            case SLOW:
                return Reply.deferred(Mono.delay(Duration.ofMillis(plan.delayMillis()))
                        .thenReturn(Reply.json(result(id, plan))));
            case TIMEOUT:
                if (plan.late()) {
                    return Reply.deferred(Mono.delay(plan.callTimeout().plusMillis(300))
                            .thenReturn(Reply.json(result(id, plan))));
                }
                return Reply.deferred(Mono.never());
            case DROP_RECOVERED:
                if (modern) {
                    int attempt = attempts.computeIfAbsent(n, k -> new AtomicInteger()).incrementAndGet();
                    if (attempt == 1) {
                        return cut();
                    }
                    attempts.remove(n);
                    return Reply.json(result(id, plan));
                }
                resumable.put(n, id);
                return Reply.sse(Flux.concat(Flux.just(SseFrame.priming("c" + n + "-0", 50L)),
                        Flux.error(new IOException("cut by the soak"))));
            case DROP_LOST:
                return cut();
            case MALFORMED_JSON:
                return Reply.status(200, "application/json",
                        "{\"jsonrpc\":\"2.0\",\"id\":" + id.toJson() + ",\"result\":{\"content\":[{\"type\":\"te");
            case MALFORMED_SSE:
                return Reply.sse(Flux.just(SseFrame.event(null, null, "{\"jsonrpc\":\"2.0\",\"id\":" + id.toJson() + ",\"resu"),
                        SseFrame.message(null, result(id, plan))));
            case HTML_ERROR:
                return Reply.status(500, "text/html", ERROR_PAGE);
            case WRONG_CONTENT_TYPE:
                return Reply.status(200, "text/html", "<html><body><p>" + plan.resultText() + "</p></body></html>");
            case RESET:
                return Reply.reset();
            case RPC_ERROR:
                return Reply.error(id, Fault.rpcErrorCode(n), "planned failure of call " + n);
            case STRAY_RESPONSE:
                return Reply.sse(Flux.just(
                        SseFrame.message(null, result(RequestId.of("stray-" + n), "stray")),
                        SseFrame.message(null, result(id, plan))));
            case INPUT_ROUND:
            default:
                if (modern && !req.params().has("inputResponses")) {
                    return Reply.result(id, json(SAMPLING_ROUND));
                }
                return Reply.json(result(id, plan));
        }
    }

    /** A response stream cut after a comment, without an event id: nothing to resume. */
    private static Reply cut() {
        return Reply.sse(Flux.concat(Flux.just(SseFrame.comment("working")), Flux.error(new IOException("cut by the soak"))));
    }

    private JsonNode result(RequestId id, CallPlan plan) {
        return result(id, plan.resultText());
    }

    private JsonNode result(RequestId id, String text) {
        ObjectNode result = McpJson.mapper().createObjectNode();
        if (modern) {
            result.put("resultType", "complete");
        }
        ObjectNode block = result.putArray("content").addObject();
        block.put("type", "text");
        block.put("text", text);
        result.put("isError", false);
        return JsonRpcCodec.toTree(JsonRpcResponse.result(id, result));
    }

    @Override
    public String toString() {
        return name();
    }

    /** The names of {@code servers}, for messages. */
    static List<String> names(List<SoakServer> servers) {
        List<String> names = new ArrayList<>();
        servers.forEach(s -> names.add(s.name()));
        return names;
    }
}
