package dev.mcpclient;

import static dev.mcpclient.support.Messages.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpclient.schema.CallToolResult;
import dev.mcpclient.support.McpFixture;
import dev.mcpclient.support.Watchdog;
import dev.mcpclient.testserver.ProgrammableMcpServer;
import dev.mcpclient.testserver.Reply;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import reactor.core.publisher.Mono;

/** Interceptors wrap each call in the order they were added, and see it as the caller does: its result or its failure. */
class InterceptorChainTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @RegisterExtension
    static final Watchdog watchdog = new Watchdog();
    @RegisterExtension
    final McpFixture mcp = McpFixture.streamableHttp(client -> client.requestTimeout(WAIT));
    private final ProgrammableMcpServer server = mcp.server();
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @BeforeEach
    void tools() {
        server.onPost("tools/list", (req, ex) -> Reply.result(req.id(), json("""
                {"tools":[{"name":"weather","inputSchema":{"type":"object"},"outputSchema":{"type":"object",
                  "properties":{"temperature":{"type":"number"}},"required":["temperature"]}}]}""")));
        server.onPost("tools/call", (req, ex) -> Reply.result(req.id(),
                "bad".equals(req.params().path("arguments").path("shape").asString())
                        ? json("{\"content\":[],\"structuredContent\":{\"temperature\":\"warm\"}}")
                        : json("{\"content\":[],\"structuredContent\":{\"temperature\":21.5}}")));
    }

    /** An interceptor that records how each call it wraps ends, under its name. */
    private McpCallInterceptor recording(String name) {
        return new McpCallInterceptor() {
            @Override
            public <T> Mono<T> intercept(McpCall call, Mono<T> execution) {
                return Mono.defer(() -> {
                    seen.add(name + " enters " + call.method());
                    return execution;
                }).doOnSuccess(value -> seen.add(name + " sees " + call.method() + " succeed"))
                        .doOnError(e -> seen.add(name + " sees " + call.method() + " fail: " + e.getClass().getSimpleName()));
            }
        };
    }

    @Test
    void theFirstInterceptorAddedIsTheOutermost() {
        McpClient client = mcp.client(builder -> builder.interceptor(recording("outer")).interceptor(recording("inner")));

        client.ping();

        assertThat(seen).containsExactly("outer enters ping", "inner enters ping", "inner sees ping succeed",
                "outer sees ping succeed");
    }

    @Test
    void aSchemaMismatchBeforeTheToolListIsCachedIsTheCallsFailureToInterceptors() {
        McpClient client = mcp.client(builder -> builder.interceptor(recording("observer")));

        assertThatThrownBy(() -> client.callTool("weather", Map.of("shape", "bad")))
                .isInstanceOf(McpOutputSchemaException.class);

        // The tool list fetched for the check is a call of its own, inside the tools/call.
        assertThat(seen).containsExactly("observer enters tools/call", "observer enters tools/list",
                "observer sees tools/list succeed", "observer sees tools/call fail: McpOutputSchemaException");
    }

    @Test
    void aSchemaMismatchWithTheToolListCachedIsTheCallsFailureToInterceptors() {
        McpClient client = mcp.client(builder -> builder.interceptor(recording("observer")));
        client.listTools();
        seen.clear();

        assertThatThrownBy(() -> client.callTool("weather", Map.of("shape", "bad")))
                .isInstanceOf(McpOutputSchemaException.class);
        CallToolResult good = client.callTool("weather", Map.of("shape", "good"));

        assertThat(good.structuredContent().path("temperature").asDouble()).isEqualTo(21.5);
        assertThat(seen).containsExactly("observer enters tools/call",
                "observer sees tools/call fail: McpOutputSchemaException", "observer enters tools/call",
                "observer sees tools/call succeed");
    }
}
