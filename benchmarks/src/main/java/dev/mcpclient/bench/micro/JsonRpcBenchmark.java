package dev.mcpclient.bench.micro;

import dev.mcpclient.bench.Payloads;
import dev.mcpclient.jsonrpc.JsonRpcCodec;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.CallToolRequest;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.McpJson;
import java.util.LinkedHashMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tools.jackson.databind.JsonNode;

/** JSON-RPC encode and decode of one {@code tools/call}, as the client does them, and plain Jackson for scale. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class JsonRpcBenchmark {

    private byte[] response;
    private long id;

    @Setup
    public void setUp() {
        response = Fixtures.toolCallResponse();
    }

    /** What the client does to send a call: the params as a tree, the envelope, the bytes. */
    @Benchmark
    public byte[] encodeToolsCall() {
        CallToolRequest params = new CallToolRequest(Payloads.TOOL, new LinkedHashMap<>(Payloads.ARGUMENTS));
        return JsonRpcCodec.encode(new JsonRpcRequest(RequestId.of(++id), "tools/call", McpJson.toTree(params)));
    }

    /** One encoding, for the size of what {@link #encodeToolsCall} produces. */
    public byte[] encodeOnce() {
        return encodeToolsCall();
    }

    /** The envelope of a response: bytes to a checked JSON-RPC message. */
    @Benchmark
    public JsonRpcMessage decodeResponse() {
        return JsonRpcCodec.decode(response).get(0);
    }

    /** A response all the way to the typed result the caller gets. */
    @Benchmark
    public CallToolResult decodeToolResult() {
        JsonRpcResponse message = (JsonRpcResponse) JsonRpcCodec.decode(response).get(0);
        return McpJson.fromTree(message.result(), CallToolResult.class);
    }

    /** Plain Jackson reading the same bytes into a tree: the cost below which decoding cannot go. */
    @Benchmark
    public JsonNode jacksonReadTree() {
        return McpJson.mapper().readTree(response);
    }
}
