package dev.mcpclient.bench.clients;

import dev.mcpclient.bench.Payloads;
import dev.mcpclient.jsonrpc.JsonRpcMessage;
import dev.mcpclient.jsonrpc.JsonRpcNotification;
import dev.mcpclient.jsonrpc.JsonRpcRequest;
import dev.mcpclient.jsonrpc.JsonRpcResponse;
import dev.mcpclient.jsonrpc.RequestId;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

/**
 * This library's Streamable HTTP transport alone, with the least a caller needs around it: an id per
 * request and a map from ids to waiting calls. No session, no timeouts, no typed result, no output
 * check. Set against {@code floor} and this library's client, it splits what a call costs between
 * the transport and the session and client above it.
 */
final class TransportClient implements BenchClient {

    private static final JsonNode PARAMS = McpJson.toParams(Payloads.CALL_PARAMS);
    /**
     * The modern era's params, {@code _meta} included, built once as a tree: the transport reads the
     * tool's name off it for {@code Mcp-Name} (it finds none in a {@link #PARAMS}-like wrapped object).
     */
    private static final JsonNode MODERN_PARAMS = McpJson.toTree(Payloads.MODERN_CALL_PARAMS);

    private final StreamableHttpTransport transport;
    private final JsonNode params;
    private final Map<RequestId, Sinks.One<JsonNode>> waiting = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong(1);

    private TransportClient(StreamableHttpTransport transport, JsonNode params) {
        this.transport = transport;
        this.params = params;
    }

    /**
     * The modern era: the transport told the revision (so it sends the revision's headers and no
     * session id), {@code server/discover} once, then every {@code tools/call} with the revision's
     * {@code _meta} in its params.
     */
    static TransportClient connectModern(String url) {
        TransportClient client = new TransportClient(StreamableHttpTransport.builder(url).backgroundStream(false).build(),
                MODERN_PARAMS);
        client.transport.start(client::inbound, cause -> { });
        client.transport.protocolVersionNegotiated(Payloads.MODERN_PROTOCOL_VERSION);
        client.request("server/discover", McpJson.toParams(java.util.Map.of("_meta", Payloads.MODERN_META)))
                .block(Duration.ofSeconds(30));
        return client;
    }

    static TransportClient connect(String url) {
        TransportClient client = new TransportClient(StreamableHttpTransport.builder(url).backgroundStream(false).build(),
                PARAMS);
        client.transport.start(client::inbound, cause -> { });
        JsonNode initialize = McpJson.toTree(Map.of("protocolVersion", Payloads.PROTOCOL_VERSION,
                "capabilities", Map.of(), "clientInfo", Map.of("name", "transport", "version", "1.0.0")));
        client.request("initialize", initialize).block(Duration.ofSeconds(30));
        client.transport.protocolVersionNegotiated(Payloads.PROTOCOL_VERSION);
        client.transport.send(new JsonRpcNotification("notifications/initialized", null)).block(Duration.ofSeconds(30));
        client.transport.sessionOpened().block(Duration.ofSeconds(30));
        return client;
    }

    private void inbound(JsonRpcMessage message) {
        if (message instanceof JsonRpcResponse response) {
            Sinks.One<JsonNode> call = waiting.remove(response.id());
            if (call != null) {
                if (response.isError()) {
                    call.tryEmitError(new IllegalStateException("error response: " + response.error()));
                } else {
                    call.tryEmitValue(response.result());
                }
            }
        }
    }

    private Mono<JsonNode> request(String method, JsonNode params) {
        return Mono.defer(() -> {
            RequestId id = RequestId.of(ids.getAndIncrement());
            Sinks.One<JsonNode> call = Sinks.one();
            waiting.put(id, call);
            return transport.send(new JsonRpcRequest(id, method, params)).then(call.asMono());
        });
    }

    @Override
    public Mono<JsonNode> call() {
        return request("tools/call", params);
    }

    @Override
    public void close() {
        transport.closeGracefully().block(Duration.ofSeconds(5));
    }
}
