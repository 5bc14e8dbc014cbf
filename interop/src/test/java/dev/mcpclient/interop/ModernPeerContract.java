package dev.mcpclient.interop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientStatus.ProtocolEra;
import dev.mcpclient.McpTimeoutException;
import dev.mcpclient.interop.report.Against;
import dev.mcpclient.interop.report.Feature;
import dev.mcpclient.interop.report.Interop;
import dev.mcpclient.interop.support.RecordingProxy;
import dev.mcpclient.interop.support.RecordingProxy.Seen;
import dev.mcpclient.schema.CompleteRequest;
import dev.mcpclient.schema.ElicitResult;
import dev.mcpclient.schema.LoggingLevel;
import dev.mcpclient.schema.LoggingMessageNotification;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.McpMethods;
import dev.mcpclient.schema.PromptReference;
import dev.mcpclient.schema.ProtocolVersions;
import dev.mcpclient.schema.ResourceUpdatedNotification;
import dev.mcpclient.schema.Tool;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The peers written for both protocol eras, which offer the same features under the same names: the Java
 * SDK's modern server (2026-07-28 only, {@link ModernSdkServerTest}) and the TypeScript SDK's dual-era
 * server ({@link DualEraServerContract}: once as the client finds it, modern, once pinned to 2025-11-25,
 * legacy). Their facts for the tests of every full-featured peer ({@link FullPeerContract}), and the tests
 * of what they add: the client's identity, {@code x-mcp-header}, a tool list that changes, timeouts and
 * cancellation, and everything on the wire ({@link EraOnTheWire}). Each test body runs unchanged in every
 * era a peer serves; where the eras differ on the wire, the test says what each one sends.
 *
 * <p>Tools: {@code echo}, {@code add}, {@code fail}, {@code whoami}, {@code capabilities}, {@code count}
 * (progress), {@code weather} (structured), {@code locate} ({@code region} marked {@code x-mcp-header:
 * Region}), {@code log}, {@code wait}/{@code cancelled}, {@code sample}, {@code elicit}, {@code roots},
 * {@code touch} (updates the readme), {@code add_tool}; a readme resource, a notes template, a greeting
 * prompt with completions of its {@code name}.
 */
abstract class ModernPeerContract extends FullPeerContract implements EraOnTheWire {

    // ---------------------------------------------------------------- the peer's facts

    /** The URI of the one resource. */
    abstract String readme();

    /** The text of {@link #readme()}. */
    abstract String readmeText();

    /** The URI template of the one resource template. */
    abstract String notesTemplate();

    /** The logger of the {@code log} tool's messages. */
    abstract String logger();

    @Override
    List<String> tools() {
        return List.of("echo", "add", "fail", "whoami", "capabilities", "count", "weather", "locate", "log", "wait",
                "cancelled", "sample", "elicit", "roots", "touch", "add_tool");
    }

    @Override
    List<ToolCall> toolCalls() {
        return List.of(new ToolCall("echo", Map.of("text", "hello " + era()), exactly("hello " + era())),
                new ToolCall("add", Map.of("a", 2, "b", 40), exactly("42")));
    }

    @Override
    ToolCall failingCall() {
        return new ToolCall("fail", Map.of(), exactly("this tool always fails"));
    }

    @Override
    Progressing progressing() {
        return new Progressing(new ToolCall("count", Map.of("steps", 3), exactly("counted to 3")),
                List.of("step 1 of 3", "step 2 of 3", "step 3 of 3"));
    }

    @Override
    Structured structured() {
        String weather = "{\"city\":\"Lyon\",\"temperature\":21.5}";
        return new Structured(new ToolCall("weather", Map.of("city", "Lyon"), exactly(weather)), weather);
    }

    @Override
    List<String> resources() {
        return List.of(readme());
    }

    @Override
    List<String> resourceTemplates() {
        return List.of(notesTemplate());
    }

    @Override
    List<ResourceText> resourceTexts() {
        return List.of(new ResourceText(readme(), false, exactly(readmeText())));
    }

    @Override
    String updatedResource() {
        return readme();
    }

    @Override
    AutoCloseable updateResources(McpClient subscriber) {
        // One update of the readme per call.
        subscriber.callTool("touch", Map.of());
        return () -> { };
    }

    @Override
    List<String> prompts() {
        return List.of("greeting");
    }

    @Override
    List<PromptText> promptTexts() {
        return List.of(new PromptText("greeting", Map.of("name", "Ada"), "Hello, Ada!"));
    }

    @Override
    List<Completion> completions() {
        return List.of(new Completion(new CompleteRequest(new PromptReference("greeting", null), "name", "A"),
                List.of("Ada", "Alan")));
    }

    @Override
    LoggingLevel logLevel() {
        return LoggingLevel.INFO;
    }

    @Override
    AutoCloseable logMessages(McpClient client) {
        // One warning per call.
        client.callTool("log", Map.of("message", "disk almost full"));
        return () -> { };
    }

    @Override
    LogMessage logMessage() {
        return new LogMessage(Set.of(LoggingLevel.WARNING), logger(), exactly("disk almost full"));
    }

    @Override
    Sampling sampling() {
        return new Sampling("42", new ToolCall("sample", Map.of("question", "6 times 7?"),
                exactly("sampled: 42 by interop-model")), "6 times 7?", 50);
    }

    @Override
    Eliciting eliciting() {
        return new Eliciting(List.of("name"), Map.of("name", "Grace"),
                new ToolCall("elicit", Map.of(), exactly("elicited: ACCEPT {name=Grace}")));
    }

    @Override
    ToolCall rootsCall() {
        return new ToolCall("roots", Map.of(), exactly("roots: [file:///tmp/interop-root (interop root)]"));
    }

    // ---------------------------------------------------------------- tests

    @Test
    @Interop(Feature.CLIENT_INFO)
    void theServerSeesTheClientsNameAndCapabilities() {
        McpClient named = connect(b -> b.clientInfo("interop-client", "9.9.9").roots(() -> List.of(ROOT))
                .sampling(request -> sampled("unused")));
        named.initialize();

        assertThat(text(named.callTool("whoami", Map.of()))).isEqualTo("interop-client 9.9.9");
        assertThat(text(named.callTool("capabilities", Map.of()))).isEqualTo("roots=true sampling=true elicitation=false");
    }

    @Test
    @Interop(Feature.X_MCP_HEADER)
    void aToolArgumentMarkedXMcpHeaderReachesTheServer() {
        try (RecordingProxy proxy = RecordingProxy.to(peerUrl())) {
            McpClient located = connectThrough(proxy, b -> { });
            assertThat(located.listTools().tools()).extracting(Tool::name).contains("locate");

            assertThat(text(located.callTool("locate", Map.of("region", "eu-west")))).isEqualTo("region: eu-west");

            assertRegionHeader(proxy.last(McpMethods.TOOLS_CALL));
            located.close();
        }
    }

    @Test
    @Interop(Feature.X_MCP_HEADER_UNLISTED)
    void aToolArgumentMarkedXMcpHeaderReachesTheServerWithoutAListingFirst() {
        try (RecordingProxy proxy = RecordingProxy.to(peerUrl())) {
            McpClient located = connectThrough(proxy, b -> { });
            located.initialize();

            assertThat(text(located.callTool("locate", Map.of("region", "eu-west")))).isEqualTo("region: eu-west");

            // The call the peer answered: the last one.
            assertRegionHeader(proxy.last(McpMethods.TOOLS_CALL));
            located.close();
        }
    }

    /** Modern: {@code region} mirrored in {@code Mcp-Param-Region}; legacy: no such header. The body has it in both. */
    private void assertRegionHeader(Seen call) {
        if (era() == ProtocolEra.MODERN) {
            assertThat(call.header("Mcp-Param-Region")).as("Mcp-Param-Region").isEqualTo("eu-west");
            assertThat(call.header("Mcp-Method")).isEqualTo(McpMethods.TOOLS_CALL);
            assertThat(call.header("Mcp-Name")).isEqualTo("locate");
        } else {
            // The handshake era has no such headers: the argument is in the body only.
            assertThat(call.headers().keySet()).noneMatch(h -> h.toLowerCase(Locale.ROOT).startsWith("mcp-param-"));
        }
        assertThat(call.body().path("params").path("arguments").path("region").asString()).isEqualTo("eu-west");
    }

    @Test
    @Interop(Feature.TOOLS_LIST_CHANGED)
    void aToolTheServerAddsReachesTheListener() throws InterruptedException {
        BlockingQueue<List<Tool>> lists = new LinkedBlockingQueue<>();
        McpClient listening = connect(b -> b.onToolsListChanged(lists::add));
        listening.initialize();
        awaitServerNotificationRoute(listening);
        String name = "added_" + era().name().toLowerCase(Locale.ROOT);

        assertThat(text(listening.callTool("add_tool", Map.of("name", name)))).isEqualTo("added " + name);

        List<Tool> refreshed = lists.poll(10, TimeUnit.SECONDS);
        assertThat(refreshed).as("the tool list after notifications/tools/list_changed").isNotNull();
        assertThat(refreshed).extracting(Tool::name).contains(name);
        assertThat(text(listening.callTool(name, Map.of()))).isEqualTo(name);
    }

    @Test
    @Interop(Feature.TIMEOUT)
    void aCallThatOutlivesItsTimeoutFailsAndTheClientGoesOn() {
        String id = "timeout-" + era().name().toLowerCase(Locale.ROOT);
        assertThatThrownBy(() -> client().callTool("wait", Map.of("ms", 5_000, "id", id),
                CallOptions.withTimeout(Duration.ofMillis(300))))
                .isInstanceOf(McpTimeoutException.class);

        assertThat(text(client().callTool("echo", Map.of("text", "still here")))).isEqualTo("still here");
    }

    @Test
    @Interop(Feature.CANCELLATION)
    void aCallPastItsTimeoutIsCancelledAtTheServer() {
        String id = "cancel-" + era().name().toLowerCase(Locale.ROOT);
        assertThatThrownBy(() -> client().callTool("wait", Map.of("ms", 5_000, "id", id),
                CallOptions.withTimeout(Duration.ofMillis(300))))
                .isInstanceOf(McpTimeoutException.class);

        // The peer answers once that wait was cancelled (or after 5 s: not cancelled).
        assertThat(text(client().callTool("cancelled", Map.of("id", id)))).isEqualTo("cancelled " + id);
    }

    /**
     * Every feature once more, with two clients through a {@link RecordingProxy}: in the modern era nothing
     * of the handshake era reaches the peer (no {@code initialize}, {@code ping}, {@code logging/setLevel},
     * {@code resources/subscribe}, no session, no GET), every POST carries the revision; in the legacy era
     * nothing of the modern one does.
     */
    @Test
    @Interop(Feature.ERA_ON_THE_WIRE)
    void everyFeatureOnTheWireIsOfTheColumnsEraOnly() throws Exception {
        try (RecordingProxy proxy = RecordingProxy.to(peerUrl())) {
            BlockingQueue<ResourceUpdatedNotification> updates = new LinkedBlockingQueue<>();
            BlockingQueue<LoggingMessageNotification> logs = new LinkedBlockingQueue<>();
            McpClient first = connectThrough(proxy, b -> b.roots(() -> List.of(ROOT))
                    .sampling(request -> sampled(sampling().answer()))
                    .elicitation(request -> ElicitResult.accept(eliciting().answer()))
                    .onResourceUpdated(updates::add)
                    .onLoggingMessage(logs::add));
            first.initialize();
            first.ping();
            first.setLoggingLevel(logLevel());
            first.subscribeResource(readme());
            awaitServerNotificationRoute(first);

            toolCalls().forEach(call -> call.callWith(first));
            sampling().call().callWith(first);
            eliciting().call().callWith(first);
            rootsCall().callWith(first);
            first.callTool("touch", Map.of());
            assertThat(updates.poll(10, TimeUnit.SECONDS)).as("notifications/resources/updated").isNotNull();
            first.callTool("log", Map.of("message", "on the wire"));
            assertThat(logs.poll(10, TimeUnit.SECONDS)).as("notifications/message").isNotNull();
            first.readResource(readme());
            first.getPrompt("greeting", Map.of("name", "Ada"));
            first.complete(completions().get(0).request());
            first.unsubscribeResource(readme());
            first.close();

            McpClient second = connectThrough(proxy, b -> { });
            second.callTool("echo", Map.of("text", "second"));
            second.close();

            List<String> methods = proxy.methods();
            List<Seen> posts = proxy.seen().stream().filter(s -> s.httpMethod().equals("POST")).toList();
            if (era() == ProtocolEra.MODERN) {
                assertThat(methods).as("what reached the peer").doesNotContain(McpMethods.INITIALIZE,
                        McpMethods.NOTIFICATION_INITIALIZED, McpMethods.PING, McpMethods.LOGGING_SET_LEVEL,
                        McpMethods.RESOURCES_SUBSCRIBE, McpMethods.RESOURCES_UNSUBSCRIBE);
                assertThat(methods).as("what reached the peer").startsWith(McpMethods.SERVER_DISCOVER)
                        .contains(McpMethods.SUBSCRIPTIONS_LISTEN);
                // Each client learns the server's capabilities with server/discover; ping() is one more.
                assertThat(methods.stream().filter(McpMethods.SERVER_DISCOVER::equals)).as("server/discover")
                        .hasSizeGreaterThanOrEqualTo(3);
                assertThat(proxy.seen()).as("what reached the peer")
                        .allSatisfy(s -> assertThat(s.httpMethod()).isEqualTo("POST"));
                assertThat(posts).allSatisfy(post -> {
                    assertThat(post.header("MCP-Protocol-Version")).as("MCP-Protocol-Version of %s", post.rpcMethod())
                            .isEqualTo(ProtocolVersions.V2026_07_28);
                    assertThat(post.header("Mcp-Session-Id")).as("Mcp-Session-Id of %s", post.rpcMethod()).isNull();
                });
                // The level the client set rides in the _meta of its requests.
                Seen log = proxy.seen().stream().filter(s -> McpMethods.TOOLS_CALL.equals(s.rpcMethod())
                        && "log".equals(s.body().path("params").path("name").asString(""))).findFirst().orElseThrow();
                assertThat(log.body().path("params").path("_meta").path("io.modelcontextprotocol/logLevel").asString(""))
                        .as("the log level in the _meta of the log call")
                        .isEqualTo(McpJson.mapper().valueToTree(logLevel()).asString());
            } else {
                assertThat(methods).as("what reached the peer").doesNotContain(McpMethods.SUBSCRIPTIONS_LISTEN)
                        .contains(McpMethods.INITIALIZE, McpMethods.PING, McpMethods.LOGGING_SET_LEVEL,
                                McpMethods.RESOURCES_SUBSCRIBE, McpMethods.RESOURCES_UNSUBSCRIBE);
                if (!Against.AUTO.equals(protocolVersionSetting())) {
                    assertThat(methods).as("what reached the peer").doesNotContain(McpMethods.SERVER_DISCOVER);
                }
                assertThat(posts).filteredOn(post -> !McpMethods.INITIALIZE.equals(post.rpcMethod())
                                && !McpMethods.SERVER_DISCOVER.equals(post.rpcMethod()))
                        .allSatisfy(post -> assertThat(post.header("Mcp-Session-Id"))
                                .as("Mcp-Session-Id of %s", post.rpcMethod()).isNotNull());
            }
        }
    }
}
