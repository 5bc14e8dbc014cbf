package dev.mcpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.interop.report.Feature;
import dev.mcpclient.interop.report.Interop;
import dev.mcpclient.interop.report.InteropRecorder;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.CreateMessageResult;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.schema.Role;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.schema.Tool;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What our client does with any full-featured peer server, whatever the peer and the transport, and the
 * clients the tests use: a contract per peer ({@link EverythingContract}, {@link SdkServerContract})
 * adds that peer's own tests and facts, a subclass per transport supplies the client's builder and names
 * the column of the interop table.
 */
@ExtendWith(InteropRecorder.class)
abstract class PeerContract {

    private final List<McpClient> clients = new CopyOnWriteArrayList<>();
    private McpClient client;

    /** A builder of a client of the peer over this class's transport. */
    abstract McpClientBuilder builder();

    /** The name the peer gives in its {@code initialize} result. */
    abstract String serverName();

    /** Tools the peer lists (among others). */
    abstract List<String> someTools();

    /** The protocol versions the peer may answer with over this transport. */
    List<String> acceptedVersions() {
        return ProtocolVersions.SUPPORTED;
    }

    /**
     * Returns once notifications the server sends outside any request can reach the client (over
     * Streamable HTTP: once the background GET stream is open; a server drops them before that).
     */
    void awaitServerNotificationRoute(McpClient client) {
    }

    /** A client with the default options (one per test). */
    McpClient client() {
        if (client == null) {
            client = connect(b -> { });
        }
        return client;
    }

    /** A client with handlers or listeners of the test's own; closed after the test. */
    McpClient connect(Consumer<McpClientBuilder> options) {
        McpClientBuilder builder = builder().requestTimeout(Duration.ofSeconds(15));
        options.accept(builder);
        McpClient built = builder.build();
        clients.add(built);
        return built;
    }

    @AfterEach
    void closeClients() {
        clients.forEach(McpClient::close);
    }

    @Test
    @Interop(Feature.INITIALIZE)
    void initializeNegotiatesAVersionAndNamesTheServer() {
        InitializeResult init = client().initialize();

        assertThat(init.protocolVersion()).isIn(acceptedVersions());
        assertThat(init.serverInfo().name()).isEqualTo(serverName());
        assertThat(init.capabilities().tools()).isNotNull();
        assertThat(init.capabilities().resources()).isNotNull();
        assertThat(init.capabilities().prompts()).isNotNull();
        assertThat(init.capabilities().logging()).isNotNull();
    }

    @Test
    @Interop(Feature.PING)
    void ping() {
        client().ping();
        client().ping(CallOptions.withTimeout(Duration.ofSeconds(5)));
    }

    @Test
    @Interop(Feature.TOOLS_LIST)
    void listToolsGetsEveryTool() {
        ListToolsResult tools = client().listTools();

        assertThat(tools.tools()).extracting(Tool::name).containsAll(someTools());
        assertThat(tools.nextCursor()).isNull();
    }

    @Test
    @Interop(Feature.TOOLS_LIST_CURSOR)
    void listToolsWithoutACursorGetsTheFirstPage() {
        ListToolsResult firstPage = client().listTools(null, CallOptions.defaults());

        // Both peers send every tool in one page: the first page is the whole list.
        assertThat(firstPage.tools()).extracting(Tool::name).isEqualTo(client().listTools().tools().stream()
                .map(Tool::name).toList());
    }

    /** Returns once the client's background GET stream is open (polled, at most 10 s). */
    static void awaitBackgroundStream(McpClient client) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!client.status().backgroundStreamOpen()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the background stream did not open within 10 s: " + client.status());
            }
            Thread.onSpinWait();
        }
    }

    /** A sampling handler's answer: {@code text} by the model {@code interop-model}. */
    static CreateMessageResult sampled(String text) {
        return new CreateMessageResult(Role.ASSISTANT, new TextContent(text), "interop-model",
                CreateMessageResult.STOP_END_TURN);
    }

    /** The text of a tool result's text content. */
    static String text(CallToolResult result) {
        return ConformanceClient.text(result);
    }
}
