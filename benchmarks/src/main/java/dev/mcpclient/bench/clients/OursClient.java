package dev.mcpclient.bench.clients;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;
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

/**
 * This library with its defaults (its own Reactor Netty connection pool, the background stream on,
 * the era detected), or pinned to a protocol revision.
 */
public final class OursClient implements BenchClient {

    private final McpClient client;
    private final ReactiveMcpClient reactive;

    private OursClient(McpClient client) {
        this.client = client;
        this.reactive = client.reactive();
    }

    /**
     * A client with the default protocol setting ({@code auto}): {@code server/discover} first, the
     * {@code initialize} handshake when the server does not speak the modern era (unless it is
     * remembered as such), whichever era the server speaks.
     */
    public static OursClient connect(String url) {
        return connect(url, null);
    }

    /**
     * A client pinned to {@code protocolVersion} ({@code null}: the default, {@code auto}): no era
     * probe, and none of the checks that the era found still holds.
     */
    public static OursClient connect(String url, String protocolVersion) {
        McpClientBuilder builder = McpClient.streamableHttp(url)
                .clientInfo(Payloads.CLIENT_NAME, Payloads.CLIENT_VERSION)
                .requestTimeout(Duration.ofSeconds(30));
        if (protocolVersion != null) {
            builder.protocolVersion(protocolVersion);
        }
        McpClient client = builder.build();
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
