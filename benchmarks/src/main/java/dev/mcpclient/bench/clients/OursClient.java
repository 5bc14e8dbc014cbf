package dev.mcpclient.bench.clients;

import dev.mcpclient.McpClient;
import dev.mcpclient.ReactiveMcpClient;
import dev.mcpclient.bench.Payloads;
import dev.mcpclient.schema.CallToolResult;
import java.time.Duration;
import reactor.core.publisher.Mono;

/** This library with its defaults (its own Reactor Netty connection pool, the background stream on). */
final class OursClient implements BenchClient {

    private final McpClient client;
    private final ReactiveMcpClient reactive;

    private OursClient(McpClient client) {
        this.client = client;
        this.reactive = client.reactive();
    }

    static OursClient connect(String url) {
        McpClient client = McpClient.streamableHttp(url)
                .clientInfo("bench", "1.0.0")
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize();
        return new OursClient(client);
    }

    @Override
    public Mono<CallToolResult> call() {
        return reactive.callTool(Payloads.TOOL, Payloads.ARGUMENTS);
    }

    @Override
    public Object callBlocking() {
        return client.callTool(Payloads.TOOL, Payloads.ARGUMENTS);
    }

    @Override
    public void close() {
        client.close();
    }
}
