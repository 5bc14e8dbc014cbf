package dev.mcpclient.interop;

import dev.mcpclient.McpClient;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.ClientCapabilities;
import dev.mcpclient.schema.ElicitResult;
import dev.mcpclient.schema.ListToolsResult;
import dev.mcpclient.schema.TextContent;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The client under test of the official MCP conformance suite ({@code @modelcontextprotocol/conformance}).
 *
 * <p>The suite starts this program once per scenario with the scenario's server URL as the last
 * argument and the scenario's name in {@code MCP_CONFORMANCE_SCENARIO}. It exits 0 when it did what the
 * scenario asks, 1 when a call failed or returned something unexpected, and 2 for a scenario it does not
 * know. The suite judges the protocol traffic itself; the exit code only tells it the client finished.
 */
public final class ConformanceClient {

    /** The client scenarios that are not about authorization, in the order the suite lists them. */
    public static final java.util.List<String> SCENARIOS =
            java.util.List.of("initialize", "tools_call", "elicitation-sep1034-client-defaults", "sse-retry");

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
        switch (scenario) {
            case "initialize":
                return initialize(url);
            case "tools_call":
                return toolsCall(url);
            case "sse-retry":
                return sseRetry(url);
            case "elicitation-sep1034-client-defaults":
                return elicitationDefaults(url);
            default:
                System.err.println("conformance client: unsupported scenario " + scenario);
                return 2;
        }
    }

    /** Builds the client every scenario uses. */
    static McpClient client(String url) {
        return McpClient.streamableHttp(url)
                .clientInfo("mcp-client-java-conformance", "0.1.0")
                .requestTimeout(Duration.ofSeconds(10))
                .build();
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
        try (McpClient client = McpClient.streamableHttp(url)
                .clientInfo("mcp-client-java-conformance", "0.1.0")
                .requestTimeout(Duration.ofSeconds(10))
                .elicitation(request -> ElicitResult.accept(Map.of()), applyDefaults)
                .build()) {
            requireTool(client.listTools(), "test_client_elicitation_defaults");
            CallToolResult result = client.callTool("test_client_elicitation_defaults", Map.of());
            return expect(result, "Elicitation completed");
        }
    }

    static void requireTool(ListToolsResult tools, String name) {
        if (tools.tools().stream().noneMatch(t -> t.name().equals(name))) {
            throw new IllegalStateException("the server does not list the tool " + name + ": " + tools.tools());
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
