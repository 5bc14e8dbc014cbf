package dev.mcpclient.boot.autoconfigure.ai;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpclient.McpClient;
import dev.mcpclient.boot.autoconfigure.McpClientAutoConfiguration;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.Tool;
import dev.mcpclient.testing.SdkServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.spec.McpSchema;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.ai.chat.client.ChatClient;
import org.springframework.ai.tool.ToolCallback;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring AI's own {@link ChatClient} and tool-calling loop, driven by a {@link ScriptedChatModel},
 * calling the tools of two Java SDK servers on 127.0.0.1 through the auto-configured
 * {@link McpToolCallbackProvider}. Both servers offer the SDK test server's tools; each also has
 * {@code where} (answers its own name) and {@code meta} (answers the {@code _meta} it got).
 */
class McpToolCallingTests {

    private static SdkServer alpha;
    private static SdkServer beta;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(McpClientAutoConfiguration.class,
                    McpToolCallbackAutoConfiguration.class));

    @BeforeAll
    static void startServers() {
        alpha = SdkServer.streamableHttp();
        beta = SdkServer.streamableHttp();
        for (SdkServer server : List.of(alpha, beta)) {
            String name = server == alpha ? "alpha" : "beta";
            server.addTool(tool("where", (exchange, request) -> text(name)));
            server.addTool(tool("meta", (exchange, request) -> text(String.valueOf(
                    request.meta() == null ? Map.of() : new TreeMap<>(request.meta())))));
        }
    }

    @AfterAll
    static void stopServers() {
        alpha.close();
        beta.close();
    }

    static McpServerFeatures.SyncToolSpecification tool(String name,
            java.util.function.BiFunction<io.modelcontextprotocol.server.McpSyncServerExchange, McpSchema.CallToolRequest,
                    McpSchema.CallToolResult> handler) {
        return McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder(name, Map.of("type", "object", "properties", Map.of()))
                        .description("The " + name + " tool").build())
                .callHandler(handler)
                .build();
    }

    static McpSchema.CallToolResult text(String text) {
        return McpSchema.CallToolResult.builder().addTextContent(text).build();
    }

    /** The runner with these servers, each required (connected before the context is ready). */
    private ApplicationContextRunner with(String... servers) {
        ApplicationContextRunner configured = runner;
        for (String server : servers) {
            SdkServer sdk = server.equals("alpha") ? alpha : beta;
            configured = configured.withPropertyValues("mcp.client.servers." + server + ".url=" + sdk.url(),
                    "mcp.client.servers." + server + ".required=true");
        }
        return configured;
    }

    private static ChatClient chat(AssertableApplicationContext context, ScriptedChatModel model) {
        return ChatClient.builder(model).defaultToolCallbacks(context.getBean(McpToolCallbackProvider.class)).build();
    }

    @Test
    void aToolCallReachesTheServerAndItsResultReachesTheModel() {
        with("alpha").run(context -> {
            ScriptedChatModel model = new ScriptedChatModel().callTool("echo", "{\"text\":\"hello\"}").answerWithToolResults();

            String answer = chat(context, model).prompt("Say hello").call().content();

            assertThat(answer).isEqualTo("echo -> hello");
            assertThat(model.toolsOffered(0)).containsAll(SdkServer.TOOLS).contains("where", "meta");
        });
    }

    @Test
    void aToolIsDefinedByItsDescriptionAndItsInputSchemaAsTheServerSentThem() {
        with("alpha").run(context -> {
            ScriptedChatModel model = new ScriptedChatModel().answer("nothing to do");
            chat(context, model).prompt("Hi").call().content();

            ToolCallback add = model.toolCallbacks(0).stream()
                    .filter(callback -> callback.getToolDefinition().name().equals("add")).findFirst().orElseThrow();
            Tool listed = context.getBean(McpClientRegistry.class).client("alpha").listTools().tools().stream()
                    .filter(tool -> tool.name().equals("add")).findFirst().orElseThrow();
            assertThat(add.getToolDefinition().description()).isEqualTo("The add tool");
            assertThat(McpJson.mapper().readTree(add.getToolDefinition().inputSchema())).isEqualTo(listed.inputSchema());
            assertThat(add.getToolDefinition().inputSchema()).contains("\"a\":{\"type\":\"number\"}");
            assertThat(add).isInstanceOfSatisfying(McpToolCallback.class, callback -> {
                assertThat(callback.server()).isEqualTo("alpha");
                assertThat(callback.tool()).isEqualTo(listed);
            });
        });
    }

    @Test
    void twoServersOfferingOneToolNameGetThemPrefixedAndEachCallReachesItsOwnServer() {
        with("alpha", "beta").run(context -> {
            ScriptedChatModel model = new ScriptedChatModel().callTool("beta_where", "{}").answerWithToolResults()
                    .callTool("alpha_where", "{}").answerWithToolResults();
            ChatClient chat = chat(context, model);

            assertThat(chat.prompt("Where?").call().content()).isEqualTo("beta_where -> beta");
            assertThat(chat.prompt("Where?").call().content()).isEqualTo("alpha_where -> alpha");
            assertThat(model.toolsOffered(0)).contains("alpha_where", "beta_where", "alpha_echo", "beta_echo")
                    .doesNotContain("where", "echo");
        });
    }

    @Test
    void theServersPrefixCanBeAlwaysOrNever() {
        with("alpha").withPropertyValues("mcp.client.spring-ai.tool-name-prefix=always").run(context -> {
            ScriptedChatModel model = new ScriptedChatModel().callTool("alpha_where", "{}").answerWithToolResults();
            assertThat(chat(context, model).prompt("Where?").call().content()).isEqualTo("alpha_where -> alpha");
            assertThat(model.toolsOffered(0)).allSatisfy(name -> assertThat(name).startsWith("alpha_"));
        });
        with("alpha", "beta").withPropertyValues("mcp.client.spring-ai.tool-name-prefix=never").run(context -> {
            ScriptedChatModel model = new ScriptedChatModel().callTool("where", "{}").answerWithToolResults();
            // The first server (in configuration order) keeps the name; the other's namesake is left out.
            assertThat(chat(context, model).prompt("Where?").call().content()).isEqualTo("where -> alpha");
            assertThat(model.toolsOffered(0)).doesNotHaveDuplicates().contains("where", "echo")
                    .hasSize(SdkServer.TOOLS.size() + 2);
        });
    }

    @Test
    void includeAndExcludeChooseEachServersTools() {
        with("alpha", "beta").withPropertyValues("mcp.client.servers.alpha.tools.include=e*,add,regex:wh(ere|oami)",
                "mcp.client.servers.alpha.tools.exclude=env", "mcp.client.servers.beta.tools.include=where")
                .run(context -> {
                    ScriptedChatModel model = new ScriptedChatModel().answer("ok");
                    chat(context, model).prompt("Hi").call().content();

                    assertThat(model.toolsOffered(0)).containsExactlyInAnyOrder("echo", "elicit", "add", "alpha_where",
                            "whoami", "beta_where");
                });
    }

    @Test
    void toolFilterBeansChooseToo() {
        with("alpha").withUserConfiguration(OnlyEcho.class).run(context -> {
            ScriptedChatModel model = new ScriptedChatModel().answer("ok");
            chat(context, model).prompt("Hi").call().content();

            assertThat(model.toolsOffered(0)).containsExactly("echo");
        });
    }

    @Test
    void anErrorTheToolReportsReachesTheModelAsItsAnswer() {
        with("alpha").run(context -> {
            ScriptedChatModel model = new ScriptedChatModel().callTool("fail", "{}").answerWithToolResults();

            assertThat(chat(context, model).prompt("Fail").call().content())
                    .isEqualTo("fail -> Error: this tool always fails");
        });
    }

    @Test
    void structuredContentReachesTheModelAsJsonOnce() {
        with("alpha").run(context -> {
            ScriptedChatModel model = new ScriptedChatModel().callTool("weather", "{\"city\":\"Paris\"}")
                    .answerWithToolResults();

            assertThat(chat(context, model).prompt("Weather?").call().content())
                    .isEqualTo("weather -> {\"city\":\"Paris\",\"temperature\":21.5}");
        });
    }

    @Test
    void argumentsThatAreNotAJsonObjectAreTheModelsToCorrect() {
        with("alpha").run(context -> {
            ScriptedChatModel model = new ScriptedChatModel().callTool("echo", "[1, 2]").answerWithToolResults();

            assertThat(chat(context, model).prompt("Echo").call().content()).isEqualTo(
                    "echo -> The tool 'echo' of MCP server 'alpha' failed: its arguments must be a JSON object, not ARRAY");
        });
    }

    @Test
    void theToolContextEntriesConfiguredGoToTheServerAsMeta() {
        with("alpha").withPropertyValues("mcp.client.spring-ai.tool-context-keys=tenant,trace*").run(context -> {
            ScriptedChatModel model = new ScriptedChatModel().callTool("meta", "{}").answerWithToolResults();

            String answer = chat(context, model).prompt("Meta").toolContext(Map.of("tenant", "acme", "traceId", "t-1",
                    "secret", "not for the server")).call().content();

            assertThat(answer).isEqualTo("meta -> {tenant=acme, traceId=t-1}");
        });
    }

    @Test
    void withoutConfiguredKeysNoToolContextEntryReachesTheServer() {
        with("alpha").run(context -> {
            ScriptedChatModel model = new ScriptedChatModel().callTool("meta", "{}").answerWithToolResults();

            assertThat(chat(context, model).prompt("Meta").toolContext(Map.of("tenant", "acme")).call().content())
                    .isEqualTo("meta -> {}");
        });
    }

    @Test
    void streamingCallsTheToolOffTheModelsNonBlockingThread() {
        with("alpha").run(context -> {
            ScriptedChatModel model = new ScriptedChatModel().callTool("echo", "{\"text\":\"streamed\"}")
                    .answerWithToolResults();

            List<String> chunks = chat(context, model).prompt("Stream").stream().content().collectList()
                    .block(Duration.ofSeconds(30));

            assertThat(String.join("", chunks)).isEqualTo("echo -> streamed");
            assertThat(model.calls()).isEqualTo(2);
        });
    }

    @Test
    void theToolsOfAClientAreTheClientsOwn() {
        with("alpha", "beta").run(context -> {
            McpClient beta = context.getBean(McpClientRegistry.class).client("beta");
            ToolCallback[] callbacks = context.getBean(McpToolCallbackProvider.class).getToolCallbacks();

            assertThat(callbacks).filteredOn(callback -> ((McpToolCallback) callback).server().equals("beta"))
                    .hasSize(SdkServer.TOOLS.size() + 2)
                    .allSatisfy(callback -> assertThat(callback.getToolDefinition().name()).startsWith("beta_"));
            assertThat(beta.status().initialized()).isTrue();
        });
    }

    @Configuration(proxyBeanMethods = false)
    static class OnlyEcho {

        @Bean
        McpToolFilter onlyEcho() {
            return (server, tool) -> tool.name().equals("echo");
        }
    }
}
