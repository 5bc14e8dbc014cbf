package dev.mcpclient.bench.clients;

import dev.mcpclient.McpClient;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import dev.mcpclient.ReactiveMcpClient;
import dev.mcpclient.bench.Payloads;
import dev.mcpclient.schema.CallToolResult;
import java.time.Duration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/** This library with its defaults (its own Reactor Netty connection pool, the background stream on). */
public final class OursClient implements BenchClient {

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

    /**
     * A client whose connections stamp every read with {@link ArrivalStamps} (its own pool, configured
     * like the default one), for the seed race.
     */
    public static OursClient connectStamped(String url) {
        HttpClient http = HttpClient.create(ConnectionProvider.builder("bench-stamped").maxConnections(1000)
                        .pendingAcquireMaxCount(-1).build())
                .doOnChannelInit((observer, channel, address) -> channel.pipeline().addFirst("arrival", ArrivalStamps.INSTANCE));
        McpClient client = McpClient.builder(StreamableHttpTransport.builder(url)
                        .webClientBuilder(WebClient.builder().clientConnector(new ReactorClientHttpConnector(http))))
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
