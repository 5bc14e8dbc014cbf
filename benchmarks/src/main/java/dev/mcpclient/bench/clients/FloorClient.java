package dev.mcpclient.bench.clients;

import dev.mcpclient.bench.Payloads;
import java.nio.charset.StandardCharsets;
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
 * The floor: what one call costs with no MCP client at all. A bare {@link WebClient} (Reactor Netty,
 * a connection pool configured as this library's default) POSTs the same JSON-RPC body on a session
 * it opened once, and parses the answer: a JSON body with one {@code readTree}; an SSE body by
 * taking its {@code data:} lines and reading each (the response is the one with a {@code result}).
 * No pending map, no timeout, no routing, no typed result.
 */
final class FloorClient implements BenchClient {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();
    /** The {@code Accept} header of every POST. */
    static final String ACCEPT = "application/json, text/event-stream";

    /** The body of {@code notifications/initialized}. */
    static final String INITIALIZED = "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}";

    private final WebClient webClient;
    private final ConnectionProvider connections;
    private final String url;
    private final String sessionId;
    private final AtomicLong ids = new AtomicLong(1);

    private FloorClient(WebClient webClient, ConnectionProvider connections, String url, String sessionId) {
        this.webClient = webClient;
        this.connections = connections;
        this.url = url;
        this.sessionId = sessionId;
    }

    static FloorClient connect(String url) {
        ConnectionProvider connections = ConnectionProvider.builder("floor").maxConnections(1000)
                .pendingAcquireMaxCount(-1).build();
        WebClient webClient = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(HttpClient.create(connections)))
                .build();
        String sessionId = webClient.post().uri(url)
                .header("Accept", ACCEPT)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(initialize("floor"))
                .exchangeToMono(response -> response.releaseBody()
                        .thenReturn(response.headers().header("Mcp-Session-Id").get(0)))
                .block(Duration.ofSeconds(30));
        webClient.post().uri(url)
                .header("Accept", ACCEPT)
                .header("Mcp-Session-Id", sessionId)
                .header("MCP-Protocol-Version", Payloads.PROTOCOL_VERSION)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue(INITIALIZED)
                .retrieve().toBodilessEntity()
                .block(Duration.ofSeconds(30));
        return new FloorClient(webClient, connections, url, sessionId);
    }

    @Override
    public Mono<JsonNode> call() {
        return Mono.defer(() -> {
            byte[] body = toolsCall(ids.incrementAndGet());
            return webClient.post().uri(url)
                    .header("Accept", ACCEPT)
                    .header("Mcp-Session-Id", sessionId)
                    .header("MCP-Protocol-Version", Payloads.PROTOCOL_VERSION)
                    .contentType(MediaType.APPLICATION_JSON)
                    .bodyValue(body)
                    .exchangeToMono(response -> {
                        boolean sse = response.headers().contentType()
                                .map(t -> t.isCompatibleWith(MediaType.TEXT_EVENT_STREAM)).orElse(false);
                        return response.bodyToMono(byte[].class).map(bytes -> sse ? fromSse(bytes) : fromJson(bytes));
                    });
        });
    }

    /** The body of {@code initialize} from a client named {@code name}. */
    static String initialize(String name) {
        return "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + Payloads.PROTOCOL_VERSION + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"" + name
                + "\",\"version\":\"1.0.0\"}}}";
    }

    /** The body of the benchmark's {@code tools/call} with request id {@code id}, built and serialized per call. */
    static byte[] toolsCall(long id) {
        Map<String, Object> request = new LinkedHashMap<>(4);
        request.put("jsonrpc", "2.0");
        request.put("id", id);
        request.put("method", "tools/call");
        request.put("params", Payloads.CALL_PARAMS);
        return MAPPER.writeValueAsBytes(request);
    }

    static JsonNode fromJson(byte[] bytes) {
        JsonNode response = MAPPER.readTree(bytes);
        return result(response);
    }

    static JsonNode fromSse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        int from = 0;
        while (from < text.length()) {
            int end = text.indexOf('\n', from);
            if (end < 0) {
                end = text.length();
            }
            if (text.startsWith("data:", from)) {
                JsonNode message = MAPPER.readTree(text.substring(from + 5, end).strip());
                if (message.has("result")) {
                    return result(message);
                }
            }
            from = end + 1;
        }
        throw new IllegalStateException("no response in the SSE body");
    }

    private static JsonNode result(JsonNode response) {
        JsonNode result = response.get("result");
        if (result == null) {
            throw new IllegalStateException("not a result: " + response);
        }
        return result;
    }

    @Override
    public void close() {
        webClient.delete().uri(url).header("Mcp-Session-Id", sessionId).retrieve().toBodilessEntity()
                .onErrorResume(e -> Mono.empty()).block(Duration.ofSeconds(5));
        connections.disposeLater().block(Duration.ofSeconds(5));
    }
}
