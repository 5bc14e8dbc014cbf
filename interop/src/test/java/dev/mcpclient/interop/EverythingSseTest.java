package dev.mcpclient.interop;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;
import dev.mcpclient.interop.support.EverythingServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** server-everything over the 2024-11-05 HTTP+SSE transport: one server for the class, a client per test. */
@Against(Peer.EVERYTHING_SSE)
class EverythingSseTest extends EverythingContract {

    private static EverythingServer server;

    @BeforeAll
    static void startServer() {
        server = EverythingServer.sse();
    }

    @AfterAll
    static void stopServer() {
        if (server != null) {
            server.close();
        }
    }

    @Override
    McpClientBuilder builder() {
        return McpClient.sse(server.url());
    }
}
