package dev.mcpclient.bench.clients;

import dev.mcpclient.bench.Payloads;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The floor of the modern era (MCP 2026-07-28): what one call costs with no MCP client at all. A
 * bare {@link WebClient} (configured as {@link FloorClient}) POSTs exactly the request this library
 * posts in that era: the same body, whose {@code params._meta} carries the protocol version, the
 * client info and the client capabilities ({@link Payloads#MODERN_CALL_PARAMS}, built once, serialized
 * per call with the request's id), and the same headers ({@code MCP-Protocol-Version},
 * {@code Mcp-Method}, {@code Mcp-Name}, no session id). It parses the answer as {@link FloorClient}
 * does. On connecting it sends {@code server/discover} once, as this library does, and nothing
 * else: there is no session to open or close.
 */
final class ModernFloorClient implements BenchClient {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final WebClient webClient;
    private final ConnectionProvider connections;
    private final String url;
    private final AtomicLong ids = new AtomicLong(1);

    private ModernFloorClient(WebClient webClient, ConnectionProvider connections, String url) {
        this.webClient = webClient;
        this.connections = connections;
        this.url = url;
    }

    static ModernFloorClient connect(String url) {
        ConnectionProvider connections = ConnectionProvider.builder("modern-floor").maxConnections(1000)
                .pendingAcquireMaxCount(-1).build();
        WebClient webClient = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)))
                .build();
        webClient.post().uri(url)
                .header("MCP-Protocol-Version", Payloads.MODERN_PROTOCOL_VERSION)
                .header("Mcp-Method", "server/discover")
                .header("Accept", FloorClient.ACCEPT)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(discover(1))
                .retrieve().bodyToMono(byte[].class)
                .map(FloorClient::fromJson)
                .block(Duration.ofSeconds(30));
        return new ModernFloorClient(webClient, connections, url);
    }

    @Override
    public Mono<JsonNode> call() {
        return Mono.defer(() -> {
            byte[] body = toolsCall(ids.incrementAndGet());
            return webClient.post().uri(url)
                    .header("MCP-Protocol-Version", Payloads.MODERN_PROTOCOL_VERSION)
                    .header("Mcp-Method", "tools/call")
                    .header("Mcp-Name", Payloads.TOOL)
                    .header("Accept", FloorClient.ACCEPT)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchangeToMono(response -> {
                        boolean sse = response.headers().contentType()
                                .map(t -> t.isCompatibleWith(MediaType.TEXT_EVENT_STREAM)).orElse(false);
                        return response.bodyToMono(byte[].class)
                                .map(bytes -> sse ? FloorClient.fromSse(bytes) : FloorClient.fromJson(bytes));
                    });
        });
    }

    /** The body of {@code server/discover} with request id {@code id}, as this library sends it. */
    static byte[] discover(long id) {
        Map<String, Object> request = new LinkedHashMap<>(4);
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", "server/discover");
        request.put("params", Map.of("_meta", Payloads.MODERN_META));
        return MAPPER.writeValueAsBytes(request);
    }

    /** The body of the modern era's {@code tools/call} with request id {@code id}, built and serialized per call. */
    static byte[] toolsCall(long id) {
        Map<String, Object> request = new LinkedHashMap<>(4);
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", "tools/call");
        request.put("params", Payloads.MODERN_CALL_PARAMS);
        return MAPPER.writeValueAsBytes(request);
    }

    @Override
    public void close() {
        connections.disposeLater().block(Duration.ofSeconds(5));
    }
}
