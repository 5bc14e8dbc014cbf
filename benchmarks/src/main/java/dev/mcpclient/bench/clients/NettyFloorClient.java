package dev.mcpclient.bench.clients;

import dev.mcpclient.bench.Payloads;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Below the floor: the same call as {@link FloorClient} on Reactor Netty's {@link HttpClient}
 * directly, without Spring's {@code WebClient} on top. Not a contender of the load scenarios: it
 * shows how much of the floor's cost per call is {@code WebClient}'s and how much the HTTP
 * client's underneath ({@code --contenders netty-floor}).
 */
final class NettyFloorClient implements BenchClient {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    private static final String ACCEPT = "application/json, text/event-stream";
    private static final Map<String, Object> PARAMS = Payloads.CALL_PARAMS;

    private final HttpClient http;
    private final ConnectionProvider connections;
    private final String url;
    private final AtomicLong ids = new AtomicLong(1);

    private NettyFloorClient(HttpClient http, ConnectionProvider connections, String url) {
        this.http = http;
        this.connections = connections;
        this.url = url;
    }

    static NettyFloorClient connect(String url) {
        ConnectionProvider connections = ConnectionProvider.builder("netty-floor").maxConnections(1000)
                .pendingAcquireMaxCount(-1).build();
        HttpClient base = HttpClient.create(connections)
                .headers(h -> h.set("Accept", ACCEPT).set("Content-Type", "application/json"));
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + Payloads.PROTOCOL_VERSION + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"netty-floor\",\"version\":\"1.0.0\"}}}";
        String sessionId = base.post().uri(url)
                .send(Mono.just(Unpooled.wrappedBuffer(initialize.getBytes(StandardCharsets.UTF_8))))
                .responseSingle((response, body) -> body.then(Mono.just(response.responseHeaders().get("Mcp-Session-Id"))))
                .block(Duration.ofSeconds(30));
        HttpClient session = base.headers(h -> h.set("Mcp-Session-Id", sessionId)
                .set("MCP-Protocol-Version", Payloads.PROTOCOL_VERSION));
        session.post().uri(url)
                .send(Mono.just(Unpooled.wrappedBuffer(
                        "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}".getBytes(StandardCharsets.UTF_8))))
                .responseSingle((response, body) -> body.then())
                .block(Duration.ofSeconds(30));
        return new NettyFloorClient(session, connections, url);
    }

    @Override
    public Mono<JsonNode> call() {
        return Mono.defer(() -> {
            Map<String, Object> request = new LinkedHashMap<>(4);
            request.put("jsonrpc", "2.0");
            request.put("id", ids.incrementAndGet());
            request.put("method", "tools/call");
            request.put("params", PARAMS);
            byte[] body = MAPPER.writeValueAsBytes(request);
            return http.post().uri(url)
                    .send(Mono.just(Unpooled.wrappedBuffer(body)))
                    .responseSingle((response, content) -> {
                        String type = response.responseHeaders().get("Content-Type", "");
                        return content.asByteArray().map(bytes -> type.startsWith("text/event-stream")
                                ? FloorClient.fromSse(bytes) : FloorClient.fromJson(bytes));
                    });
        });
    }

    @Override
    public void close() {
        http.delete().uri(url).response().onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(5));
        connections.disposeLater().block(Duration.ofSeconds(5));
    }
}
