package dev.mcpclient.interop;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;
import dev.mcpclient.interop.support.EverythingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** server-everything over Streamable HTTP: one server for the class, a new client (session) per test. */
@Against(Peer.EVERYTHING_HTTP)
class EverythingStreamableHttpTest extends EverythingContract {

    private static EverythingServer server;

    @BeforeAll
    static void startServer() {
        server = EverythingServer.streamableHttp();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    McpClientBuilder builder() {
        return McpClient.streamableHttp(server.url());
    }

    @Override
    void awaitServerNotificationRoute(McpClient client) {
        awaitBackgroundStream(client);
    }
}
