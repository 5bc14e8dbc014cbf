package dev.mcpclient.interop;

import dev.mcpclient.McpClient;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;
import dev.mcpclient.interop.support.EverythingServer;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/** server-everything over Streamable HTTP: one server for the class, a new client (session) per test. */
@Against(Peer.EVERYTHING_HTTP)
class EverythingStreamableHttpTest extends EverythingContract {

    private static EverythingServer server;
    private McpClient client;

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

    @BeforeEach
    void connect() {
        client = McpClient.streamableHttp(server.url()).requestTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Override
    McpClient client() {
        return client;
    }
}
