package dev.mcpclient.bench.micro;

import dev.mcpclient.McpClient;
import dev.mcpclient.ReactiveMcpClient;
import dev.mcpclient.bench.Payloads;
import dev.mcpclient.jsonrpc.JsonRpcCodec;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.transport.McpTransport;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

/**
 * The CPU a call costs above the transport: this library's session and client, on a transport that
 * answers in memory (it encodes the request and decodes a canned response, as the HTTP transport
 * does, on the caller's thread). {@code transportOnly} is the least a caller needs on the same
 * transport (an id map and a sink), so the difference is what the session and the client add.
 *
 * <p>{@code era}: {@code handshake}, a server that refuses {@code server/discover} (method not found)
 * and answers {@code initialize}; {@code modern}, a server that answers {@code server/discover}, so
 * every call carries the revision's {@code _meta} (for {@code transportOnly}: the same params with
 * {@code _meta}, built once, as a floor would send them). {@code reactive} and {@code blocking} detect
 * the era (the default); {@code reactivePinned} is pinned to the era's revision.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CallPathBenchmark {

    private static final JsonNode PARAMS = McpJson.toParams(Payloads.CALL_PARAMS);
    private static final JsonNode MODERN_PARAMS = McpJson.toParams(Payloads.MODERN_CALL_PARAMS);

    /** The era the in-memory server speaks. */
    @Param({"handshake", "modern"})
    public String era;

    private InMemoryTransport transport;
    private McpClient client;
    private ReactiveMcpClient reactive;
    private McpClient pinned;
    private ReactiveMcpClient reactivePinnedClient;
    private JsonNode params;
    private InMemoryTransport bareTransport;
    private final Map<RequestId, Sinks.One<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1);

    @Setup(Level.Trial)
    public void setUp() {
        boolean modern = era.equals("modern");
        transport = new InMemoryTransport(modern);
        client = McpClient.builder(transport).clientInfo("bench", "1.0.0").requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        reactive = client.reactive();
        pinned = McpClient.builder(new InMemoryTransport(modern)).clientInfo("bench", "1.0.0")
                .protocolVersion(modern ? Payloads.MODERN_PROTOCOL_VERSION : Payloads.PROTOCOL_VERSION)
                .requestTimeout(Duration.ofSeconds(30)).build();
        pinned.initialize();
        reactivePinnedClient = pinned.reactive();
        params = modern ? MODERN_PARAMS : PARAMS;
        bareTransport = new InMemoryTransport(modern);
        bareTransport.start(message -> {
            if (message instanceof JsonRpcResponse response) {
                Sinks.One<JsonNode> call = waiting.remove(response.id());
                if (call != null) {
                    call.tryEmitValue(response.result());
                }
            }
        }, cause -> { });
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        client.close();
        pinned.close();
    }

    /** This library's blocking client. */
    @Benchmark
    public CallToolResult blocking() {
        return client.callTool(Payloads.TOOL, Payloads.ARGUMENTS);
    }

    /** This library's reactive client, waited for. */
    @Benchmark
    public CallToolResult reactive() {
        return reactive.callTool(Payloads.TOOL, Payloads.ARGUMENTS).block();
    }

    /** This library's reactive client pinned to the era's revision, waited for. */
    @Benchmark
    public CallToolResult reactivePinned() {
        return reactivePinnedClient.callTool(Payloads.TOOL, Payloads.ARGUMENTS).block();
    }

    /** The transport with an id map and a sink: no session, no timeout, no typed result. */
    @Benchmark
    public JsonNode transportOnly() {
        return Mono.defer(() -> {
            RequestId id = RequestId.of(ids.getAndIncrement());
            Sinks.One<JsonNode> call = Sinks.one();
            waiting.put(id, call);
            return bareTransport.send(new JsonRpcRequest(id, "tools/call", params)).then(call.asMono());
        }).block();
    }

    /**
     * Answers every request at once: encodes it, and hands the session the decoded canned response
     * with the request's id, on the sender's thread: the initialize result for {@code initialize}, for
     * {@code server/discover} a {@code DiscoverResult} (modern) or method not found (handshake), the
     * tool's result for anything else.
     */
    static final class InMemoryTransport implements McpTransport {

        private static final String METHOD_NOT_FOUND = "{\"code\":-32601,\"message\":\"Method not found\"}";

        private final boolean modern;

        InMemoryTransport(boolean modern) {
            this.modern = modern;
        }

        private static final String INITIALIZE_RESULT = "{\"protocolVersion\":\"" + Payloads.PROTOCOL_VERSION
                + "\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"memory\",\"version\":\"1.0.0\"}}";
        private static final String TOOL_RESULT = "{\"content\":[{\"type\":\"text\",\"text\":\""
                + Fixtures.TOOL_RESULT_TEXT + "\"}],\"isError\":false}";
        private static final String MODERN_TOOL_RESULT = "{\"resultType\":\"complete\",\"content\":[{\"type\":\"text\",\"text\":\""
                + Fixtures.TOOL_RESULT_TEXT + "\"}],\"isError\":false}";

        private Consumer<JsonRpcMessage> inbound;
        /** Keeps the encoded bytes reachable so the encoding is not optimized away. */
        volatile int encoded;

        @Override
        public void start(Consumer<JsonRpcMessage> inbound, Consumer<Throwable> connectionLost) {
            this.inbound = inbound;
        }

        @Override
        public Mono<Void> send(JsonRpcMessage message) {
            return Mono.fromRunnable(() -> {
                encoded = JsonRpcCodec.encode(message).length;
                if (message instanceof JsonRpcRequest request) {
                    String answer = switch (request.method()) {
                        case "initialize" -> "\"result\":" + INITIALIZE_RESULT;
                        case "server/discover" -> modern ? "\"result\":" + Payloads.DISCOVER_RESULT : "\"error\":" + METHOD_NOT_FOUND;
                        default -> "\"result\":" + (modern ? MODERN_TOOL_RESULT : TOOL_RESULT);
                    };
                    byte[] response = ("{\"jsonrpc\":\"2.0\",\"id\":" + request.id().value() + "," + answer + "}")
                            .getBytes(StandardCharsets.UTF_8);
                    JsonRpcCodec.decode(response).forEach(inbound);
                }
            });
        }

        @Override
        public Mono<Void> closeGracefully() {
            return Mono.empty();
        }
    }
}
