package dev.mcpclient.bench.clients;

import dev.mcpclient.bench.Payloads;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;

/**
 * Below the floor: the same call as {@link FloorClient} on Reactor Netty's {@link HttpClient}
 * directly, without Spring's {@code WebClient} on top. Not a contender of the load scenarios: it
 * shows how much of the floor's cost per call is {@code WebClient}'s and how much the HTTP
 * client's underneath ({@code --contenders netty-floor}).
 */
final class NettyFloorClient implements BenchClient {

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
                .headers(h -> h.set("Accept", FloorClient.ACCEPT).set("Content-Type", "application/json"));
        String sessionId = base.post().uri(url)
                .send(Mono.just(Unpooled.wrappedBuffer(FloorClient.initialize("netty-floor").getBytes(StandardCharsets.UTF_8))))
                .responseSingle((response, body) -> body.then(Mono.just(response.responseHeaders().get("Mcp-Session-Id"))))
                .block(Duration.ofSeconds(30));
        HttpClient session = base.headers(h -> h.set("Mcp-Session-Id", sessionId)
                .set("MCP-Protocol-Version", Payloads.PROTOCOL_VERSION));
        session.post().uri(url)
                .send(Mono.just(Unpooled.wrappedBuffer(
                        FloorClient.INITIALIZED.getBytes(StandardCharsets.UTF_8))))
                .responseSingle((response, body) -> body.then())
                .block(Duration.ofSeconds(30));
        return new NettyFloorClient(session, connections, url);
    }

    @Override
    public Mono<JsonNode> call() {
        return Mono.defer(() -> {
            byte[] body = FloorClient.toolsCall(ids.incrementAndGet());
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
