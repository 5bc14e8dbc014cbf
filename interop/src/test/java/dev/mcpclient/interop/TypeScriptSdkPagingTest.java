package dev.mcpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Feature;
import dev.mcpclient.interop.report.Interop;
import dev.mcpclient.interop.report.InteropRecorder;
import dev.mcpclient.interop.report.Peer;
import dev.mcpclient.interop.support.PagingServer;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.schema.Tool;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Paging against a server built on the official TypeScript SDK server (v2), over Streamable HTTP. */
@Against(Peer.TS_SDK_HTTP)
@ExtendWith(InteropRecorder.class)
class TypeScriptSdkPagingTest {

    private static PagingServer server;
    private McpClient client;

    @BeforeAll
    static void startServer() {
        server = PagingServer.start();
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

    @Test
    @Interop(Feature.INITIALIZE)
    void initialize() {
        assertThat(client.initialize().protocolVersion()).isIn(ProtocolVersions.SUPPORTED);
        assertThat(client.initializeResult().serverInfo().name()).isEqualTo("paging-server");
    }

    @Test
    @Interop(Feature.TOOLS_LIST)
    void listToolsFollowsEveryPage() {
        ListToolsResult all = client.listTools();

        assertThat(all.tools()).extracting(Tool::name)
                .containsExactly("tool-1", "tool-2", "tool-3", "tool-4", "tool-5", "tool-6", "tool-7");
        assertThat(all.nextCursor()).isNull();
    }

    @Test
    @Interop(Feature.TOOLS_LIST_CURSOR)
    void listToolsWithAnExplicitCursorGetsOnePage() {
        ListToolsResult first = client.listTools(null, CallOptions.defaults());
        assertThat(first.tools()).extracting(Tool::name).containsExactly("tool-1", "tool-2", "tool-3");
        assertThat(first.nextCursor()).isEqualTo("3");

        ListToolsResult second = client.listTools(first.nextCursor(), CallOptions.defaults());
        assertThat(second.tools()).extracting(Tool::name).containsExactly("tool-4", "tool-5", "tool-6");

        ListToolsResult last = client.listTools(second.nextCursor(), CallOptions.defaults());
        assertThat(last.tools()).extracting(Tool::name).containsExactly("tool-7");
        assertThat(last.nextCursor()).isNull();
    }

    @Test
    @Interop(Feature.TOOLS_CALL)
    void callTool() {
        assertThat(PeerContract.text(client.callTool("tool-5", Map.of()))).isEqualTo("called tool-5");
    }
}
