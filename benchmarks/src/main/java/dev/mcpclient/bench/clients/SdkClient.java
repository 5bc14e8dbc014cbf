package dev.mcpclient.bench.clients;

import dev.mcpclient.bench.Payloads;
import io.modelcontextprotocol.client.McpAsyncClient;
import io.modelcontextprotocol.client.McpClient;
import io.modelcontextprotocol.client.transport.HttpClientStreamableHttpTransport;
import io.modelcontextprotocol.spec.McpSchema;
import java.net.URI;
import java.time.Duration;
import reactor.core.publisher.Mono;

/**
 * The official MCP Java SDK 2.1.0 with its defaults: {@code McpAsyncClient} on
 * {@code HttpClientStreamableHttpTransport} (the JDK {@code HttpClient}).
 */
final class SdkClient implements BenchClient {

    private final McpAsyncClient client;

    private SdkClient(McpAsyncClient client) {
        this.client = client;
    }

    static SdkClient connect(String url) {
        URI uri = URI.create(url);
        HttpClientStreamableHttpTransport transport = HttpClientStreamableHttpTransport
                .builder(uri.getScheme() + "://" + uri.getAuthority())
                .endpoint(uri.getPath())
                .build();
        McpAsyncClient client = McpClient.async(transport)
                .clientInfo(new McpSchema.Implementation("bench", "1.0.0"))
                .requestTimeout(Duration.ofSeconds(30))
                .build();
        client.initialize().block(Duration.ofSeconds(30));
        return new SdkClient(client);
    }

    @Override
    public Mono<McpSchema.CallToolResult> call() {
        return client.callTool(new McpSchema.CallToolRequest(Payloads.TOOL, Payloads.ARGUMENTS));
    }

    @Override
    public void close() {
        try {
            client.closeGracefully().block(Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            client.close();
        }
    }
}
