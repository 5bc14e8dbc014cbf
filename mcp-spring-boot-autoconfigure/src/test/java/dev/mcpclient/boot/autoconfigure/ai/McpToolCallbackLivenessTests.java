package dev.mcpclient.boot.autoconfigure.ai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpclient.McpClient;
import dev.mcpclient.boot.autoconfigure.McpClientAutoConfiguration;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import dev.mcpclient.boot.autoconfigure.McpListChangedEvent;
import dev.mcpclient.boot.autoconfigure.McpServerProperties;
import dev.mcpclient.boot.autoconfigure.ModernMcpServer;
import dev.mcpclient.testing.SdkServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.ai.tool.execution.ToolExecutionException;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The tools a prompt sees follow the servers: a server that comes up late, changes its tools, is
 * added to or removed from the registry (at run time or by a configuration refresh), or is closed; a
 * 2026-07-28 list gone stale, renewed in the background; a call that times out; and no waiting on a
 * non-blocking thread. Each test has servers of its own (their state changes).
 */
class McpToolCallbackLivenessTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class,
                    McpToolCallbackAutoConfiguration.class));

    private static List<String> names(ToolCallback[] callbacks) {
        return Arrays.stream(callbacks).map(callback -> callback.getToolDefinition().name()).toList();
    }

    private static ChatClient chat(McpToolCallbackProvider provider, ScriptedChatModel model) {
        return ChatClient.builder(model).defaultToolCallbacks(provider).build();
    }

    @Test
    void aCallThatTimesOutReachesTheModelAsTheToolsFailureNamingServerAndTool() {
        try (SdkServer slow = SdkServer.streamableHttp()) {
            runner.withPropertyValues("mcp.client.servers.slow.url=" + slow.url(), "mcp.client.servers.slow.required=true",
                    "mcp.client.servers.slow.request-timeout=500ms").run(context -> {
                        ScriptedChatModel model = new ScriptedChatModel().callTool("wait", "{}").answerWithToolResults();

                        String answer = chat(context.getBean(McpToolCallbackProvider.class), model).prompt("Wait")
                                .call().content();

                        assertThat(answer).isEqualTo(
                                "wait -> The tool 'wait' of MCP server 'slow' failed: tools/call timed out after 500 ms");
                        assertThat(slow.awaitWaitingTool()).isTrue();
                    });
        }
    }

    @Test
    void aServerDownAtStartupContributesNoToolsUntilItComesUp() throws Exception {
        int port = freePort();
        try (SdkServer up = SdkServer.streamableHttp()) {
            ApplicationContextRunner configured = runner.withPropertyValues(
                    "mcp.client.servers.up.url=" + up.url(), "mcp.client.servers.up.required=true",
                    "mcp.client.servers.late.url=http://127.0.0.1:" + port + "/mcp",
                    "mcp.client.servers.late.reconnect.initial-delay=50ms",
                    "mcp.client.servers.late.reconnect.max-delay=200ms");
            configured.run(context -> {
                McpToolCallbackProvider provider = context.getBean(McpToolCallbackProvider.class);
                ScriptedChatModel model = new ScriptedChatModel().callTool("echo", "{\"text\":\"up\"}")
                        .answerWithToolResults().callTool("late_echo", "{\"text\":\"late\"}").answerWithToolResults();
                ChatClient chat = chat(provider, model);

                assertThat(chat.prompt("Echo").call().content()).isEqualTo("echo -> up");
                assertThat(model.toolsOffered(0)).containsExactlyElementsOf(SdkServer.TOOLS);

                try (SdkServer late = SdkServer.streamableHttp(port)) {
                    McpClient client = context.getBean(McpClientRegistry.class).client("late");
                    await().atMost(Duration.ofSeconds(20)).until(() -> client.status().initialized());

                    assertThat(chat.prompt("Echo").call().content()).isEqualTo("late_echo -> late");
                    assertThat(model.toolsOffered(2)).contains("up_echo", "late_echo").doesNotContain("echo");
                }
            });
        }
    }

    @Test
    void aToolTheServerAddsIsOfferedFromTheNextPromptOn() {
        try (SdkServer changing = SdkServer.streamableHttp()) {
            runner.withPropertyValues("mcp.client.servers.changing.url=" + changing.url(),
                    "mcp.client.servers.changing.required=true").withUserConfiguration(ListChanges.class).run(context -> {
                        ScriptedChatModel model = new ScriptedChatModel().answer("nothing yet").callTool("fresh", "{}")
                                .answerWithToolResults();
                        ChatClient chat = chat(context.getBean(McpToolCallbackProvider.class), model);

                        chat.prompt("Hi").call().content();
                        assertThat(model.toolsOffered(0)).doesNotContain("fresh");

                        changing.addTool("fresh");
                        McpListChangedEvent changed = context.getBean(ListChanges.class).events.poll(10, TimeUnit.SECONDS);
                        assertThat(changed).isNotNull();

                        assertThat(chat.prompt("Fresh").call().content()).isEqualTo("fresh -> fresh");
                        assertThat(model.toolsOffered(1)).contains("fresh");
                    });
        }
    }

    @Test
    void serversAddedToAndRemovedFromTheRegistryChangeTheToolsOfTheNextPrompt() {
        try (SdkServer first = whereServer("first"); SdkServer second = whereServer("second")) {
            runner.withPropertyValues("mcp.client.servers.first.url=" + first.url(),
                    "mcp.client.servers.first.required=true").run(context -> {
                        McpClientRegistry registry = context.getBean(McpClientRegistry.class);
                        ScriptedChatModel model = new ScriptedChatModel().callTool("where", "{}").answerWithToolResults()
                                .callTool("second_where", "{}").answerWithToolResults()
                                .callTool("where", "{}").answerWithToolResults();
                        ChatClient chat = chat(context.getBean(McpToolCallbackProvider.class), model);

                        assertThat(chat.prompt("Where?").call().content()).isEqualTo("where -> first");
                        assertThat(model.toolsOffered(0)).containsExactlyInAnyOrderElementsOf(toolsAnd("where"));

                        registry.add("second", required(second.url()));
                        assertThat(chat.prompt("Where?").call().content()).isEqualTo("second_where -> second");
                        assertThat(model.toolsOffered(2)).hasSize(2 * (SdkServer.TOOLS.size() + 1))
                                .contains("first_where", "second_where", "first_echo", "second_echo");

                        assertThat(registry.remove("second")).isTrue();
                        assertThat(chat.prompt("Where?").call().content()).isEqualTo("where -> first");
                        assertThat(model.toolsOffered(4)).containsExactlyInAnyOrderElementsOf(toolsAnd("where"));
                    });
        }
    }

    @Test
    void aRefreshedConfigurationChangesTheToolsOfTheNextPrompt() {
        try (SdkServer first = whereServer("first"); SdkServer second = whereServer("second")) {
            runner.withPropertyValues("mcp.client.servers.first.url=" + first.url(),
                    "mcp.client.servers.first.required=true").run(context -> {
                        McpClientRegistry registry = context.getBean(McpClientRegistry.class);
                        Map<String, Object> changed = new HashMap<>();
                        context.getBean(ConfigurableEnvironment.class).getPropertySources()
                                .addFirst(new MapPropertySource("changed", changed));
                        ScriptedChatModel model = new ScriptedChatModel().callTool("second_where", "{}")
                                .answerWithToolResults().callTool("where", "{}").answerWithToolResults();
                        ChatClient chat = chat(context.getBean(McpToolCallbackProvider.class), model);

                        changed.put("mcp.client.servers.second.url", second.url());
                        changed.put("mcp.client.servers.second.required", "true");
                        assertThat(registry.refresh()).containsExactly("second");
                        assertThat(chat.prompt("Where?").call().content()).isEqualTo("second_where -> second");
                        assertThat(model.toolsOffered(0)).contains("first_where", "second_where");

                        changed.clear();
                        assertThat(registry.refresh()).containsExactly("second");
                        assertThat(chat.prompt("Where?").call().content()).isEqualTo("where -> first");
                        assertThat(model.toolsOffered(2)).containsExactlyInAnyOrderElementsOf(toolsAnd("where"));
                    });
        }
    }

    @Test
    void serversAddedOrChangedAtRunTimeAreFilteredByTheirOwnToolsSettings() {
        try (SdkServer first = whereServer("first"); SdkServer second = whereServer("second")) {
            runner.withPropertyValues("mcp.client.servers.first.url=" + first.url(),
                    "mcp.client.servers.first.required=true").run(context -> {
                        McpClientRegistry registry = context.getBean(McpClientRegistry.class);
                        McpToolCallbackProvider provider = context.getBean(McpToolCallbackProvider.class);
                        McpServerProperties onlyWhere = required(second.url());
                        onlyWhere.getTools().setInclude(List.of("where"));
                        registry.add("second", onlyWhere);

                        // Only "where" is on both servers, so only it is prefixed; the second offers nothing else.
                        assertThat(names(provider)).contains("first_where", "second_where", "echo")
                                .noneMatch(name -> name.startsWith("second_") && !name.equals("second_where"))
                                .doesNotHaveDuplicates();

                        Map<String, Object> changed = new HashMap<>();
                        changed.put("mcp.client.servers.first.url", first.url());
                        changed.put("mcp.client.servers.first.required", "true");
                        changed.put("mcp.client.servers.first.tools.exclude", "echo");
                        context.getBean(ConfigurableEnvironment.class).getPropertySources()
                                .addFirst(new MapPropertySource("changed", changed));
                        assertThat(registry.refresh()).containsExactly("first");

                        assertThat(names(provider)).contains("first_where", "second_where", "add").doesNotContain("echo");
                    });
        }
    }

    private static List<String> names(McpToolCallbackProvider provider) {
        return Arrays.stream(provider.getToolCallbacks()).map(callback -> callback.getToolDefinition().name()).toList();
    }

    @Test
    void aClosedClientContributesNoTools() {
        try (SdkServer closing = SdkServer.streamableHttp(); SdkServer kept = SdkServer.streamableHttp()) {
            McpClient closingClient = McpClient.streamableHttp(closing.url()).build();
            McpClient keptClient = McpClient.streamableHttp(kept.url()).build();
            try {
                closingClient.initialize();
                keptClient.initialize();
                Map<String, McpClient> clients = new LinkedHashMap<>();
                clients.put("closing", closingClient);
                clients.put("kept", keptClient);
                McpToolCallbackProvider provider = McpToolCallbackProvider.builder(new McpClientRegistry(clients)).build();
                assertThat(names(provider.getToolCallbacks())).hasSize(2 * SdkServer.TOOLS.size())
                        .contains("closing_echo", "kept_echo");

                closingClient.close();

                // Its tools are still cached, and it still says it was initialized: it is left out as closed.
                assertThat(closingClient.status().initialized()).isTrue();
                assertThat(names(provider.getToolCallbacks())).containsExactlyElementsOf(SdkServer.TOOLS);
            } finally {
                closingClient.close();
                keptClient.close();
            }
        }
    }

    @Test
    void aStaleModernToolListIsUsedAtOnceWhileOneListingRenewsIt() {
        try (ModernMcpServer modern = ModernMcpServer.start()) {
            // A prompt that waited for a listing would wait up to 30 s; each prompt here is given 10 s.
            runner.withPropertyValues("mcp.client.servers.modern.url=" + modern.url(),
                    "mcp.client.servers.modern.required=true", "mcp.client.spring-ai.list-tools-timeout=30s")
                    .run(context -> {
                        ScriptedChatModel model = new ScriptedChatModel().answer("first").answer("stale")
                                .answer("still stale").callTool("later", "{\"text\":\"renewed\"}")
                                .answerWithToolResults();
                        ChatClient chat = chat(context.getBean(McpToolCallbackProvider.class), model);

                        // Nothing listed yet: the first prompt waits for the list (without ttlMs: stale at once).
                        assertThat(promptPromptly(chat, "Hi")).isEqualTo("first");
                        assertThat(model.toolsOffered(0)).containsExactly("echo");
                        long listings = toolListings(modern);

                        modern.holdToolsList();
                        modern.addTool("later");
                        modern.toolsTtl(Duration.ofMinutes(10));
                        assertThat(promptPromptly(chat, "Hi")).isEqualTo("stale");
                        assertThat(model.toolsOffered(1)).as("the list listed last").containsExactly("echo");
                        await().atMost(Duration.ofSeconds(10)).until(() -> toolListings(modern) == listings + 1);
                        assertThat(promptPromptly(chat, "Hi")).isEqualTo("still stale");
                        assertThat(model.toolsOffered(2)).containsExactly("echo");

                        modern.releaseToolsList();
                        McpToolCallbackProvider provider = context.getBean(McpToolCallbackProvider.class);
                        await().atMost(Duration.ofSeconds(10))
                                .until(() -> names(provider.getToolCallbacks()).contains("later"));
                        assertThat(promptPromptly(chat, "Later")).isEqualTo("later -> renewed");
                        assertThat(model.toolsOffered(3)).containsExactly("echo", "later");
                        assertThat(toolListings(modern)).as("one listing at a time; none while the list is fresh")
                                .isEqualTo(listings + 1);
                    });
        }
    }

    @Test
    void aToolOfAClosedClientFailsAsAToolExecutionException() {
        try (SdkServer server = SdkServer.streamableHttp()) {
            McpClient client = McpClient.streamableHttp(server.url()).build();
            client.initialize();
            McpToolCallbackProvider provider = McpToolCallbackProvider.builder(new McpClientRegistry(Map.of("s", client)))
                    .build();
            ToolCallback echo = Arrays.stream(provider.getToolCallbacks())
                    .filter(callback -> callback.getToolDefinition().name().equals("echo")).findFirst().orElseThrow();
            client.close();

            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> echo.call("{\"text\":\"x\"}")))
                    .isInstanceOf(ToolExecutionException.class)
                    .hasMessageStartingWith("The tool 'echo' of MCP server 's' failed: ")
                    .hasMessageContaining("closed");
        }
    }

    @Test
    void onANonBlockingThreadTheToolsAreNeverWaitedFor() throws Exception {
        try (SdkServer held = SdkServer.streamableHttp()) {
            McpClient client = McpClient.streamableHttp(held.url()).build();
            try {
                client.initialize();
                McpClientRegistry registry = new McpClientRegistry(Map.of("held", client));
                // A prompt that may block waits for a listing up to 30 s with this one, 300 ms with the other.
                McpToolCallbackProvider provider = McpToolCallbackProvider.builder(registry)
                        .listToolsTimeout(Duration.ofSeconds(30)).build();
                McpToolCallbackProvider impatient = McpToolCallbackProvider.builder(registry)
                        .listToolsTimeout(Duration.ofMillis(300)).build();
                held.holdRequests(); // tools/list gets no answer now

                // Not listed yet: a non-blocking caller gets none at once; a blocking one waits 300 ms, then gets none.
                assertThat(onParallelThread(provider)).isEmpty();
                assertThat(impatient.getToolCallbacks()).isEmpty();

                held.releaseRequests();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> names(provider.getToolCallbacks()).equals(SdkServer.TOOLS));

                // The list changes, and its new listing is held: the tools listed last are used meanwhile.
                held.holdRequests();
                held.addTool("later");
                await().atMost(Duration.ofSeconds(10)).until(() -> !client.reactive().listTools().toFuture().isDone());
                assertThat(onParallelThread(provider)).isEqualTo(SdkServer.TOOLS);
                assertThat(names(impatient.getToolCallbacks())).isEqualTo(SdkServer.TOOLS);

                held.releaseRequests();
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> names(provider.getToolCallbacks()).contains("later"));
            } finally {
                held.releaseRequests();
                client.close();
            }
        }
    }

    @Test
    void aToolCalledOnANonBlockingThreadFailsAtOnceWithAClearMessage() {
        try (SdkServer server = SdkServer.streamableHttp()) {
            McpClient client = McpClient.streamableHttp(server.url()).build();
            try {
                client.initialize();
                ToolCallback echo = Arrays.stream(McpToolCallbackProvider.builder(
                        new McpClientRegistry(Map.of("s", client))).build().getToolCallbacks())
                        .filter(callback -> callback.getToolDefinition().name().equals("echo")).findFirst().orElseThrow();

                assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> Mono.fromCallable(
                        () -> echo.call("{\"text\":\"x\"}")).subscribeOn(Schedulers.parallel()).block(Duration.ofSeconds(5))))
                        .isInstanceOf(ToolExecutionException.class)
                        .hasMessageStartingWith("The tool 'echo' of MCP server 's' failed: it was called on a "
                                + "non-blocking thread (parallel-");
            } finally {
                client.close();
            }
        }
    }

    /** The names the provider gives on a non-blocking thread; fails if it waits there (5 s at most). */
    private static List<String> onParallelThread(McpToolCallbackProvider provider) {
        return Mono.fromCallable(() -> names(provider.getToolCallbacks())).subscribeOn(Schedulers.parallel())
                .block(Duration.ofSeconds(5));
    }

    /** A test server whose tool {@code where} answers {@code name}, added before any client connects. */
    private static SdkServer whereServer(String name) {
        SdkServer server = SdkServer.streamableHttp();
        server.addTool(McpToolCallingTests.tool("where", (exchange, request) -> McpToolCallingTests.text(name)));
        return server;
    }

    /** The test server's tools and {@code more}. */
    private static List<String> toolsAnd(String... more) {
        List<String> tools = new ArrayList<>(SdkServer.TOOLS);
        tools.addAll(List.of(more));
        return tools;
    }

    /** A server at {@code url}, connected before it is added. */
    private static McpServerProperties required(String url) {
        McpServerProperties server = new McpServerProperties();
        server.setUrl(url);
        server.setRequired(true);
        return server;
    }

    /** The answer to {@code prompt}, which must come within 10 s (on a thread that may block). */
    private static String promptPromptly(ChatClient chat, String prompt) {
        return Mono.fromCallable(() -> chat.prompt(prompt).call().content()).subscribeOn(Schedulers.boundedElastic())
                .block(Duration.ofSeconds(10));
    }

    /** How many {@code tools/list} requests {@code server} received. */
    private static long toolListings(ModernMcpServer server) {
        return server.methods().stream().filter("tools/list"::equals).count();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ListChanges {

        final BlockingQueue<McpListChangedEvent> events = new LinkedBlockingQueue<>();

        @EventListener
        void on(McpListChangedEvent event) {
            if (event.kind() == McpListChangedEvent.Kind.TOOLS) {
                events.add(event);
            }
        }
    }
}
