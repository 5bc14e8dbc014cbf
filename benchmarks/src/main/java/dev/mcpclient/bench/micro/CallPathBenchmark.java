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
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class CallPathBenchmark {

    private static final JsonNode PARAMS = McpJson.toParams(Payloads.CALL_PARAMS);

    private InMemoryTransport transport;
    private McpClient client;
    private ReactiveMcpClient reactive;
    private InMemoryTransport bareTransport;
    private final Map<RequestId, Sinks.One<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1);

    @Setup(Level.Trial)
    public void setUp() {
        transport = new InMemoryTransport();
        client = McpClient.builder(transport).clientInfo("bench", "1.0.0").requestTimeout(Duration.ofSeconds(30)).build();
        client.initialize();
        reactive = client.reactive();
        bareTransport = new InMemoryTransport();
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

    /** The transport with an id map and a sink: no session, no timeout, no typed result. */
    @Benchmark
    public JsonNode transportOnly() {
        return Mono.defer(() -> {
            RequestId id = RequestId.of(ids.getAndIncrement());
            Sinks.One<JsonNode> call = Sinks.one();
            waiting.put(id, call);
            return bareTransport.send(new JsonRpcRequest(id, "tools/call", PARAMS)).then(call.asMono());
        }).block();
    }

    /**
     * Answers every request at once: encodes it, and hands the session the decoded canned response
     * with the request's id (the initialize result for {@code initialize}), on the sender's thread.
     */
    static final class InMemoryTransport implements McpTransport {

        private static final String INITIALIZE_RESULT = "{\"protocolVersion\":\"" + Payloads.PROTOCOL_VERSION
                + "\",\"capabilities\":{\"tools\":{}},\"serverInfo\":{\"name\":\"memory\",\"version\":\"1.0.0\"}}";
        private static final String TOOL_RESULT = "{\"content\":[{\"type\":\"text\",\"text\":\""
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
                    String result = request.method().equals("initialize") ? INITIALIZE_RESULT : TOOL_RESULT;
                    byte[] response = ("{\"jsonrpc\":\"2.0\",\"id\":" + request.id().value() + ",\"result\":" + result + "}")
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
