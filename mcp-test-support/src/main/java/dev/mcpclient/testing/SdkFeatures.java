package dev.mcpclient.testing;

import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures.SyncCompletionSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncPromptSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * What every SDK test server offers, whatever its transport (the catalogue documented on
 * {@link SdkServer}), and the state its tools share: the latches of the {@code wait} tool and the
 * built server, which the {@code touch} tool notifies through.
 */
@SuppressWarnings("deprecation") // the SDK's record constructors, on purpose: they are what its users call
final class SdkFeatures {

    private final CountDownLatch waitStarted = new CountDownLatch(1);
    private final CountDownLatch waitingTools = new CountDownLatch(1);
    private volatile McpSyncServer server;

    /** Builds the server on {@code spec} (a transport's specification) with every feature. */
    <S extends McpServer.SyncSpecification<S>> McpSyncServer build(McpServer.SyncSpecification<S> spec) {
        McpSyncServer built = spec.serverInfo(SdkServer.NAME, SdkServer.VERSION)
                .capabilities(McpSchema.ServerCapabilities.builder().tools(true).resources(true, true).prompts(true)
                        .completions().logging().build())
                .tools(tools())
                .resources(new SyncResourceSpecification(
                        McpSchema.Resource.builder(SdkServer.README, "readme").mimeType("text/plain").build(),
                        (exchange, request) -> new McpSchema.ReadResourceResult(List.of(
                                new McpSchema.TextResourceContents(request.uri(), "text/plain", SdkServer.README_TEXT)))))
                .resourceTemplates(new SyncResourceTemplateSpecification(
                        McpSchema.ResourceTemplate.builder(SdkServer.NOTES_TEMPLATE, "notes").build(),
                        (exchange, request) -> new McpSchema.ReadResourceResult(List.of(
                                new McpSchema.TextResourceContents(request.uri(), "text/plain", "a note")))))
                .prompts(new SyncPromptSpecification(
                        new McpSchema.Prompt("greeting", "Greets someone",
                                List.of(new McpSchema.PromptArgument("name", "Who to greet", true))),
                        (exchange, request) -> new McpSchema.GetPromptResult("A greeting", List.of(
                                new McpSchema.PromptMessage(McpSchema.Role.USER,
                                        new McpSchema.TextContent("Hello, " + request.arguments().get("name") + "!"))))))
                .completions(new SyncCompletionSpecification(new McpSchema.PromptReference("greeting"),
                        (exchange, request) -> new McpSchema.CompleteResult(new McpSchema.CompleteResult.CompleteCompletion(
                                List.of("Ada", "Alan", "Grace").stream()
                                        .filter(n -> n.startsWith(request.argument().value())).toList()))))
                .build();
        this.server = built;
        return built;
    }

    private List<SyncToolSpecification> tools() {
        return List.of(
                tool("echo", Map.of("text", Map.of("type", "string")), null,
                        (exchange, args) -> text(String.valueOf(args.get("text")), false)),
                tool("add", Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")), null,
                        (exchange, args) -> text(String.valueOf(((Number) args.get("a")).longValue()
                                + ((Number) args.get("b")).longValue()), false)),
                tool("fail", Map.of(), null, (exchange, args) -> text("this tool always fails", true)),
                tool("wait", Map.of(), null, (exchange, args) -> {
                    waitStarted.countDown();
                    await(waitingTools, "the test never let the tool finish");
                    return text("waited", false);
                }),
                tool("whoami", Map.of(), null, (exchange, args) -> text(exchange.getClientInfo().name() + " "
                        + exchange.getClientInfo().version(), false)),
                tool("capabilities", Map.of(), null, (exchange, args) -> {
                    McpSchema.ClientCapabilities declared = exchange.getClientCapabilities();
                    return text("roots=" + (declared.roots() != null) + " sampling=" + (declared.sampling() != null)
                            + " elicitation=" + (declared.elicitation() != null), false);
                }),
                tool("env", Map.of("name", Map.of("type", "string")), null,
                        (exchange, args) -> text(String.valueOf(System.getenv(String.valueOf(args.get("name")))), false)),
                SyncToolSpecification.builder()
                        .tool(McpSchema.Tool.builder("count", Map.of("type", "object", "properties",
                                        Map.of("steps", Map.of("type", "integer"))))
                                .description("Counts to steps, one progress notification per step").build())
                        .callHandler(SdkFeatures::count)
                        .build(),
                tool("weather", Map.of("city", Map.of("type", "string")),
                        Map.of("type", "object",
                                "properties", Map.of("city", Map.of("type", "string"),
                                        "temperature", Map.of("type", "number")),
                                "required", List.of("city", "temperature")),
                        (exchange, args) -> McpSchema.CallToolResult.builder()
                                .addTextContent("{\"city\":\"" + args.get("city") + "\",\"temperature\":21.5}")
                                .structuredContent(Map.of("city", String.valueOf(args.get("city")), "temperature", 21.5))
                                .build()),
                tool("sample", Map.of("question", Map.of("type", "string")), null, (exchange, args) -> {
                    McpSchema.CreateMessageResult answer = exchange.createMessage(McpSchema.CreateMessageRequest.builder()
                            .messages(List.of(new McpSchema.SamplingMessage(McpSchema.Role.USER,
                                    new McpSchema.TextContent(String.valueOf(args.get("question"))))))
                            .maxTokens(50).build());
                    return text("sampled: " + ((McpSchema.TextContent) answer.content()).text() + " by " + answer.model(),
                            false);
                }),
                tool("elicit", Map.of(), null, (exchange, args) -> {
                    McpSchema.ElicitResult answer = exchange.createElicitation(McpSchema.ElicitRequest.builder()
                            .message("Who are you?")
                            .requestedSchema(Map.of("type", "object",
                                    "properties", Map.of("name", Map.of("type", "string")), "required", List.of("name")))
                            .build());
                    return text("elicited: " + answer.action() + " " + answer.content(), false);
                }),
                tool("roots", Map.of(), null, (exchange, args) -> text("roots: " + exchange.listRoots().roots().stream()
                        .map(r -> r.uri() + " (" + r.name() + ")").toList(), false)),
                tool("log", Map.of("message", Map.of("type", "string")), null, (exchange, args) -> {
                    exchange.loggingNotification(new McpSchema.LoggingMessageNotification(McpSchema.LoggingLevel.WARNING,
                            SdkServer.LOGGER, String.valueOf(args.get("message"))));
                    return text("logged", false);
                }),
                tool("touch", Map.of(), null, (exchange, args) -> {
                    updateResource(SdkServer.README);
                    return text("touched", false);
                }));
    }

    /** The names of the tools, in the order they are listed. */
    List<String> toolNames() {
        return tools().stream().map(t -> t.tool().name()).toList();
    }

    private static McpSchema.CallToolResult count(McpSyncServerExchange exchange, McpSchema.CallToolRequest request) {
        int steps = ((Number) request.arguments().getOrDefault("steps", 3)).intValue();
        Object token = request.meta() == null ? null : request.meta().get("progressToken");
        for (int i = 1; i <= steps; i++) {
            if (token != null) {
                exchange.progressNotification(new McpSchema.ProgressNotification(token, i, (double) steps,
                        "step " + i + " of " + steps));
            }
        }
        return text("counted to " + steps, false);
    }

    /** A tool answering {@code name}: what {@link SdkServer#addTool} adds. */
    static SyncToolSpecification namedTool(String name) {
        return tool(name, Map.of(), null, (exchange, args) -> text(name, false));
    }

    private static SyncToolSpecification tool(String name, Map<String, Object> properties, Map<String, Object> outputSchema,
            BiFunction<McpSyncServerExchange, Map<String, Object>, McpSchema.CallToolResult> handler) {
        McpSchema.Tool.Builder tool = McpSchema.Tool.builder(name, Map.of("type", "object", "properties", properties))
                .description("The " + name + " tool");
        if (outputSchema != null) {
            tool.outputSchema(outputSchema);
        }
        return SyncToolSpecification.builder().tool(tool.build())
                .callHandler((exchange, request) -> handler.apply(exchange,
                        request.arguments() == null ? Map.of() : request.arguments()))
                .build();
    }

    private static McpSchema.CallToolResult text(String text, boolean error) {
        return McpSchema.CallToolResult.builder().addTextContent(text).isError(error).build();
    }

    /** Waits for {@code latch}, at most 30 s, else fails with {@code timeoutMessage}. */
    static void await(CountDownLatch latch, String timeoutMessage) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(timeoutMessage);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    McpSyncServer server() {
        return server;
    }

    void updateResource(String uri) {
        server.notifyResourcesUpdated(new McpSchema.ResourcesUpdatedNotification(uri));
    }

    boolean awaitWaitingTool() throws InterruptedException {
        return waitStarted.await(30, TimeUnit.SECONDS);
    }

    void finishWaitingTools() {
        waitingTools.countDown();
    }
}
