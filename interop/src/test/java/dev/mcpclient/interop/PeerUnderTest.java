package dev.mcpclient.interop;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.interop.report.Peer;
import dev.mcpclient.interop.support.DualEraServer;
import dev.mcpclient.interop.support.EverythingServer;
import dev.mcpclient.interop.support.ModernSdkServer;
import dev.mcpclient.interop.support.PagingServer;
import dev.mcpclient.testing.SdkServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The peer of one column of the interop table, running, and the clients that reach it over that
 * column's transport: a server on a loopback port (Streamable HTTP, HTTP+SSE), or, over stdio, a
 * command each client runs as its own process (closing the client ends it).
 */
final class PeerUnderTest implements AutoCloseable {

    private final Supplier<McpClientBuilder> clients;
    /** The Streamable HTTP endpoint, or {@code null} over the other transports. */
    private final String streamableHttpUrl;
    private final Runnable stop;

    private PeerUnderTest(Supplier<McpClientBuilder> clients, String streamableHttpUrl, Runnable stop) {
        this.clients = clients;
        this.streamableHttpUrl = streamableHttpUrl;
        this.stop = stop;
    }

    /** Starts the peer of {@code column}; returns once it listens. */
    static PeerUnderTest start(Peer column) {
        switch (column) {
            case EVERYTHING_HTTP: {
                EverythingServer server = EverythingServer.streamableHttp();
                return overStreamableHttp(server.url(), server::close);
            }
            case EVERYTHING_SSE: {
                EverythingServer server = EverythingServer.sse();
                return overSse(server.url(), server::close);
            }
            case EVERYTHING_STDIO: {
                List<String> command = EverythingServer.stdioCommand();
                return new PeerUnderTest(() -> McpClient.stdio(command.get(0),
                        command.subList(1, command.size()).toArray(String[]::new)), null, () -> { });
            }
            case JAVA_SDK_HTTP: {
                SdkServer server = SdkServer.streamableHttp();
                return overStreamableHttp(server.url(), server::close);
            }
            case JAVA_SDK_SSE: {
                SdkServer server = SdkServer.sse();
                return overSse(server.url(), server::close);
            }
            case TS_SDK_HTTP: {
                PagingServer server = PagingServer.start();
                return overStreamableHttp(server.url(), server::close);
            }
            case JAVA_SDK_MODERN_HTTP: {
                ModernSdkServer server = ModernSdkServer.start();
                return overStreamableHttp(server.url(), server::close);
            }
            case TS_SDK_DUAL_ERA_HTTP: {
                DualEraServer server = DualEraServer.start();
                return overStreamableHttp(server.url(), server::close);
            }
            default:
                throw new IllegalArgumentException("no client tests against " + column);
        }
    }

    private static PeerUnderTest overStreamableHttp(String url, Runnable stop) {
        return new PeerUnderTest(() -> McpClient.streamableHttp(url), url, stop);
    }

    private static PeerUnderTest overSse(String url, Runnable stop) {
        return new PeerUnderTest(() -> McpClient.sse(url), null, stop);
    }

    /** A builder of a client of the peer. */
    McpClientBuilder client() {
        return clients.get();
    }

    /** The peer's Streamable HTTP endpoint; only for a peer over Streamable HTTP. */
    String url() {
        if (streamableHttpUrl == null) {
            throw new IllegalStateException("not a peer over Streamable HTTP");
        }
        return streamableHttpUrl;
    }

    /**
     * Returns once notifications the server sends outside any request can reach {@code client}: over
     * Streamable HTTP, once its background stream is open (the GET stream of the legacy era, the
     * {@code subscriptions/listen} stream of the modern one; a server drops them before that); over the
     * other transports at once.
     */
    void awaitServerNotificationRoute(McpClient client) {
        if (streamableHttpUrl == null) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!client.status().backgroundStreamOpen()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the background stream did not open within 10 s: " + client.status());
            }
            LockSupport.parkNanos(Duration.ofMillis(1).toNanos()); // polls a condition; orders nothing
        }
    }

    @Override
    public void close() {
        stop.run();
    }
}
