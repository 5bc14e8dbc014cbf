package dev.mcpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.McpClientStatus;
import dev.mcpclient.McpClientStatus.ProtocolEra;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Feature;
import dev.mcpclient.interop.report.Interop;
import dev.mcpclient.interop.report.InteropRecorder;
import dev.mcpclient.interop.report.Peer;
import dev.mcpclient.interop.support.RecordingProxy;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.CreateMessageResult;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.schema.Role;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.schema.Tool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.Executable;
import tools.jackson.databind.JsonNode;

/**
 * What our client does with every peer, whatever the peer and the transport; each test body is
 * written once here (or in {@link FullPeerContract} for the full-featured peers) and runs against
 * every column of the interop table. A contract per peer ({@link EverythingContract},
 * {@link SdkServerContract}, {@link TypeScriptSdkPagingTest}, {@link ModernPeerContract}) states that
 * peer's facts (its name, its tools, what they answer) and adds tests of what only that peer offers; a
 * class per column names it ({@link Against}: the peer, the era its clients must speak, how they are
 * built) and holds nothing else. The column's peer runs for the whole class ({@link PeerUnderTest});
 * each test gets clients of its own, checked after the test to speak the class's era.
 */
@ExtendWith(InteropRecorder.class)
abstract class PeerContract {

    /** The peer of the class that runs now: the test classes of this module run one at a time. */
    private static PeerUnderTest peer;

    private final List<McpClient> clients = new CopyOnWriteArrayList<>();
    private McpClient client;

    @BeforeAll
    static void startPeer(TestInfo test) {
        peer = PeerUnderTest.start(test.getTestClass().orElseThrow().getAnnotation(Against.class).value());
    }

    @AfterAll
    static void stopPeer() {
        if (peer != null) {
            peer.close();
            peer = null;
        }
    }

    /**
     * Closes the test's clients, after checking that each one that connected speaks the era of the class
     * ({@link Against#era()}): a test proves its feature in that era only.
     */
    @AfterEach
    void closeClients() {
        List<String> wrongEra = new ArrayList<>();
        for (McpClient each : clients) {
            McpClientStatus status = each.status();
            if (status.era() != null && status.era() != era()) {
                wrongEra.add(status.protocolVersion() + " (" + status.era() + ")");
            }
        }
        clients.forEach(McpClient::close);
        assertThat(wrongEra).as("the clients of a test of the %s era of %s (protocol version %s) speaking another era",
                era(), column(), protocolVersionSetting()).isEmpty();
    }

    // ---------------------------------------------------------------- the peer's facts

    /** The name the peer gives in its {@code initialize} result. */
    abstract String serverName();

    /**
     * The protocol versions the peer may settle on with our client over this class's transport: the modern
     * revisions in the modern era, the handshake revisions of Streamable HTTP and stdio in the legacy one.
     */
    List<String> acceptedVersions() {
        if (era() == ProtocolEra.MODERN) {
            return ProtocolVersions.MODERN;
        }
        return Against.AUTO.equals(protocolVersionSetting()) ? ProtocolVersions.SUPPORTED
                : List.of(protocolVersionSetting());
    }

    /** The server capabilities the peer declares (among others). */
    abstract List<String> declaredCapabilities();

    /** Tools the peer lists: among others, or exactly these in this order if {@link #listsOnlyTheseTools()}. */
    abstract List<String> tools();

    /** Whether {@link #tools()} are all the peer lists. */
    boolean listsOnlyTheseTools() {
        return false;
    }

    /** Tool calls and what their results say. */
    abstract List<ToolCall> toolCalls();

    /**
     * A call of {@code tool} with {@code arguments} and the text of its result (its text contents, one
     * per line), which must match {@code text} as a whole: {@link #exactly} or {@link #holding}.
     */
    record ToolCall(String tool, Map<String, ?> arguments, Pattern text) {

        /** Calls it with {@code client} and checks the text of the result; returns the result. */
        CallToolResult callWith(McpClient client) {
            CallToolResult result = client.callTool(tool, arguments);
            assertThat(PeerContract.text(result)).as("the text of %s", tool).matches(text);
            return result;
        }
    }

    /** The whole text, to the letter. */
    static Pattern exactly(String text) {
        return Pattern.compile(Pattern.quote(text));
    }

    /** Any text that holds these parts, in this order. */
    static Pattern holding(String... parts) {
        return Pattern.compile(Arrays.stream(parts).map(Pattern::quote).collect(Collectors.joining(".*", "(?s).*", ".*")));
    }

    // ---------------------------------------------------------------- clients

    /** A client with the default options (one per test). */
    McpClient client() {
        if (client == null) {
            client = connect(b -> { });
        }
        return client;
    }

    /** A client with handlers or listeners of the test's own; closed after the test. */
    McpClient connect(Consumer<McpClientBuilder> options) {
        return build(peer.client(), options);
    }

    /**
     * A client of the peer through {@code proxy} (over Streamable HTTP), built as {@link #connect} builds
     * them; closed after the test.
     */
    public McpClient connectThrough(RecordingProxy proxy, Consumer<McpClientBuilder> options) {
        return build(McpClient.streamableHttp(proxy.url()), options);
    }

    private McpClient build(McpClientBuilder builder, Consumer<McpClientBuilder> options) {
        builder.requestTimeout(Duration.ofSeconds(15));
        if (!Against.AUTO.equals(protocolVersionSetting())) {
            builder.protocolVersion(protocolVersionSetting());
        }
        options.accept(builder);
        McpClient built = builder.build();
        clients.add(built);
        return built;
    }

    /** The column this class's tests run against: a peer over one transport. */
    Peer column() {
        return getClass().getAnnotation(Against.class).value();
    }

    /** The era this class proves its features in: every client of its tests must speak it. */
    public ProtocolEra era() {
        return getClass().getAnnotation(Against.class).era();
    }

    /** How this class's clients are built: {@link Against#AUTO} or the revision they are pinned to. */
    public String protocolVersionSetting() {
        return getClass().getAnnotation(Against.class).protocolVersion();
    }

    /** The peer's Streamable HTTP endpoint (for a {@link RecordingProxy} in front of it). */
    public String peerUrl() {
        return peer.url();
    }

    /** Returns once notifications the server sends outside any request can reach {@code client}. */
    void awaitServerNotificationRoute(McpClient client) {
        peer.awaitServerNotificationRoute(client);
    }

    // ---------------------------------------------------------------- every peer

    @Test
    @Interop(Feature.INITIALIZE)
    void initializeNegotiatesAVersionAndNamesTheServer() {
        InitializeResult init = client().initialize();

        assertThat(client().status().era()).as("the era of %s", client().status()).isEqualTo(era());
        assertThat(client().status().protocolVersion()).isEqualTo(init.protocolVersion());
        assertThat(init.protocolVersion()).isIn(acceptedVersions());
        assertThat(init.serverInfo().name()).isEqualTo(serverName());
        JsonNode declared = McpJson.mapper().valueToTree(init.capabilities());
        assertThat(declaredCapabilities()).allSatisfy(capability ->
                assertThat(declared.path(capability).isObject()).as("capability %s in %s", capability, declared).isTrue());
    }

    @Test
    @Interop(Feature.TOOLS_LIST)
    void listToolsGetsEveryTool() {
        ListToolsResult tools = client().listTools();

        List<String> names = tools.tools().stream().map(Tool::name).toList();
        if (listsOnlyTheseTools()) {
            assertThat(names).containsExactlyElementsOf(tools());
        } else {
            assertThat(names).containsAll(tools());
        }
        assertThat(tools.nextCursor()).isNull();
    }

    @Test
    @Interop(Feature.TOOLS_CALL)
    void callTool() {
        for (ToolCall call : toolCalls()) {
            call.callWith(client());
        }
    }

    // ---------------------------------------------------------------- helpers

    /**
     * Runs {@code test}, which fails against this column for {@code reason}, a known gap of the peer or of
     * the client: that failure makes the test pending, with the reason and the failure's message (an
     * aborted test for JUnit, ⏸ in the interop table); if it passes, it fails, so that the gap is not kept
     * once it is closed.
     */
    static void knownGap(String reason, Executable test) {
        try {
            test.execute();
        } catch (Throwable e) {
            String observed = String.valueOf(e.getMessage()).strip().replaceAll("\\s+", " ");
            Assumptions.abort(reason + " (observed: " + (observed.length() > 300 ? observed.substring(0, 300) + "…"
                    : observed) + ")");
        }
        throw new AssertionError("passes now, although " + reason + ": drop the known gap");
    }

    /** A sampling handler's answer: {@code text} by the model {@code interop-model}. */
    static CreateMessageResult sampled(String text) {
        return new CreateMessageResult(Role.ASSISTANT, new TextContent(text), "interop-model",
                CreateMessageResult.STOP_END_TURN);
    }

    /** The text of a tool result's text contents, one per line. */
    static String text(CallToolResult result) {
        return ConformanceClient.text(result);
    }
}
