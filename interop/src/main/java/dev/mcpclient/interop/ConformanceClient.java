package dev.mcpclient.interop;

import dev.mcpclient.McpClient;
import dev.mcpclient.McpClientBuilder;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.ClientCapabilities;
import dev.mcpclient.schema.CreateMessageResult;
import dev.mcpclient.schema.ElicitRequest;
import dev.mcpclient.schema.ElicitResult;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.schema.McpJson;
import dev.mcpclient.schema.Prompt;
import dev.mcpclient.schema.Resource;
import dev.mcpclient.schema.Role;
import dev.mcpclient.schema.Root;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.schema.Tool;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * The client under test of the official MCP conformance suite ({@code @modelcontextprotocol/conformance}).
 *
 * <p>The suite starts this program once per scenario with the scenario's server URL as the last
 * argument, the scenario's name in {@code MCP_CONFORMANCE_SCENARIO}, the spec version it runs the
 * scenario at in {@code MCP_CONFORMANCE_PROTOCOL_VERSION} and, for some scenarios, the scenario's data
 * as JSON in {@code MCP_CONFORMANCE_CONTEXT}. It exits 0 when it did what the scenario asks, 1 when a
 * call failed or returned something unexpected, and 2 for a scenario it does not know. The suite judges
 * the protocol traffic itself; the exit code only tells it the client finished.
 *
 * <p>The client chooses the protocol version itself (whatever the suite runs the scenario at): this
 * program never pins one; {@code MCP_CONFORMANCE_PROTOCOL_VERSION} is only logged.
 */
public final class ConformanceClient {

    /**
     * The client scenarios that are neither about authorization nor extensions, in the order the suite
     * lists them.
     */
    public static final List<String> SCENARIOS = List.of("initialize", "tools_call",
            "elicitation-sep1034-client-defaults", "sse-retry", "request-metadata", "sep-2322-client-request-state",
            "http-standard-headers", "http-custom-headers", "http-invalid-tool-headers", "json-schema-ref-no-deref",
            "json-schema-2020-12-preservation");

    private ConformanceClient() {
    }

    /**
     * Runs one scenario.
     *
     * @param args the scenario's server URL (the last argument)
     */
    public static void main(String[] args) {
        String scenario = System.getenv("MCP_CONFORMANCE_SCENARIO");
        if (args.length == 0 || scenario == null) {
            System.err.println("usage: MCP_CONFORMANCE_SCENARIO=<scenario> ConformanceClient <server-url>");
            System.exit(2);
        }
        String url = args[args.length - 1];
        System.err.println("conformance client: scenario " + scenario + " at " + url + " (the suite runs it at "
                + System.getenv("MCP_CONFORMANCE_PROTOCOL_VERSION") + ")");
        int status;
        try {
            status = run(scenario, url);
        } catch (RuntimeException e) {
            System.err.println("conformance client: scenario " + scenario + " failed: " + e);
            e.printStackTrace();
            status = 1;
        }
        System.exit(status);
    }

    static int run(String scenario, String url) {
        if (scenario.startsWith("auth/")) {
            return ConformanceAuth.run(scenario, url);
        }
        switch (scenario) {
            case "initialize":
                return initialize(url);
            case "tools_call":
                return toolsCall(url);
            case "sse-retry":
                return sseRetry(url);
            case "elicitation-sep1034-client-defaults":
                return elicitationDefaults(url);
            case "request-metadata":
                return requestMetadata(url);
            case "sep-2322-client-request-state":
                return requestState(url);
            case "http-standard-headers":
                return standardHeaders(url);
            case "http-custom-headers":
                return customHeaders(url);
            case "http-invalid-tool-headers":
                return invalidToolHeaders(url);
            case "json-schema-ref-no-deref":
                return refNoDeref(url);
            case "json-schema-2020-12-preservation":
                return schemaPreservation(url);
            default:
                System.err.println("conformance client: unsupported scenario " + scenario);
                return 2;
        }
    }

    /** Builds the client every scenario uses. */
    static McpClient client(String url) {
        return client(url, b -> { });
    }

    /** Builds a client with the options of a scenario. */
    static McpClient client(String url, Consumer<McpClientBuilder> options) {
        McpClientBuilder builder = McpClient.streamableHttp(url)
                .clientInfo("mcp-client-java-conformance", "0.1.0")
                .requestTimeout(Duration.ofSeconds(10));
        options.accept(builder);
        return builder.build();
    }

    private static int initialize(String url) {
        try (McpClient client = client(url)) {
            // The handshake is the scenario; list tools only where the server offers them (the client
            // refuses a call whose capability the server did not declare).
            if (client.initialize().capabilities().tools() != null) {
                client.listTools();
            }
        }
        return 0;
    }

    private static int toolsCall(String url) {
        // Run at 2025-11-25 (the default) over the handshake, at 2026-07-28 (--spec-version) statelessly:
        // the same calls either way.
        try (McpClient client = client(url)) {
            requireTool(client.listTools(), "add_numbers");
            CallToolResult result = client.callTool("add_numbers", Map.of("a", 5, "b", 3));
            return expect(result, "8");
        }
    }

    private static int sseRetry(String url) {
        try (McpClient client = client(url)) {
            requireTool(client.listTools(), "test_reconnection");
            // The server closes the call's stream after a priming event with retry: 500; the response
            // arrives only on the GET stream the client resumes with Last-Event-ID after that delay.
            CallToolResult result = client.callTool("test_reconnection", Map.of());
            return expect(result, "successfully");
        }
    }

    private static int elicitationDefaults(String url) {
        // The server asks for five fields, each with a default, and expects them all back when the user
        // accepts without filling any in: the client applies the defaults (form.applyDefaults).
        ClientCapabilities.ElicitationCapability applyDefaults = new ClientCapabilities.ElicitationCapability(
                new ClientCapabilities.FormCapability(true), null);
        try (McpClient client = client(url, b -> b.elicitation(request -> ElicitResult.accept(Map.of()), applyDefaults))) {
            requireTool(client.listTools(), "test_client_elicitation_defaults");
            CallToolResult result = client.callTool("test_client_elicitation_defaults", Map.of());
            return expect(result, "Elicitation completed");
        }
    }

    /**
     * request-metadata (SEP-2575, 2026-07-28 only): every POST must carry {@code MCP-Protocol-Version}
     * and, in {@code _meta}, the same protocol version, the client capabilities and (should) the client
     * info. The server rejects the client's first request, whatever it is, with -32022 (unsupported
     * protocol version, {@code supported: ["2026-07-28"]}); the client must retry at 2026-07-28. Its
     * {@code server/discover} declares no capabilities, so the client lists tools only if it does. The
     * roots, sampling and elicitation capabilities are declared so that the suite checks their shape.
     */
    private static int requestMetadata(String url) {
        try (McpClient client = client(url, ConformanceClient::everyClientCapability)) {
            if (client.initialize().capabilities().tools() != null) {
                client.listTools();
            }
        }
        return 0;
    }

    /**
     * sep-2322-client-request-state (MRTR, 2026-07-28 only). The server's tools answer the first call
     * with an {@code input_required} result asking for a form elicitation ({@code confirmed: true}
     * accepted here); the client must fulfil it through its elicitation handler and retry the call with
     * {@code inputResponses} and, exactly as received, the {@code requestState} (none when the server
     * sent none), under a new JSON-RPC id. {@code test_mrtr_unrelated}, called while the first tool's
     * round is open (from inside the elicitation handler), must carry neither. A result without
     * {@code resultType} is complete.
     */
    private static int requestState(String url) {
        AtomicReference<McpClient> self = new AtomicReference<>();
        AtomicBoolean unrelatedCalled = new AtomicBoolean();
        AtomicReference<String> unrelated = new AtomicReference<>();
        try (McpClient client = client(url, b -> b.elicitation(request -> {
            if (unrelatedCalled.compareAndSet(false, true)) {
                // Between the first round and its retry: another call must not take this round's state.
                unrelated.set(text(self.get().callTool("test_mrtr_unrelated", Map.of())));
            }
            return ElicitResult.accept(Map.of("confirmed", true));
        }))) {
            self.set(client);
            ListToolsResult tools = client.listTools();
            for (String name : List.of("test_mrtr_echo_state", "test_mrtr_no_state", "test_mrtr_unrelated",
                    "test_mrtr_no_result_type")) {
                requireTool(tools, name);
            }
            int status = expect(client.callTool("test_mrtr_echo_state", Map.of()), "echo-state-ok");
            if (!"unrelated-ok".equals(unrelated.get())) {
                System.err.println("conformance client: test_mrtr_unrelated, called during the first round, said "
                        + unrelated.get());
                status = 1;
            }
            status |= expect(client.callTool("test_mrtr_no_state", Map.of()), "no-state-ok");
            status |= expect(client.callTool("test_mrtr_no_result_type", Map.of()), "no-result-type-test-ok");
            return status;
        }
    }

    /**
     * http-standard-headers (SEP-2243, 2026-07-28 only): every POST must carry {@code Mcp-Method} (the
     * body's method) and {@code tools/call}, {@code resources/read} and {@code prompts/get} also
     * {@code Mcp-Name} (the tool or prompt name, the resource URI, byte for byte). The server offers two
     * tools ({@code test_headers}, {@code my-hyphenated-tool}), two resources (a URI with {@code %20}, one
     * with a query string) and a prompt ({@code test_prompt}): every one of them is used.
     */
    private static int standardHeaders(String url) {
        try (McpClient client = client(url)) {
            for (Tool tool : client.listTools().tools()) {
                client.callTool(tool.name(), Map.of());
            }
            for (Resource resource : client.listResources().resources()) {
                client.readResource(resource.uri());
            }
            for (Prompt prompt : client.listPrompts().prompts()) {
                client.getPrompt(prompt.name(), Map.of());
            }
        }
        return 0;
    }

    /**
     * http-custom-headers (SEP-2243, 2026-07-28 only): the tools' input schemas mark parameters with
     * {@code x-mcp-header}; the client must mirror their values into {@code Mcp-Param-<Name>} headers
     * (booleans and numbers as text, values with non-ASCII characters, control characters or
     * leading/trailing whitespace as {@code =?base64?...?=}), leave out parameters without the mark and
     * parameters whose value is null. The calls and their arguments come from the scenario's context
     * ({@code toolCalls}); the tools are listed first, so the client knows their schemas.
     */
    private static int customHeaders(String url) {
        JsonNode context = context();
        try (McpClient client = client(url)) {
            ListToolsResult tools = client.listTools();
            for (JsonNode call : context.path("toolCalls")) {
                String name = call.path("name").asString();
                requireTool(tools, name);
                client.callTool(name, arguments(call.path("arguments")));
            }
        }
        return 0;
    }

    /**
     * http-invalid-tool-headers (SEP-2243, 2026-07-28 only): besides {@code valid_tool}, the server lists
     * ten tools whose {@code x-mcp-header} marks are invalid (empty, on a non-primitive, duplicated,
     * with a space, colon, non-ASCII or control character); the client must leave those out of the tools
     * it offers and keep the valid one. So this program calls every tool the client lists, with
     * arguments made up from each one's schema: a client that drops the invalid tools calls
     * {@code valid_tool} only. The suite accepts any exit code here.
     */
    private static int invalidToolHeaders(String url) {
        try (McpClient client = client(url)) {
            for (Tool tool : client.listTools().tools()) {
                client.callTool(tool.name(), sampleArguments(tool.inputSchema()));
            }
        }
        return 0;
    }

    /**
     * json-schema-ref-no-deref (SEP-2106, 2026-07-28 only): the one tool's input schema holds a
     * {@code $ref} to a URL on the scenario's server; listing the tools (and whatever the client does with
     * their schemas) must never fetch it. The server answers only {@code tools/list}.
     */
    private static int refNoDeref(String url) {
        try (McpClient client = client(url)) {
            requireTool(client.listTools(), "lookup_user");
        }
        return 0;
    }

    /**
     * json-schema-2020-12-preservation (SEP-1613, SEP-2106; at 2025-11-25 by default, also at
     * 2026-07-28): the client must keep a tool's input schema as the server sent it ({@code $schema},
     * {@code $defs} with an {@code $anchor}, {@code additionalProperties}, {@code allOf}/{@code anyOf},
     * {@code if}/{@code then}/{@code else}); this program sends the schema it got for
     * {@code json_schema_2020_12_tool} back through {@code json_schema_echo}.
     */
    private static int schemaPreservation(String url) {
        try (McpClient client = client(url)) {
            Tool focal = client.listTools().tools().stream()
                    .filter(t -> t.name().equals("json_schema_2020_12_tool")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("the server does not list json_schema_2020_12_tool"));
            return expect(client.callTool("json_schema_echo", Map.of("schema", focal.inputSchema())), "echoed");
        }
    }

    /** Declares roots, sampling and elicitation (form and URL), with handlers that answer simply. */
    private static void everyClientCapability(McpClientBuilder builder) {
        builder.roots(() -> List.of(new Root("file:///tmp/conformance", "conformance", null)))
                .sampling(request -> new CreateMessageResult(Role.ASSISTANT, new TextContent("sampled"),
                        "conformance-model", CreateMessageResult.STOP_END_TURN))
                .elicitation(ConformanceClient::decline, ClientCapabilities.ElicitationCapability.of(true, true));
    }

    private static ElicitResult decline(ElicitRequest request) {
        return ElicitResult.decline();
    }

    /** The scenario's context ({@code MCP_CONFORMANCE_CONTEXT}), or an empty object. */
    static JsonNode context() {
        String json = System.getenv("MCP_CONFORMANCE_CONTEXT");
        if (json == null || json.isBlank()) {
            throw new IllegalStateException("the suite gave no MCP_CONFORMANCE_CONTEXT");
        }
        return McpJson.mapper().readTree(json);
    }

    /** Tool arguments from JSON, nulls included (a null argument is one the client sends as null). */
    static Map<String, Object> arguments(JsonNode json) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        json.properties().forEach(e -> arguments.put(e.getKey(), McpJson.mapper().convertValue(e.getValue(), Object.class)));
        return arguments;
    }

    /** Arguments for the required properties of an input schema, a made-up value of each one's type. */
    static Map<String, Object> sampleArguments(JsonNode inputSchema) {
        Map<String, Object> arguments = new LinkedHashMap<>();
        if (inputSchema == null) {
            return arguments;
        }
        for (JsonNode required : inputSchema.path("required")) {
            String name = required.asString();
            String type = inputSchema.path("properties").path(name).path("type").asString("string");
            Object value;
            switch (type) {
                case "integer":
                case "number":
                    value = 1;
                    break;
                case "boolean":
                    value = true;
                    break;
                case "object":
                    value = Map.of();
                    break;
                case "array":
                    value = List.of();
                    break;
                case "null":
                    value = null;
                    break;
                default:
                    value = "us-west1";
            }
            arguments.put(name, value);
        }
        return arguments;
    }

    static void requireTool(ListToolsResult tools, String name) {
        if (tools.tools().stream().noneMatch(t -> t.name().equals(name))) {
            List<String> names = new ArrayList<>();
            tools.tools().forEach(t -> names.add(t.name()));
            throw new IllegalStateException("the server does not list the tool " + name + ": " + names);
        }
    }

    static int expect(CallToolResult result, String fragment) {
        String text = text(result);
        if (result.isError() || !text.contains(fragment)) {
            System.err.println("conformance client: unexpected tool result (expected text with '" + fragment + "'): "
                    + result);
            return 1;
        }
        System.out.println(text);
        return 0;
    }

    static String text(CallToolResult result) {
        return result.content().stream()
                .filter(TextContent.class::isInstance)
                .map(c -> ((TextContent) c).text())
                .collect(Collectors.joining("\n"));
    }
}
