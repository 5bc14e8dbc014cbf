package dev.mcpclient.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.RecordedRequest;
import dev.mcpclient.transport.http.StreamableHttpTransport;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A {@link ProgrammableMcpServer} and the clients of it that one test uses. The server starts when the
 * fixture is made, i.e. with the test's instance. After the test, every client the test got from the
 * fixture is closed, and the server once it saw every exchange end; no exchange may stay open, and no
 * handler of the server may have failed. Register it on an instance field, so that a {@link Watchdog}
 * on a static field watches the closing too:
 * <pre>
 * &#64;RegisterExtension
 * final McpFixture mcp = McpFixture.streamableHttp(client -&gt; client.requestTimeout(WAIT));
 * private final ProgrammableMcpServer server = mcp.server();
 * private final McpClient client = mcp.client();
 * </pre>
 */
public final class McpFixture implements AfterEachCallback {

    /** How long the clients' exchanges may take to end once the clients closed. */
    private static final Duration END_OF_EXCHANGES = Duration.ofSeconds(5);

    private final ProgrammableMcpServer server = ProgrammableMcpServer.start();
    private final Function<String, McpClientBuilder> clients;
    private final List<McpClient> opened = new CopyOnWriteArrayList<>();
    private McpClient client;

    private McpFixture(Function<String, McpClientBuilder> clients) {
        this.clients = clients;
    }

    /** Clients of the server's URL over Streamable HTTP, with {@code options}. */
    public static McpFixture streamableHttp(UnaryOperator<McpClientBuilder> options) {
        return new McpFixture(url -> options.apply(McpClient.streamableHttp(url)));
    }

    /** The server alone, for tests that speak HTTP themselves or build a client of their own (closed by them). */
    public static McpFixture serverOnly() {
        return streamableHttp(options -> options);
    }

    /** Clients of the server's URL over Streamable HTTP with these transport options, then {@code options}. */
    public static McpFixture streamableHttp(UnaryOperator<StreamableHttpTransport.Builder> transport,
            UnaryOperator<McpClientBuilder> options) {
        return new McpFixture(url -> options.apply(McpClient.builder(transport.apply(StreamableHttpTransport.builder(url)))));
    }

    /** The server. */
    public ProgrammableMcpServer server() {
        return server;
    }

    /** The test's client, built at the first call (building connects nothing). */
    public McpClient client() {
        if (client == null) {
            client = client(options -> options);
        }
        return client;
    }

    /** Another client: the fixture's options, then {@code more}. */
    public McpClient client(UnaryOperator<McpClientBuilder> more) {
        McpClient built = more.apply(clients.apply(server.url())).build();
        opened.add(built);
        return built;
    }

    /**
     * Another client ({@link #client(UnaryOperator)}), initialized, with its background stream open: what
     * the server sends from now on reaches it.
     */
    public McpClient connected(UnaryOperator<McpClientBuilder> more) {
        McpClient connected = client(more);
        connected.initialize();
        server.background().awaitConnected(Calls.PROMPTLY);
        return connected;
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<RecordedRequest> open;
        try {
            opened.forEach(McpClient::close);
        } finally {
            // A cancelled exchange may take a moment to end (at most 2 s); the server waits for that
            // rather than cutting it, which Reactor Netty would report at WARN.
            open = server.awaitExchangesEnded(END_OF_EXCHANGES);
            server.close();
        }
        assertThat(open).as("exchanges still open %s after the clients closed", END_OF_EXCHANGES).isEmpty();
        assertThat(server.handlerErrors()).as("errors of the server's handlers").isEmpty();
    }
}
