package dev.mcpclient.interop;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Peer;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.testing.SdkServer;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The official Java SDK's server over the 2024-11-05 HTTP+SSE transport: one server for the class, clients per test. */
@Against(Peer.JAVA_SDK_SSE)
class SdkServerSseTest extends SdkServerContract {

    private static SdkServer server;

    @BeforeAll
    static void startServer() {
        server = SdkServer.sse();
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

    @Override
    List<String> acceptedVersions() {
        // The SDK's HTTP+SSE servlet speaks only the revision of that transport.
        return List.of(ProtocolVersions.V2024_11_05);
    }
}
