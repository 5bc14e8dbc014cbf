package dev.mcpclient.samples.quickstart;

import dev.mcpclient.CallOptions;
import dev.mcpclient.McpClient;
import dev.mcpclient.McpException;
import dev.mcpclient.boot.autoconfigure.McpClientRegistry;
import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.schema.Content;
import dev.mcpclient.schema.InitializeResult;
import dev.mcpclient.schema.TextContent;
import dev.mcpclient.schema.Tool;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.ExitCodeGenerator;
import org.springframework.stereotype.Component;

/**
 * For every configured server: what it is, its tools, and a few calls (blocking, reactive, and a
 * long-running one with a live progress bar). The exit code is 1 when a server could not be used.
 */
@Component
class QuickstartRunner implements ApplicationRunner, ExitCodeGenerator {

    private final McpClientRegistry clients;
    private final PrintStream out = System.out;
    private volatile int exitCode;

    QuickstartRunner(McpClientRegistry clients) {
        this.clients = clients;
    }

    @Override
    public void run(ApplicationArguments args) throws InterruptedException {
        for (String server : clients.names()) {
            try {
                demo(server, clients.client(server));
            } catch (McpException e) {
                out.println("  failed: " + e.getMessage());
                exitCode = 1;
            }
        }
    }

    private void demo(String server, McpClient client) throws InterruptedException {
        InitializeResult session = client.initialize();
        out.printf("MCP server '%s': %s %s, protocol %s%n", server, session.serverInfo().name(),
                session.serverInfo().version(), session.protocolVersion());

        List<String> tools = client.listTools().tools().stream().map(Tool::name).toList();
        out.println("  tools: " + String.join(", ", tools));

        if (tools.contains("greet")) {
            show("greet(name: \"Spring\")", client.callTool("greet", Map.of("name", "Spring")));
        }
        if (tools.contains("add")) {
            // The reactive twin of the same client: a Mono per call.
            CallToolResult sum = clients.reactiveClient(server).callTool("add", Map.of("a", 19, "b", 23))
                    .block(Duration.ofSeconds(30));
            show("add(a: 19, b: 23)", sum);
        }
        if (tools.contains("countdown")) {
            ProgressBar bar = new ProgressBar(out, "countdown(steps: 10)");
            CallToolResult result = client.callTool("countdown", Map.of("steps", 10),
                    CallOptions.withTimeout(Duration.ofSeconds(60)).progress(bar::update));
            bar.finish();
            show("countdown(steps: 10)", result);
        }
        if (!tools.contains("greet") && !tools.contains("add") && !tools.contains("countdown")) {
            out.println("  (this server has none of the demo tools greet, add and countdown: listed only)");
        }
    }

    private void show(String call, CallToolResult result) {
        String text = result.content().stream().map(QuickstartRunner::text).collect(Collectors.joining(" "));
        out.println("  " + call + " -> " + (result.isError() ? "tool error: " : "") + text);
    }

    private static String text(Content content) {
        return content instanceof TextContent t ? t.text() : "[" + content.getClass().getSimpleName() + "]";
    }

    @Override
    public int getExitCode() {
        return exitCode;
    }
}
