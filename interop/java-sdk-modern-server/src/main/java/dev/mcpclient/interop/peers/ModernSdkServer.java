package dev.mcpclient.interop.peers;

import static dev.mcpclient.interop.peers.SdkShapes.arguments;
import static dev.mcpclient.interop.peers.SdkShapes.describe;
import static dev.mcpclient.interop.peers.SdkShapes.objectSchema;
import static dev.mcpclient.interop.peers.SdkShapes.text;
import static dev.mcpclient.interop.peers.SdkShapes.textResource;
import static dev.mcpclient.interop.peers.SdkShapes.tool;

import io.modelcontextprotocol.json.McpJsonDefaults;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.modern.McpSchema;
import io.modelcontextprotocol.modern.McpSchema.CallToolOutcome;
import io.modelcontextprotocol.modern.McpSchema.CallToolRequest;
import io.modelcontextprotocol.modern.McpSchema.CallToolResult;
import io.modelcontextprotocol.modern.McpSchema.ClientCapabilities;
import io.modelcontextprotocol.modern.McpSchema.CompleteResult;
import io.modelcontextprotocol.modern.McpSchema.CreateMessageRequest;
import io.modelcontextprotocol.modern.McpSchema.CreateMessageResult;
import io.modelcontextprotocol.modern.McpSchema.ElicitFormRequest;
import io.modelcontextprotocol.modern.McpSchema.ElicitResult;
import io.modelcontextprotocol.modern.McpSchema.GetPromptResult;
import io.modelcontextprotocol.modern.McpSchema.Implementation;
import io.modelcontextprotocol.modern.McpSchema.InputRequiredResult;
import io.modelcontextprotocol.modern.McpSchema.ListRootsResult;
import io.modelcontextprotocol.modern.McpSchema.Prompt;
import io.modelcontextprotocol.modern.McpSchema.PromptArgument;
import io.modelcontextprotocol.modern.McpSchema.PromptMessage;
import io.modelcontextprotocol.modern.McpSchema.Resource;
import io.modelcontextprotocol.modern.McpSchema.ResourceTemplate;
import io.modelcontextprotocol.modern.McpSchema.Role;
import io.modelcontextprotocol.modern.McpSchema.SamplingMessage;
import io.modelcontextprotocol.modern.McpSchema.TextContent;
import io.modelcontextprotocol.modern.McpSchema.Tool;
import io.modelcontextprotocol.modern.server.HmacRequestStateCodec;
import io.modelcontextprotocol.modern.server.InputResponses;
import io.modelcontextprotocol.modern.server.McpRequestContext;
import io.modelcontextprotocol.modern.server.McpServer;
import io.modelcontextprotocol.modern.server.McpSyncResponse;
import io.modelcontextprotocol.modern.server.feature.McpChangeFeed;
import io.modelcontextprotocol.modern.server.feature.McpSyncCompletionHandler;
import io.modelcontextprotocol.modern.server.feature.McpSyncPrompt;
import io.modelcontextprotocol.modern.server.feature.McpSyncPromptRepository;
import io.modelcontextprotocol.modern.server.feature.McpSyncResource;
import io.modelcontextprotocol.modern.server.feature.McpSyncResourceRepository;
import io.modelcontextprotocol.modern.server.feature.McpSyncResourceTemplate;
import io.modelcontextprotocol.modern.server.feature.McpSyncTool;
import io.modelcontextprotocol.modern.server.feature.McpSyncToolRepository;
import io.modelcontextprotocol.modern.server.feature.PromptsFeature;
import io.modelcontextprotocol.modern.server.feature.PromptsPage;
import io.modelcontextprotocol.modern.server.feature.ResourceTemplatesPage;
import io.modelcontextprotocol.modern.server.feature.ResourcesFeature;
import io.modelcontextprotocol.modern.server.feature.ResourcesPage;
import io.modelcontextprotocol.modern.server.feature.ServerChange;
import io.modelcontextprotocol.modern.server.feature.ToolsFeature;
import io.modelcontextprotocol.modern.server.feature.ToolsPage;
import io.modelcontextprotocol.modern.server.transport.HttpServletMcpTransport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;

/**
 * The official MCP Java SDK's stateless server of the 2026-07-28 revision
 * ({@code io.modelcontextprotocol.sdk:mcp} 2.2.0, package {@code io.modelcontextprotocol.modern}) on an
 * embedded Tomcat bound to 127.0.0.1: a peer process of the interop tests. It speaks 2026-07-28 only
 * ({@code server/discover}, per-request {@code _meta}, no {@code initialize}, no sessions: GET and DELETE
 * answer 405) at {@code /mcp}.
 *
 * <p>Started with {@code PORT} in the environment (0 or unset: any free port), it prints
 * {@code interop: listening on 127.0.0.1:<port> (http://127.0.0.1:<port>/mcp)} on stdout once it listens,
 * and stops on SIGTERM.
 *
 * <p>What it offers mirrors the handshake-era Java SDK test server ({@code dev.mcpclient.testing.SdkServer})
 * where the modern server API allows. Tools: {@code echo(text)}, {@code add(a, b)}, {@code fail()} (the
 * tool's own error), {@code whoami()} (the client info of the request's {@code _meta}), {@code capabilities()}
 * (the client capabilities of the request's {@code _meta}, e.g. {@code roots=true sampling=false
 * elicitation=false}), {@code count(steps)} (a progress notification per step on the call's event stream),
 * {@code weather(city)} (structured content with an output schema), {@code locate(region)} (its
 * {@code region} marked {@code x-mcp-header: Region}: the server checks {@code Mcp-Param-Region}),
 * {@code log(message)} (a warning {@code notifications/message} of the logger {@value #LOGGER} on the call's
 * stream), {@code wait(ms, id)} (answers after {@code ms}, at most 10 s; a call whose thread is interrupted, which
 * would be the SDK cancelling it, notes its {@code id}) and {@code cancelled(id)} ({@code cancelled <id>}
 * once that {@code wait} was cancelled, waiting up to 5 s for it, else {@code not cancelled <id>}), and the
 * multi-round-trip tools (an {@code input_required} result, then the retry):
 * {@code sample(question)} ({@code sampled: <answer> by <model>}), {@code elicit()} (a form asking for
 * {@code name}; {@code elicited: ACCEPT {name=...}}) and {@code roots()} ({@code roots: [<uri> (<name>), ...]}),
 * which require the sampling, elicitation and roots client capabilities. Changes, to
 * {@code subscriptions/listen} streams: {@code touch()} ({@code notifications/resources/updated} of
 * {@value #README}) and {@code add_tool(name)} (adds a tool answering its name;
 * {@code notifications/tools/list_changed}). One resource, {@value #README}, one resource template
 * ({@value #NOTES_TEMPLATE}), one prompt, {@code greeting(name)}, with completions of {@code name}.
 */
public final class ModernSdkServer {

    /** The server's name in the {@code serverInfo} of its results. */
    public static final String NAME = "sdk-modern-server";
    /** The server's version: the SDK's. */
    public static final String VERSION = "2.2.0";
    /** The URI of the one resource. */
    public static final String README = "file:///sdk/readme.txt";
    /** The text of {@link #README}. */
    public static final String README_TEXT = "hello from the modern Java SDK";
    /** The URI template of the one resource template. */
    public static final String NOTES_TEMPLATE = "file:///sdk/notes/{name}";
    /** The logger of the {@code log} tool's messages. */
    public static final String LOGGER = "sdk";

    private static final String NOTES_PREFIX = "file:///sdk/notes/";
    private static final long MAX_WAIT_MS = 10_000;

    private final McpJsonMapper json = McpJsonDefaults.getMapper();
    private final McpChangeFeed changes = new McpChangeFeed();
    private final List<McpSyncTool> tools = new CopyOnWriteArrayList<>();
    /** The ids of the {@code wait} calls that were cancelled (their thread interrupted). */
    private final Set<String> cancelledWaits = new HashSet<>();

    private ModernSdkServer() {
        tools.addAll(List.of(
                tool("echo", Map.of("text", Map.of("type", "string")), (ctx, args) -> text(String.valueOf(args.get("text")))),
                tool("add", Map.of("a", Map.of("type", "number"), "b", Map.of("type", "number")),
                        (ctx, args) -> text(String.valueOf(((Number) args.get("a")).longValue()
                                + ((Number) args.get("b")).longValue()))),
                tool("fail", Map.of(), (ctx, args) -> CallToolResult.builder()
                        .addContent(TextContent.builder("this tool always fails").build()).isError(true).build()),
                tool("whoami", Map.of(), (ctx, args) -> text(ctx.clientInfo() == null ? "anonymous"
                        : ctx.clientInfo().name() + " " + ctx.clientInfo().version())),
                tool("capabilities", Map.of(), (ctx, args) -> {
                    ClientCapabilities declared = ctx.clientCapabilities();
                    return text("roots=" + (declared.roots() != null) + " sampling=" + (declared.sampling() != null)
                            + " elicitation=" + (declared.elicitation() != null));
                }),
                McpSyncTool.of(Tool.builder("count", objectSchema(Map.of("steps", Map.of("type", "integer"))))
                        .description("Counts to steps, one progress notification per step").build(), this::count),
                McpSyncTool.of(Tool.builder("weather", objectSchema(Map.of("city", Map.of("type", "string"))))
                        .description("The weather of a city, as structured content")
                        .outputSchema(Map.of("type", "object",
                                "properties", Map.of("city", Map.of("type", "string"), "temperature", Map.of("type", "number")),
                                "required", List.of("city", "temperature")))
                        .build(), (ctx, request) -> {
                            String city = String.valueOf(arguments(request).get("city"));
                            return McpSyncResponse.result(CallToolResult.builder()
                                    .addContent(TextContent.builder("{\"city\":\"" + city + "\",\"temperature\":21.5}").build())
                                    .structuredContent(Map.of("city", city, "temperature", 21.5))
                                    .build());
                        }),
                tool("locate", Map.of("region", Map.of("type", "string", "x-mcp-header", "Region")),
                        (ctx, args) -> text("region: " + args.get("region"))),
                McpSyncTool.of(Tool.builder("log", objectSchema(Map.of("message", Map.of("type", "string"))))
                        .description("Sends a warning log message on the call's stream").build(), (ctx, request) ->
                        McpSyncResponse.streaming(notifier -> {
                            notifier.notify(McpSchema.METHOD_NOTIFICATION_MESSAGE, Map.of("level", "warning",
                                    "logger", LOGGER, "data", String.valueOf(arguments(request).get("message"))));
                            return text("logged");
                        })),
                McpSyncTool.of(describe("sample", Map.of("question", Map.of("type", "string"))),
                        ClientCapabilities.builder().sampling().build(), this::sample),
                McpSyncTool.of(describe("elicit", Map.of()),
                        ClientCapabilities.builder().elicitation(new ClientCapabilities.Elicitation(
                                new ClientCapabilities.Elicitation.Form(), null)).build(), this::elicit),
                McpSyncTool.of(describe("roots", Map.of()), ClientCapabilities.builder().roots().build(), this::roots),
                tool("wait", Map.of("ms", Map.of("type", "integer"), "id", Map.of("type", "string")), this::waitFor),
                tool("cancelled", Map.of("id", Map.of("type", "string")), this::cancelled),
                tool("touch", Map.of(), (ctx, args) -> {
                    changes.broadcast(new ServerChange.ResourceUpdated(README));
                    return text("touched");
                }),
                tool("add_tool", Map.of("name", Map.of("type", "string")), (ctx, args) -> {
                    String name = String.valueOf(args.get("name"));
                    tools.add(tool(name, Map.of(), (c, a) -> text(name)));
                    changes.broadcast(new ServerChange.ToolsListChanged());
                    return text("added " + name);
                })));
    }

    /**
     * Starts the server on {@code PORT} (0 or unset: a free port) and prints the port.
     *
     * @param args none
     */
    public static void main(String[] args) throws LifecycleException, IOException {
        int port = Integer.parseInt(System.getenv().getOrDefault("PORT", "0"));
        ModernSdkServer features = new ModernSdkServer();
        McpServer server = features.build();
        HttpServletMcpTransport transport = HttpServletMcpTransport.builder(server).endpoint("/mcp").build();

        Path baseDir = Files.createTempDirectory("sdk-modern-server");
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir.toString());
        Connector connector = new Connector();
        connector.setPort(port);
        connector.setProperty("address", "127.0.0.1");
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", baseDir.toString());
        Wrapper servlet = Tomcat.addServlet(context, "mcp", transport);
        servlet.setAsyncSupported(true);
        context.addServletMappingDecoded("/mcp", "mcp");
        tomcat.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            transport.closeGracefully();
            try {
                tomcat.stop();
                tomcat.destroy();
            } catch (LifecycleException e) {
                // stopping anyway
            }
        }, "sdk-modern-server-stop"));

        int actual = connector.getLocalPort();
        System.out.println("interop: listening on 127.0.0.1:" + actual + " (http://127.0.0.1:" + actual + "/mcp)");
        System.out.flush();
        tomcat.getServer().await();
    }

    private McpServer build() {
        McpSyncToolRepository toolRepository = new McpSyncToolRepository() {
            @Override
            public ToolsPage list(McpRequestContext ctx, String cursor) {
                return ToolsPage.of(tools.stream().map(McpSyncTool::definition).toList());
            }

            @Override
            public McpSyncTool find(McpRequestContext ctx, String name) {
                return tools.stream().filter(t -> t.definition().name().equals(name)).findFirst().orElse(null);
            }
        };
        McpSyncResourceRepository resourceRepository = new McpSyncResourceRepository() {
            @Override
            public ResourcesPage list(McpRequestContext ctx, String cursor) {
                return ResourcesPage.of(List.of(Resource.builder(README, "readme").mimeType("text/plain").build()));
            }

            @Override
            public ResourceTemplatesPage listTemplates(McpRequestContext ctx, String cursor) {
                return ResourceTemplatesPage.of(List.of(ResourceTemplate.builder(NOTES_TEMPLATE, "notes").build()));
            }

            @Override
            public McpSyncResource find(McpRequestContext ctx, String uri) {
                if (README.equals(uri)) {
                    return textResource(README_TEXT);
                }
                return uri.startsWith(NOTES_PREFIX) ? textResource("a note") : null;
            }

            @Override
            public McpSyncResourceTemplate findTemplate(McpRequestContext ctx, String uriTemplate) {
                return NOTES_TEMPLATE.equals(uriTemplate)
                        ? McpSyncResourceTemplate.of(ResourceTemplate.builder(NOTES_TEMPLATE, "notes").build()) : null;
            }

            @Override
            public boolean supportsSubscribe() {
                return true;
            }
        };
        Prompt greeting = Prompt.builder("greeting").description("Greets someone")
                .arguments(List.of(PromptArgument.builder("name").description("Who to greet").required(true).build()))
                .build();
        McpSyncCompletionHandler names = (ctx, request) -> CompleteResult.of(new CompleteResult.Completion(
                List.of("Ada", "Alan", "Grace").stream().filter(n -> n.startsWith(request.argument().value())).toList()));
        McpSyncPrompt greetingPrompt = McpSyncPrompt.of(greeting, (ctx, request) -> McpSyncResponse.result(
                GetPromptResult.builder(List.of(new PromptMessage(Role.USER,
                        TextContent.builder("Hello, " + request.arguments().get("name") + "!").build())))
                        .description("A greeting").build()))
                .withCompletionHandler(names);
        McpSyncPromptRepository promptRepository = new McpSyncPromptRepository() {
            @Override
            public PromptsPage list(McpRequestContext ctx, String cursor) {
                return PromptsPage.of(List.of(greeting));
            }

            @Override
            public McpSyncPrompt find(McpRequestContext ctx, String name) {
                return "greeting".equals(name) ? greetingPrompt : null;
            }

            @Override
            public boolean supportsCompletion() {
                return true;
            }
        };
        return McpServer.builder()
                .serverInfo(Implementation.builder(NAME, VERSION).build())
                .supportedVersions(List.of(McpSchema.LATEST_PROTOCOL_VERSION))
                .features(List.of(ToolsFeature.ofSync(toolRepository), ResourcesFeature.ofSync(resourceRepository),
                        PromptsFeature.ofSync(promptRepository)))
                .subscriptions(changes)
                // One process, one key: what the SDK would generate itself, without its warning about it.
                .requestStateCodec(HmacRequestStateCodec.builder().key(randomKey()).build())
                .build();
    }

    private static byte[] randomKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return key;
    }

    /** {@code wait(ms, id)}: answers after {@code ms} (at most 10 s), unless cancelled first: then {@code id} is noted. */
    private CallToolResult waitFor(McpRequestContext ctx, Map<String, Object> args) {
        long ms = Math.min(((Number) args.getOrDefault("ms", 0)).longValue(), MAX_WAIT_MS);
        String id = String.valueOf(args.get("id"));
        try {
            Thread.sleep(ms);
            return text("waited " + ms + " ms");
        } catch (InterruptedException e) {
            synchronized (cancelledWaits) {
                cancelledWaits.add(id);
                cancelledWaits.notifyAll();
            }
            Thread.currentThread().interrupt();
            return text("cancelled");
        }
    }

    /** {@code cancelled(id)}: whether the {@code wait} of {@code id} was cancelled, waiting up to 5 s for it. */
    private CallToolResult cancelled(McpRequestContext ctx, Map<String, Object> args) {
        String id = String.valueOf(args.get("id"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        synchronized (cancelledWaits) {
            try {
                long left;
                while (!cancelledWaits.contains(id) && (left = deadline - System.nanoTime()) > 0) {
                    TimeUnit.NANOSECONDS.timedWait(cancelledWaits, left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return text((cancelledWaits.contains(id) ? "cancelled " : "not cancelled ") + id);
        }
    }

    private McpSyncResponse<CallToolOutcome> count(McpRequestContext ctx, CallToolRequest request) {
        int steps = ((Number) arguments(request).getOrDefault("steps", 3)).intValue();
        return McpSyncResponse.streaming(notifier -> {
            for (int i = 1; i <= steps; i++) {
                notifier.progress(i, (double) steps, "step " + i + " of " + steps);
            }
            return text("counted to " + steps);
        });
    }

    private McpSyncResponse<CallToolOutcome> sample(McpRequestContext ctx, CallToolRequest request) {
        if (request.inputResponses() == null) {
            String question = String.valueOf(arguments(request).get("question"));
            return McpSyncResponse.result(InputRequiredResult.builder()
                    .createMessage("answer", CreateMessageRequest.builder(List.of(new SamplingMessage(Role.USER,
                            TextContent.builder(question).build())), 50).build())
                    .requestState("sample")
                    .build());
        }
        CreateMessageResult answer = InputResponses.get(request.inputResponses(), "answer", CreateMessageResult.class, json);
        return McpSyncResponse.result(text("sampled: " + ((TextContent) answer.content()).text() + " by " + answer.model()));
    }

    private McpSyncResponse<CallToolOutcome> elicit(McpRequestContext ctx, CallToolRequest request) {
        if (request.inputResponses() == null) {
            return McpSyncResponse.result(InputRequiredResult.builder()
                    .elicit("name", ElicitFormRequest.builder("Who are you?", Map.of("type", "object",
                            "properties", Map.of("name", Map.of("type", "string")), "required", List.of("name"))).build())
                    .requestState("elicit")
                    .build());
        }
        ElicitResult answer = InputResponses.get(request.inputResponses(), "name", ElicitResult.class, json);
        return McpSyncResponse.result(text("elicited: " + answer.action() + " " + answer.content()));
    }

    private McpSyncResponse<CallToolOutcome> roots(McpRequestContext ctx, CallToolRequest request) {
        if (request.inputResponses() == null) {
            return McpSyncResponse.result(InputRequiredResult.builder().listRoots("roots").build());
        }
        ListRootsResult roots = InputResponses.get(request.inputResponses(), "roots", ListRootsResult.class, json);
        return McpSyncResponse.result(text("roots: " + roots.roots().stream()
                .map(r -> r.uri() + " (" + r.name() + ")").toList()));
    }
}
