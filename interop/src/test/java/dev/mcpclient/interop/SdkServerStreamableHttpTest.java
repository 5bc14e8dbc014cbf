package dev.mcpclient.interop;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;
import dev.mcpclient.testing.SdkServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The official Java SDK's server over Streamable HTTP: one server for the class, clients per test. */
@Against(Peer.JAVA_SDK_HTTP)
class SdkServerStreamableHttpTest extends SdkServerContract {

    private static SdkServer server;

    @BeforeAll
    static void startServer() {
        server = SdkServer.streamableHttp();
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
