package dev.mcpclient.bench.clients;

import dev.mcpclient.bench.Payloads;
import io.netty.buffer.Unpooled;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;

/**
 * {@link ModernFloorClient}'s call on Reactor Netty's {@link HttpClient} directly, without
 * {@code WebClient}: the modern era's {@link NettyFloorClient} ({@code --contenders netty-floor}).
 */
final class ModernNettyFloorClient implements BenchClient {

    private final HttpClient http;
    private final ConnectionProvider connections;
    private final String url;
    private final AtomicLong ids = new AtomicLong(1);

    private ModernNettyFloorClient(HttpClient http, ConnectionProvider connections, String url) {
        this.http = http;
        this.connections = connections;
        this.url = url;
    }

    static ModernNettyFloorClient connect(String url) {
        ConnectionProvider connections = ConnectionProvider.builder("modern-netty-floor").maxConnections(1000)
                .pendingAcquireMaxCount(-1).build();
        HttpClient base = HttpClient.create(connections)
                .headers(h -> h.set("MCP-Protocol-Version", Payloads.MODERN_PROTOCOL_VERSION));
        base.headers(h -> h.set("Mcp-Method", "server/discover")
                        .set("Accept", FloorClient.ACCEPT).set("Content-Type", "application/json"))
                .post().uri(url)
                .send(Mono.just(Unpooled.wrappedBuffer(ModernFloorClient.discover(1))))
                .responseSingle((response, body) -> body.asByteArray().map(FloorClient::fromJson))
                .block(Duration.ofSeconds(30));
        HttpClient calls = base.headers(h -> h.set("Mcp-Method", "tools/call").set("Mcp-Name", Payloads.TOOL)
                .set("Accept", FloorClient.ACCEPT).set("Content-Type", "application/json"));
        return new ModernNettyFloorClient(calls, connections, url);
    }

    @Override
    public Mono<JsonNode> call() {
        return Mono.defer(() -> {
            byte[] body = ModernFloorClient.toolsCall(ids.incrementAndGet());
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
        connections.disposeLater().block(Duration.ofSeconds(5));
    }
}
